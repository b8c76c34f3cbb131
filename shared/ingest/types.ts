/**
 * The one shape every parser produces, so that CSV, Excel, JSON, HL7 v2 and FHIR all flow into
 * the same blocks, table, profile and mapping.
 */

export type IngestFormat = 'csv' | 'tsv' | 'xlsx' | 'json' | 'ndjson' | 'hl7v2' | 'fhir';

export type ImportMode = 'strict' | 'lenient';

/** Where a row came from, precise enough for a person to find it in the original file. */
export interface RowOrigin {
  /** 1-based line in a text file where the row starts (for HL7 v2: the OBX segment's line). */
  line?: number;
  /** Excel: the sheet name and the 1-based row number in that sheet. */
  sheet?: string;
  row?: number;
  /** HL7 v2: 1-based message number in the file, and 1-based segment number in the message. */
  message?: number;
  segment?: number;
  /** FHIR: 0-based entry index in the Bundle, and the resource's type/id. */
  entry?: number;
  resource?: string;
  /** Scanned forms: the scan, its 1-based page, and where each zone was read on that page. */
  scanId?: string;
  page?: number;
  zones?: Record<string, readonly [number, number, number, number]>;
}

export type IngestItem =
  /** Tabular formats announce their columns once, before any row. */
  | { kind: 'fields'; fields: string[] }
  /** A row aligned with the announced fields; delimited text says where the row is in it. */
  | { kind: 'row'; values: string[]; origin: RowOrigin; raw?: RawRow }
  /** A row of an object format (JSON, HL7, FHIR): field name → value; columns grow as met. */
  | { kind: 'record'; record: Record<string, string>; origin: RowOrigin }
  /** Lenient mode only: a part of the input that was skipped, and why. */
  | { kind: 'skip'; origin: RowOrigin; reason: string };

export type LineBreak = '\n' | '\r\n' | '\r';

/** Delimited text with what it was parsed with: a whole file, or a block's rows of it. */
export interface DelimitedText {
  text: string;
  delimiter: string;
  /** The line break Papa Parse guessed for the whole file. */
  newline: LineBreak;
}

/**
 * Where a row is in its delimited text: from just after the row before (blank lines included)
 * to just after its own line break. Parsed alone, that span gives the row's values again.
 */
export interface RawRow {
  source: DelimitedText;
  start: number;
  end: number;
}

export type IngestStream = Iterable<IngestItem> | AsyncIterable<IngestItem>;

export interface TextParseOptions {
  fileName: string;
  mode: ImportMode;
}
