/**
 * The window's side of the export worker: one worker for the window, requests answered by id,
 * and for an export, the files the worker streams written into the chosen folder in order, each
 * chunk acknowledged once it is written.
 */
import type { CurationSettings } from '../../../shared/export/curate';
import type { FileStream, FolderWriter } from '../../platform';
import type {
  DatasetJob,
  DatasetJobResult,
  DatasetPreview,
  FilterChoices,
  JobProgress,
} from './dataset-job';
import type { ExportRequest, ExportResponse } from './export-protocol';

type Listener = (response: ExportResponse) => void;

let worker: Worker | null = null;
let nextId = 0;
const listeners = new Map<string, Listener>();

function send(request: ExportRequest): void {
  if (!worker) {
    worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ExportResponse>) =>
      listeners.get(event.data.id)?.(event.data);
    worker.onerror = (event) => {
      const message = event.message || 'the export worker stopped';
      for (const [id, listener] of listeners)
        listener({ type: 'failed', id, message, isCancelled: false });
      listeners.clear();
      worker = null;
    };
  }
  worker.postMessage(request);
}

function ask<T>(
  request: (id: string) => ExportRequest,
  pick: (response: ExportResponse) => T | undefined,
): Promise<T> {
  const id = `export-${++nextId}`;
  return new Promise((resolve, reject) => {
    listeners.set(id, (response) => {
      listeners.delete(id);
      if (response.type === 'failed') reject(new Error(response.message));
      else {
        const value = pick(response);
        if (value === undefined) reject(new Error(`Unexpected answer: ${response.type}`));
        else resolve(value);
      }
    });
    send(request(id));
  });
}

export function loadFilterChoices(projectId: string): Promise<FilterChoices> {
  return ask(
    (id) => ({ type: 'choices', id, projectId }),
    (response) => (response.type === 'choices' ? response.choices : undefined),
  );
}

export function loadPreview(
  projectId: string,
  curation: CurationSettings,
): Promise<DatasetPreview> {
  return ask(
    (id) => ({ type: 'preview', id, projectId, curation }),
    (response) => (response.type === 'preview' ? response.preview : undefined),
  );
}

/** Thrown when the person cancelled, so the screen says so instead of reporting an error. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

export interface RunningExport {
  result: Promise<DatasetJobResult>;
  cancel(): void;
}

export function startExport(
  job: DatasetJob,
  writer: FolderWriter,
  onProgress: (progress: JobProgress) => void,
): RunningExport {
  const id = `export-${++nextId}`;
  let file: FileStream | null = null;
  let isCancelled = false;
  let writeError: Error | null = null;
  // Messages arrive in order; their writes must land in order, one after another.
  let queue = Promise.resolve();
  const result = new Promise<DatasetJobResult>((resolve, reject) => {
    const handle = async (response: ExportResponse): Promise<void> => {
      switch (response.type) {
        case 'file':
          if (!isCancelled) file = await writer.createFile(response.path);
          return;
        case 'chunk':
          if (!isCancelled) await file?.write(response.data);
          send({ type: 'ack', id });
          return;
        case 'file-end':
          if (!isCancelled) await file?.close();
          file = null;
          return;
        case 'progress':
          onProgress(response.progress);
          return;
        case 'done':
          listeners.delete(id);
          resolve(response.result);
          return;
        case 'failed':
          listeners.delete(id);
          reject(
            writeError ??
              (response.isCancelled ? new ExportCancelled() : new Error(response.message)),
          );
          return;
        default:
          return;
      }
    };
    listeners.set(id, (response) => {
      queue = queue.then(() =>
        handle(response).catch((error: unknown) => {
          // A write failed (a full disk, a folder removed): stop the worker, report this error.
          writeError ??= error instanceof Error ? error : new Error(String(error));
          isCancelled = true;
          send({ type: 'cancel', id });
          if (response.type === 'chunk') send({ type: 'ack', id });
        }),
      );
    });
  });
  send({ type: 'export', id, job });
  return {
    result,
    cancel() {
      isCancelled = true;
      send({ type: 'cancel', id });
    },
  };
}
