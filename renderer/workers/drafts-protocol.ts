import type { ImportMode } from '../../shared/ingest/types';
import type { ColumnMapping } from '../../shared/qa/import/columns';
import type { DraftFileImport } from '../../shared/qa/import/file';

export interface DraftRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  mode: ImportMode;
  mapping: ColumnMapping | undefined;
}

export type DraftResponse =
  { id: number; ok: true; result: DraftFileImport } | { id: number; ok: false; message: string };
