/**
 * Messages between the export screen and its worker. The worker curates and encodes; the window
 * owns the folder being written (pickers and the desktop bridge live there), so the worker sends
 * each file a chunk at a time and waits for the window to acknowledge chunks it has written:
 * memory holds a few chunks, whatever the size of the export.
 */
import type { CurationSettings } from '../../../shared/export/curate';
import type {
  DatasetJob,
  DatasetJobResult,
  DatasetPreview,
  FilterChoices,
  JobProgress,
} from './dataset-job';

export type ExportRequest =
  | { type: 'choices'; id: string; projectId: string }
  | { type: 'preview'; id: string; projectId: string; curation: CurationSettings }
  | { type: 'export'; id: string; job: DatasetJob }
  /** The window has written one more chunk of the export. */
  | { type: 'ack'; id: string }
  | { type: 'cancel'; id: string };

export type ExportResponse =
  | { type: 'choices'; id: string; choices: FilterChoices }
  | { type: 'preview'; id: string; preview: DatasetPreview }
  | { type: 'file'; id: string; path: string }
  | { type: 'chunk'; id: string; data: Uint8Array }
  | { type: 'file-end'; id: string }
  | { type: 'progress'; id: string; progress: JobProgress }
  | { type: 'done'; id: string; result: DatasetJobResult }
  | { type: 'failed'; id: string; message: string; isCancelled: boolean };

/** Chunks the worker may send before the window acknowledges the first of them. */
export const chunksInFlight = 4;
