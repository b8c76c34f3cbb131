/**
 * Pairs as a flat table for CSV and Parquet: one row per pair with the same columns whatever the
 * prompt settings, so a spreadsheet or a dataframe sees one stable shape. Tags are a list in
 * Parquet and "; "-joined in CSV.
 */
import { csvRecord, type CsvSettings } from './csv';
import type { ExportablePair } from './exportable';
import { parquetChunks, type ParquetColumn, type ParquetSettings } from './parquet';
import { contextOf, type PromptSettings } from './prompt';

export const qaTableColumns: readonly ParquetColumn[] = [
  { name: 'id', type: 'string' },
  { name: 'system', type: 'string' },
  { name: 'question', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'answer', type: 'string' },
  { name: 'tags', type: 'string-list' },
];

export type QaTableRow = {
  id: string;
  system: string;
  question: string;
  context: string;
  answer: string;
  tags: readonly string[];
};

export function qaTableRow(pair: ExportablePair, settings: PromptSettings): QaTableRow {
  return {
    id: pair.id,
    system: settings.systemPrompt.trim() === '' ? '' : settings.systemPrompt,
    question: pair.question,
    context: contextOf(pair, settings),
    answer: pair.answer,
    tags: [...pair.tags].sort(),
  };
}

const qaCsvColumns = qaTableColumns.map(({ name }) => name);

/** The CSV header line, after a byte order mark when asked. */
export function qaCsvHeader(csv: CsvSettings): string {
  return (csv.bom ? '\ufeff' : '') + csvRecord(qaCsvColumns);
}

/** One CSV record per pair, without the header. */
export function* qaCsvRecords(
  pairs: Iterable<ExportablePair>,
  prompt: PromptSettings,
): Generator<string> {
  for (const pair of pairs) {
    const row = qaTableRow(pair, prompt);
    yield csvRecord([
      row.id,
      row.system,
      row.question,
      row.context,
      row.answer,
      row.tags.join('; '),
    ]);
  }
}

export function* qaCsvLines(
  pairs: Iterable<ExportablePair>,
  prompt: PromptSettings,
  csv: CsvSettings,
): Generator<string> {
  yield qaCsvHeader(csv);
  yield* qaCsvRecords(pairs, prompt);
}

export function* qaParquetChunks(
  pairs: Iterable<ExportablePair>,
  prompt: PromptSettings,
  parquet?: ParquetSettings,
): Generator<Uint8Array> {
  function* rows(): Generator<QaTableRow> {
    for (const pair of pairs) yield qaTableRow(pair, prompt);
  }
  yield* parquetChunks(qaTableColumns, rows(), parquet);
}
