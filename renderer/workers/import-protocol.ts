import type { Skipped } from '../../shared/ingest/blocks';
import type { Detection, ImportSettings } from '../../shared/ingest/open';
import type { Actor } from '../db/audit';

export interface DuplicateSource {
  fileName: string;
  importedAt: string;
  rowCount: number;
}

export type ImportRequest =
  | { type: 'detect'; id: string; fileName: string; file: Blob; projectId: string }
  | { type: 'preview'; id: string; fileName: string; file: Blob; settings: ImportSettings }
  | {
      type: 'import';
      id: string;
      fileName: string;
      file: Blob;
      settings: ImportSettings;
      projectId: string;
      actor: Actor;
    }
  | { type: 'cancel'; id: string };

export interface Failure {
  line: number | null;
  message: string;
}

export type ImportResponse =
  | {
      type: 'detected';
      id: string;
      detection: Detection;
      sha256: string;
      size: number;
      duplicates: DuplicateSource[];
    }
  | { type: 'preview'; id: string; fields: string[]; rows: string[][]; skipped: Skipped[] }
  | { type: 'progress'; id: string; rows: number; rowsPerSecond: number }
  | {
      type: 'done';
      id: string;
      sourceId: string;
      rowCount: number;
      skipped: number;
      automaticMappings: number;
    }
  | { type: 'cancelled'; id: string }
  | { type: 'failed'; id: string; error: Failure };
