import type { RecordBlock } from '../../shared/model/records';

export interface ParseRequest {
  fileName: string;
  data: Uint8Array;
}

export interface ParsedFile {
  fileName: string;
  encoding: string;
  size: number;
  sha256: string;
  fields: string[];
  rowCount: number;
  blocks: Omit<RecordBlock, 'sourceId'>[];
}

export interface ParseFailure {
  fileName: string;
  line: number | null;
  message: string;
}

export type ParseResponse = { ok: true; file: ParsedFile } | { ok: false; error: ParseFailure };
