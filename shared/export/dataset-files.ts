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
  LanguageCounter,
  type CardSettings,
  type CardSplit,
} from './hf-card';
import { llamaFactoryDatasetInfo, type LlamaFactoryFormat } from './llama-factory';
import { chatJsonlLines, chatLineOf } from './openai-chat';
import {
  defaultParquetSettings,
  ParquetStream,
  type ParquetColumn,
  type ParquetRow,
  type ParquetSettings,
} from './parquet';
import { defaultPromptSettings, hasSystemPrompt, type PromptSettings } from './prompt';
import { qaCsvHeader, qaCsvRecords, qaTableColumns, qaTableRow } from './qa-table';
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
  chunks: (written: ReadonlyMap<string, FileDigest>) => AsyncIterable<Chunk> | Iterable<Chunk>;
}

/**
 * How one data file encodes its examples as they are read, a batch at a time: a start (a CSV
 * header), each batch, an end (a Parquet footer).
 */
interface BatchEncoder {
  start?: () => Iterable<Chunk>;
  batch: (pairs: readonly ExportablePair[]) => Iterable<Chunk>;
  end?: () => Iterable<Chunk>;
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
  const languages = new LanguageCounter();
  const data = (path: string, split: SplitName, encoder: () => BatchEncoder) =>
    files.push({
      path,
      rows: curated.splits[split].length,
      split,
      chunks: () =>
        encoded(curated.pairs(split, prompt.includeEvidence), encoder(), (pairs) => {
          for (const pair of pairs) {
            languages.add(pair);
            onRow?.();
          }
        }),
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
      for (const split of splits)
        data(`${split}.jsonl`, split, () => ({ batch: (pairs) => lines(pairs, prompt) }));
      datasetInfo(output.format, (split) => `${split}.jsonl`);
      break;
    }
    case 'csv':
      for (const split of splits)
        data(`${split}.csv`, split, () => ({
          start: () => [qaCsvHeader({ bom: output.csvBom })],
          batch: (pairs) => qaCsvRecords(pairs, prompt),
        }));
      datasetInfo('qa-table', (split) => `${split}.csv`);
      break;
    case 'parquet':
      for (const split of splits)
        data(`${split}.parquet`, split, () =>
          parquetEncoder(qaTableColumns, (pair) => qaTableRow(pair, prompt), output.parquet),
        );
      datasetInfo('qa-table', (split) => `${split}.parquet`);
      break;
    case 'hf': {
      const extension = output.hfDataFormat;
      const pathOf = (split: SplitName) => `data/${split}-00000-of-00001.${extension}`;
      const hfRow = (pair: ExportablePair) => ({
        id: pair.id,
        messages: chatLineOf(pair, prompt).messages,
      });
      for (const split of splits)
        data(pathOf(split), split, () =>
          extension === 'parquet'
            ? parquetEncoder(hfColumns, hfRow, output.parquet)
            : { batch: (pairs) => pairs.map((pair) => JSON.stringify(hfRow(pair)) + '\n') },
        );
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
          return [
            datasetCard(output.card, output.card.languages ?? languages.languages(), cardSplits, {
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

async function* encoded(
  batches: AsyncIterable<readonly ExportablePair[]>,
  encoder: BatchEncoder,
  onBatch: (pairs: readonly ExportablePair[]) => void,
): AsyncGenerator<Chunk> {
  if (encoder.start) yield* encoder.start();
  for await (const pairs of batches) {
    onBatch(pairs);
    yield* encoder.batch(pairs);
  }
  if (encoder.end) yield* encoder.end();
}

function parquetEncoder(
  columns: readonly ParquetColumn[],
  rowOf: (pair: ExportablePair) => ParquetRow,
  settings: ParquetSettings,
): BatchEncoder {
  const stream = new ParquetStream(columns, settings);
  return {
    batch: (pairs) => stream.push(pairs.map(rowOf)),
    end: () => stream.finish(),
  };
}

function* jsonLines(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield JSON.stringify(item) + '\n';
}
