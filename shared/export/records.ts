/**
 * Normalized records for export: canonical field names and codes where the dictionary maps them,
 * raw names elsewhere, and on request the raw name and value alongside. JSONL keeps one record
 * per line; CSV and Parquet use a long table (one row per field of a record) so that records
 * from sources with different columns share one file and one header.
 */
import { csvLines, type CsvSettings } from './csv';
import { parquetChunks, type ParquetColumn, type ParquetSettings } from './parquet';
import type { NormalizedRecordLine } from './records-jsonl';

export interface ExportableField {
  /** The column name in the source file. */
  raw: string;
  rawValue: string;
  /** Canonical name when the raw name is mapped, else the raw name. */
  name: string;
  /** "SYSTEM:code" of the field's term, when mapped. */
  code?: string;
  /** The value to export: the raw value, or a canonical name when the value itself is mapped. */
  value: string;
  /** "SYSTEM:code" of the value's term, when the value is mapped (long-format lab exports). */
  valueCode?: string;
}

export interface ExportableRecord {
  source: string;
  /** Line in the source file (1-based, the header is line 1). */
  line: number;
  fields: readonly ExportableField[];
}

export interface RecordSettings {
  includeRaw: boolean;
}

export interface RecordJsonLine extends NormalizedRecordLine {
  valueCodes?: Record<string, string>;
  raw?: Record<string, string>;
}

export function recordJsonLine(record: ExportableRecord, settings: RecordSettings): RecordJsonLine {
  const line: RecordJsonLine = { source: record.source, line: record.line, fields: {}, codes: {} };
  const valueCodes: Record<string, string> = {};
  const raw: Record<string, string> = {};
  for (const field of record.fields) {
    line.fields[field.name] = field.value;
    if (field.code !== undefined) line.codes[field.name] = field.code;
    if (field.valueCode !== undefined) valueCodes[field.name] = field.valueCode;
    raw[field.raw] = field.rawValue;
  }
  if (Object.keys(valueCodes).length > 0) line.valueCodes = valueCodes;
  if (settings.includeRaw) line.raw = raw;
  return line;
}

export function* recordJsonlLines(
  records: Iterable<ExportableRecord>,
  settings: RecordSettings,
): Generator<string> {
  for (const record of records) yield JSON.stringify(recordJsonLine(record, settings)) + '\n';
}

export function recordColumns(settings: RecordSettings): ParquetColumn[] {
  const columns: ParquetColumn[] = [
    { name: 'source', type: 'string' },
    { name: 'line', type: 'int' },
    { name: 'field', type: 'string' },
    { name: 'code', type: 'string' },
    { name: 'value', type: 'string' },
    { name: 'value_code', type: 'string' },
  ];
  if (settings.includeRaw)
    columns.push({ name: 'raw_field', type: 'string' }, { name: 'raw_value', type: 'string' });
  return columns;
}

type LongRow = Record<string, string | number>;

function* longRows(records: Iterable<ExportableRecord>, settings: RecordSettings) {
  for (const record of records)
    for (const field of record.fields) {
      const row: LongRow = {
        source: record.source,
        line: record.line,
        field: field.name,
        code: field.code ?? '',
        value: field.value,
        value_code: field.valueCode ?? '',
      };
      if (settings.includeRaw) {
        row['raw_field'] = field.raw;
        row['raw_value'] = field.rawValue;
      }
      yield row;
    }
}

export function* recordCsvLines(
  records: Iterable<ExportableRecord>,
  settings: RecordSettings,
  csv: CsvSettings,
): Generator<string> {
  const names = recordColumns(settings).map(({ name }) => name);
  function* values(): Generator<string[]> {
    for (const row of longRows(records, settings)) yield names.map((name) => String(row[name]));
  }
  yield* csvLines(names, values(), csv);
}

export function* recordParquetChunks(
  records: Iterable<ExportableRecord>,
  settings: RecordSettings,
  parquet?: ParquetSettings,
): Generator<Uint8Array> {
  yield* parquetChunks(recordColumns(settings), longRows(records, settings), parquet);
}
