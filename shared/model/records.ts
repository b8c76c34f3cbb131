import type { DelimitedText, ImportMode, IngestFormat, RowOrigin } from '../ingest/types';
import type { FieldProfile } from '../ingest/profile';

export interface Project {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

/** 'ocr-form': records read from scans through a form template. */
export type SourceFormat = IngestFormat | 'ocr-form';

export type SourceStatus = 'importing' | 'ready';

export interface Source {
  id: string;
  projectId: string;
  fileName: string;
  format: SourceFormat;
  encoding: string;
  size: number;
  sha256: string;
  fields: string[];
  rowCount: number;
  blockCount: number;
  importedBy: string;
  importedAt: string;
  /** 'importing' until the last block is in; readers only ever see 'ready' sources. */
  status: SourceStatus;
  /** Excel: the sheet this source was read from. */
  sheet?: string;
  /** CSV/TSV: the delimiter used. */
  delimiter?: string;
  mode: ImportMode;
  /**
   * The system that produced the file, e.g. "LIS-A" (HL7 MSH-3 by default); '' or absent when
   * unknown. Synonyms and mapping decisions scoped to a system hold for its sources only.
   */
  sourceSystem?: string;
  /** Lines skipped in lenient mode, with why. */
  skipped: { origin: RowOrigin; reason: string }[];
  profile: FieldProfile[];
}

/**
 * Raw rows are stored many to an object: one IndexedDB object per row is ~20× slower than
 * parsing. Blocks are immutable once written; normalization is a layer over them. Read a block's
 * rows with rowsOf (shared/ingest/block-rows.ts), whatever its kind.
 */
export type RecordBlock = ValueBlock | TextBlock;

interface BlockBase {
  sourceId: string;
  index: number;
  /** Row number of the first row in this block, 0-based over the source's data rows. */
  firstRow: number;
  /** Line in the file where each row starts (1-based, header is line 1); one per row. */
  lines: number[];
}

/**
 * Rows as arrays of values: Excel, JSON, HL7, FHIR, form records from scans, sources read from a
 * project bundle, and every block written before text blocks existed.
 */
export interface ValueBlock extends BlockBase {
  rows: string[][];
  /** Full provenance per row, only for formats with more than a line to say (Excel, HL7, FHIR). */
  origins?: RowOrigin[];
}

/**
 * CSV/TSV rows as the file wrote them (lines skipped in lenient mode left out), parsed again on
 * read. Structured clone and IndexedDB pay per string: one string per block instead of one per
 * value took a 200,000-row CSV import in Chromium from 1.2 s to about 0.7 s (bench/import.ts).
 */
export interface TextBlock extends BlockBase {
  delimited: DelimitedText;
  /** A CSV/TSV row's provenance is its line. */
  origins?: never;
}

/** A record as the rest of the app sees it: values by raw field name, with its provenance. */
export interface RecordRef {
  sourceId: string;
  row: number;
}
