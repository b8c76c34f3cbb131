import { IngestError } from '../../ingest/errors';
import type { ImportMode } from '../../ingest/types';
import { detectColumns, type ColumnMapping } from './columns';
import { draftsFromTable, type DraftImport } from './drafts';
import { parseMedquad } from './medquad';
import { decodeDraftFile, draftFormatOf, readDraftTable, type DraftFileFormat } from './table';

export interface DraftFileImport extends DraftImport {
  format: DraftFileFormat;
  /** The file's columns (empty for MedQuAD XML, which has no mapping step). */
  fields: string[];
  /** The mapping used: the one given, or the one guessed from the column names. */
  mapping: ColumnMapping | null;
}

/**
 * Drafts from one file of CSV/TSV, JSON, JSONL or MedQuAD XML. Without a mapping the columns are
 * guessed; the caller shows `fields` and `mapping` for the person to correct and calls again.
 */
export function importDraftFile(
  fileName: string,
  bytes: Uint8Array,
  mode: ImportMode,
  mapping?: ColumnMapping,
): DraftFileImport {
  const format = draftFormatOf(fileName);
  if (format === null) {
    throw new IngestError(fileName, null, 'is not a CSV, TSV, JSON, JSONL or MedQuAD XML file');
  }
  const text = decodeDraftFile(fileName, bytes);
  if (format === 'medquad-xml') {
    return { ...parseMedquad(text, fileName, mode), format, fields: [], mapping: null };
  }
  const table = readDraftTable(text, fileName, format, mode);
  const used = mapping ?? detectColumns(table.fields);
  return { ...draftsFromTable(table, used, mode), format, fields: table.fields, mapping: used };
}
