/**
 * The README.md of a Hugging Face–style dataset folder: YAML front matter in the shape the Hub's
 * dataset card metadata documents (license, language, task_categories, size_categories,
 * annotations_creators, dataset_info with features and splits, configs pointing at data/), then a
 * short card that says how the data was curated. No timestamps: the same export gives the same
 * card.
 */
import { stringify } from 'yaml';
import type { CurationReport } from './curate';
import type { ExportablePair } from './exportable';
import type { SplitName, SplitRatios } from './splits';

export interface CardSettings {
  prettyName: string;
  /** A Hub license id (e.g. "cc-by-nc-4.0"), or "other" for terms of your own. */
  license: string;
  /** ISO 639-1 codes; detected from the text when absent. */
  languages?: readonly string[];
  taskCategories: readonly string[];
  tags: readonly string[];
  description: string;
}

export const defaultCardSettings: CardSettings = {
  prettyName: 'Tessera question–answer dataset',
  license: 'other',
  taskCategories: ['question-answering', 'text-generation'],
  tags: ['medical', 'tessera'],
  description:
    'Question–answer pairs written from source records and approved by domain experts in Tessera.',
};

export interface CardSplit {
  name: SplitName;
  /** Glob of the split's data files inside the folder, e.g. "data/train-*". */
  pattern: string;
  numExamples: number;
  /** Bytes of the split's data files as written. */
  numBytes: number;
}

export interface CardFacts {
  dataFormat: 'jsonl' | 'parquet';
  seed: number;
  ratios: SplitRatios;
  stratifyByTag?: string;
  report: CurationReport;
  hasSystemPrompt: boolean;
  includesEvidence: boolean;
}

/** The Hub's size buckets: n<1K, 1K<n<10K, … 1B<n<10B. */
export function sizeCategory(count: number): string {
  const buckets = ['1K', '10K', '100K', '1M', '10M', '100M', '1B', '10B'];
  const limits = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
  if (count < 1e3) return 'n<1K';
  for (let index = 1; index < limits.length; index++)
    if (count < (limits[index] ?? Infinity)) return `${buckets[index - 1]}<n<${buckets[index]}`;
  return 'n>10B';
}

/**
 * "zh" when Han characters make up at least a tenth of the letters, "en" when Latin words of
 * three letters or more do; lab abbreviations in Chinese notes ("Hb", "g/L") stay below that.
 */
export function detectLanguages(pairs: Iterable<ExportablePair>): string[] {
  const counter = new LanguageCounter();
  for (const pair of pairs) counter.add(pair);
  return counter.languages();
}

/** `detectLanguages` fed one pair at a time, as the data files stream past. */
export class LanguageCounter {
  private han = 0;
  private latin = 0;

  add(pair: ExportablePair): void {
    const text = `${pair.question} ${pair.answer}`;
    this.han += text.match(/\p{Script=Han}/gu)?.length ?? 0;
    for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) this.latin += word.length;
  }

  languages(): string[] {
    const total = this.han + this.latin;
    if (total === 0) return [];
    const languages: string[] = [];
    if (this.latin / total >= 0.1) languages.push('en');
    if (this.han / total >= 0.1) languages.push('zh');
    return languages;
  }
}

export const hfFeatures = [
  { name: 'id', dtype: 'string' },
  {
    name: 'messages',
    list: [
      { name: 'role', dtype: 'string' },
      { name: 'content', dtype: 'string' },
    ],
  },
];

export function cardMetadata(
  settings: CardSettings,
  languages: readonly string[],
  splits: readonly CardSplit[],
): Record<string, unknown> {
  const examples = splits.reduce((sum, split) => sum + split.numExamples, 0);
  const bytes = splits.reduce((sum, split) => sum + split.numBytes, 0);
  return {
    pretty_name: settings.prettyName,
    license: settings.license,
    language: [...languages],
    task_categories: [...settings.taskCategories],
    size_categories: [sizeCategory(examples)],
    annotations_creators: ['expert-generated'],
    language_creators: ['expert-generated'],
    multilinguality: [languages.length > 1 ? 'multilingual' : 'monolingual'],
    source_datasets: ['original'],
    tags: [...settings.tags],
    dataset_info: {
      features: hfFeatures,
      splits: splits.map((split) => ({
        name: split.name,
        num_bytes: split.numBytes,
        num_examples: split.numExamples,
      })),
      download_size: bytes,
      dataset_size: bytes,
    },
    configs: [
      {
        config_name: 'default',
        data_files: splits.map((split) => ({ split: split.name, path: split.pattern })),
      },
    ],
  };
}

export function datasetCard(
  settings: CardSettings,
  languages: readonly string[],
  splits: readonly CardSplit[],
  facts: CardFacts,
): string {
  const front = stringify(cardMetadata(settings, languages, splits), { lineWidth: 0 });
  const { report } = facts;
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  const lines = [
    `# ${settings.prettyName}`,
    '',
    settings.description,
    '',
    '## Splits',
    '',
    '| split | examples | bytes |',
    '| --- | ---: | ---: |',
    ...splits.map((split) => `| ${split.name} | ${split.numExamples} | ${split.numBytes} |`),
    '',
    `Each row has an \`id\` and \`messages\` (${facts.hasSystemPrompt ? 'system, ' : ''}user, assistant) in ${facts.dataFormat === 'parquet' ? 'Parquet' : 'JSON Lines'}; ${facts.includesEvidence ? 'the user turn gives the cited record before the question' : 'the user turn is the question alone'}.`,
    '',
    '```python',
    'from datasets import load_dataset',
    'dataset = load_dataset("path/to/this/folder")',
    '```',
    '',
    '## Curation',
    '',
    `- ${report.input} pairs in the project; ${report.filtered} passed the filters.`,
    report.deidentification
      ? `- De-identified (${report.deidentification.settings.mode}s, dates ${report.deidentification.settings.dates}): ${
          Object.entries(report.deidentification.counts)
            .filter(([, count]) => count > 0)
            .map(([type, count]) => `${count} ${type}`)
            .join(', ') || 'nothing found'
        }.`
      : '- Not de-identified by the export.',
    report.dedupe
      ? `- Deduplicated: ${report.dedupe.dropped.filter((drop) => drop.reason === 'exact').length} exact and ${report.dedupe.dropped.filter((drop) => drop.reason === 'near').length} near repeats dropped (Jaccard ≥ ${report.dedupe.settings.threshold} over ${report.dedupe.settings.shingleSize}-character shingles).`
      : '- Not deduplicated.',
    `- Split ${percent(facts.ratios.train)} / ${percent(facts.ratios.validation)} / ${percent(facts.ratios.test)} with seed ${facts.seed}, grouped by patient or record (${report.groups} groups)${facts.stratifyByTag ? `, stratified by tag "${facts.stratifyByTag}"` : ''}.`,
    `- Leakage check: ${report.leakage.nearDuplicates.length} near-duplicates across splits${report.leakage.nearRepeats === 'removed-by-dedupe' ? ' (near repeats were removed before splitting)' : ''}, ${report.leakage.sharedGroups.length} groups in more than one split.`,
    '',
    'The manifest.json next to this card lists the SHA-256 and size of every file.',
    '',
  ];
  return `---\n${front}---\n\n${lines.join('\n')}`;
}
