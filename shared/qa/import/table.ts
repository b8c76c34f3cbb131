import { detectDelimiter, parseDelimited } from '../../ingest/delimited';
import { decodeText, detectEncoding } from '../../ingest/encoding';
import { IngestError } from '../../ingest/errors';
import { parseJsonRecords, parseNdjson } from '../../ingest/json';
import type { ImportMode, IngestItem } from '../../ingest/types';

export type DraftFileFormat = 'delimited' | 'json' | 'jsonl' | 'medquad-xml';

const formatsByExtension: Record<string, DraftFileFormat> = {
  csv: 'delimited',
  tsv: 'delimited',
  tab: 'delimited',
  txt: 'delimited',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  xml: 'medquad-xml',
};

/** The format of a drafts file from its name; null for a kind of file drafts do not come in. */
export function draftFormatOf(fileName: string): DraftFileFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot === -1) return null;
  return formatsByExtension[fileName.slice(dot + 1).toLowerCase()] ?? null;
}

/** A file's text, in whichever encoding it came (Chinese exports are often GB18030). */
export function decodeDraftFile(fileName: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new IngestError(fileName, null, 'the file is empty');
  return decodeText(fileName, bytes, detectEncoding(bytes).encoding);
}

/** Rows of a CSV, TSV, JSON or JSONL drafts file, by column name, with the line each starts on. */
export interface DraftTable {
  fileName: string;
  fields: string[];
  rows: { line: number; values: Record<string, string> }[];
  /** Lenient mode: lines the parser could not read, and why. */
  skipped: { line: number; reason: string }[];
}

/** Reads the file with the records import's own parsers, so it fails the same way they do. */
export function readDraftTable(
  text: string,
  fileName: string,
  format: Exclude<DraftFileFormat, 'medquad-xml'>,
  mode: ImportMode,
): DraftTable {
  const options = { fileName, mode };
  const items: Iterable<IngestItem> =
    format === 'delimited'
      ? parseDelimited(text, { ...options, delimiter: detectDelimiter(text, fileName) })
      : format === 'json'
        ? parseJsonRecords(text, options)
        : parseNdjson(text, options);
  const table: DraftTable = { fileName, fields: [], rows: [], skipped: [] };
  const seen = new Set<string>();
  const addField = (field: string) => {
    if (!seen.has(field)) table.fields.push(field);
    seen.add(field);
  };
  for (const item of items) {
    const line = item.kind === 'fields' ? 0 : (item.origin.line ?? 0);
    switch (item.kind) {
      case 'fields':
        item.fields.forEach(addField);
        break;
      case 'row':
        table.rows.push({
          line,
          values: Object.fromEntries(
            table.fields.map((field, index) => [field, item.values[index] ?? '']),
          ),
        });
        break;
      case 'record':
        Object.keys(item.record).forEach(addField);
        table.rows.push({ line, values: item.record });
        break;
      case 'skip':
        table.skipped.push({ line, reason: item.reason });
        break;
    }
  }
  return table;
}
