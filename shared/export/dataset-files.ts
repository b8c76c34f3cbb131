/**
 * The files of a dataset export for each format, as a plan: a path and a function that streams
 * the file's chunks when the writer gets to it. Files are streamed one after another; a file that
 * describes others (the dataset card) is produced last and is told what was written before it.
 *
 *   openai-chat | alpaca | sharegpt   <split>.jsonl
 *   csv                               <split>.csv
 *   parquet                           <split>.parquet
 *   hf                                data/<split>-00000-of-00001.(jsonl|parquet) + README.md
 *
 * each with dataset_info.json, LLaMA-Factory's entry for every split file, *
 * and for every format reports/dropped.jsonl (dedupe) and reports/leakage.jsonl when not empty.
 */
import { alpacaJsonlLines } from './alpaca';
import type { CurationSettings, CuratedDataset } from './curate';
import type { ExportablePair } from './exportable';
import {
  datasetCard,
  defaultCardSettings,
  detectLanguages,
  type CardSettings,
  type CardSplit,
} from './hf-card';
import { llamaFactoryDatasetInfo, type LlamaFactoryFormat } from './llama-factory';
import { chatJsonlLines, chatLineOf } from './openai-chat';
import {
  defaultParquetSettings,
  parquetChunks,
  type ParquetColumn,
  type ParquetSettings,
} from './parquet';
import { defaultPromptSettings, hasSystemPrompt, type PromptSettings } from './prompt';
import { qaCsvLines, qaParquetChunks } from './qa-table';
import { shareGptJsonlLines } from './sharegpt';
import { splitNames, type SplitName } from './splits';
import type { Chunk, FileDigest } from './stream';

export const qaFormats = ['openai-chat', 'alpaca', 'sharegpt', 'csv', 'parquet', 'hf'] as const;
export type QaFormat = (typeof qaFormats)[number];

export function isQaFormat(value: string): value is QaFormat {
  return (qaFormats as readonly string[]).includes(value);
}

export interface DatasetOutputSettings {
  format: QaFormat;
  prompt: PromptSettings;
  /** CSV: start with a UTF-8 byte order mark, for Excel. */
  csvBom: boolean;
  /** Hugging Face folder: the data files' format. */
  hfDataFormat: 'jsonl' | 'parquet';
  card: CardSettings;
  /** Prefix of the LLaMA-Factory dataset names (`<name>_train` …). */
  name: string;
  parquet: ParquetSettings;
}

export const defaultOutputSettings: DatasetOutputSettings = {
  format: 'openai-chat',
  prompt: defaultPromptSettings,
  csvBom: false,
  hfDataFormat: 'jsonl',
  card: defaultCardSettings,
  name: 'tessera',
  parquet: defaultParquetSettings,
};

export interface PlannedFile {
  path: string;
  /** Examples in the file, for data files. */
  rows?: number;
  split?: SplitName;
  chunks: (written: ReadonlyMap<string, FileDigest>) => Iterable<Chunk>;
}

const hfColumns: readonly ParquetColumn[] = [
  { name: 'id', type: 'string' },
  { name: 'messages', type: 'messages' },
];

/** The splits that get a file: those with a share of the data, and any that hold pairs. */
export function writtenSplits(curated: CuratedDataset, settings: CurationSettings): SplitName[] {
  return splitNames.filter(
    (name) => settings.split.ratios[name] > 0 || curated.splits[name].length > 0,
  );
}

/**
 * `onRow` is called as each example is pulled into a data file, so a progress bar can move
 * inside one large file instead of jumping when it is done.
 */
export function planDatasetFiles(
  curated: CuratedDataset,
  curation: CurationSettings,
  output: DatasetOutputSettings,
  onRow?: () => void,
): PlannedFile[] {
  const splits = writtenSplits(curated, curation);
  const files: PlannedFile[] = [];
  const { prompt } = output;
  const datasetInfo = (format: LlamaFactoryFormat, fileOf: (split: SplitName) => string) =>
    files.push({
      path: 'dataset_info.json',
      chunks: () => [
        llamaFactoryDatasetInfo(
          output.name,
          format,
          splits.map((split) => ({ split, fileName: fileOf(split) })),
          hasSystemPrompt(prompt),
        ),
      ],
    });
  const data = (
    path: string,
    split: SplitName,
    chunks: (pairs: Iterable<ExportablePair>) => Iterable<Chunk>,
  ) =>
    files.push({
      path,
      rows: curated.splits[split].length,
      split,
      chunks: () => chunks(onRow ? counted(curated.splits[split], onRow) : curated.splits[split]),
    });

  switch (output.format) {
    case 'openai-chat':
    case 'alpaca':
    case 'sharegpt': {
      const lines =
        output.format === 'openai-chat'
          ? chatJsonlLines
          : output.format === 'alpaca'
            ? alpacaJsonlLines
            : shareGptJsonlLines;
      for (const split of splits) data(`${split}.jsonl`, split, (pairs) => lines(pairs, prompt));
      datasetInfo(output.format, (split) => `${split}.jsonl`);
      break;
    }
    case 'csv':
      for (const split of splits)
        data(`${split}.csv`, split, (pairs) => qaCsvLines(pairs, prompt, { bom: output.csvBom }));
      datasetInfo('qa-table', (split) => `${split}.csv`);
      break;
    case 'parquet':
      for (const split of splits)
        data(`${split}.parquet`, split, (pairs) => qaParquetChunks(pairs, prompt, output.parquet));
      datasetInfo('qa-table', (split) => `${split}.parquet`);
      break;
    case 'hf': {
      const extension = output.hfDataFormat;
      const pathOf = (split: SplitName) => `data/${split}-00000-of-00001.${extension}`;
      for (const split of splits)
        data(pathOf(split), split, (pairs) => hfRows(pairs, prompt, extension, output.parquet));
      // The data files hold OpenAI-style messages, whichever the file format.
      datasetInfo('openai-chat', pathOf);
      files.push({
        path: 'README.md',
        chunks: (written) => {
          const cardSplits: CardSplit[] = splits.map((split) => ({
            name: split,
            pattern: `data/${split}-*`,
            numExamples: curated.splits[split].length,
            numBytes: written.get(pathOf(split))?.bytes ?? 0,
          }));
          const languages =
            output.card.languages ??
            detectLanguages(splits.flatMap((split) => curated.splits[split]));
          return [
            datasetCard(output.card, languages, cardSplits, {
              dataFormat: extension,
              seed: curation.split.seed,
              ratios: curation.split.ratios,
              stratifyByTag: curation.split.stratifyByTag,
              report: curated.report,
              hasSystemPrompt: hasSystemPrompt(prompt),
              includesEvidence: prompt.includeEvidence,
            }),
          ];
        },
      });
      break;
    }
  }

  const dropped = curated.report.dedupe?.dropped ?? [];
  if (dropped.length > 0)
    files.push({
      path: 'reports/dropped.jsonl',
      rows: dropped.length,
      chunks: () => jsonLines(dropped),
    });
  const leaked = curated.report.leakage.nearDuplicates;
  if (leaked.length > 0)
    files.push({
      path: 'reports/leakage.jsonl',
      rows: leaked.length,
      chunks: () => jsonLines(leaked),
    });
  return files;
}

function* counted<T>(items: Iterable<T>, onItem: () => void): Generator<T> {
  for (const item of items) {
    onItem();
    yield item;
  }
}

function* jsonLines(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield JSON.stringify(item) + '\n';
}

function* hfRows(
  pairs: Iterable<ExportablePair>,
  prompt: PromptSettings,
  format: 'jsonl' | 'parquet',
  parquet: ParquetSettings,
): Generator<Chunk> {
  function* rows() {
    for (const pair of pairs) yield { id: pair.id, messages: chatLineOf(pair, prompt).messages };
  }
  if (format === 'parquet') yield* parquetChunks(hfColumns, rows(), parquet);
  else for (const row of rows()) yield JSON.stringify(row) + '\n';
}
