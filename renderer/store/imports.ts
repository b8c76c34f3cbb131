import { create } from 'zustand';
import type { Skipped } from '../../shared/ingest/blocks';
import type { Detection, ImportSettings } from '../../shared/ingest/open';
import type { Actor } from '../db/audit';
import { importClient } from '../workers/import-client';
import { requestProfile } from '../workers/view-client';
import type { DuplicateSource, Failure } from '../workers/import-protocol';

/** Files larger than this are refused before reading, rather than exhausting memory. */
export const maxFileBytes = 1024 * 1024 * 1024;

export type QueuedState = 'detecting' | 'ready' | 'importing' | 'done' | 'failed' | 'cancelled';

export interface QueuedFile {
  id: string;
  projectId: string;
  fileName: string;
  file: Blob;
  size: number;
  state: QueuedState;
  detection?: Detection;
  settings?: ImportSettings;
  duplicates: DuplicateSource[];
  preview?: { fields: string[]; rows: string[][]; skipped: Skipped[] };
  progress?: { rows: number; rowsPerSecond: number };
  result?: { sourceId: string; rowCount: number; skipped: number; automaticMappings: number };
  error?: Failure;
}

interface ImportsState {
  files: QueuedFile[];
  add: (projectId: string, files: { name: string; file: Blob }[]) => void;
  change: (id: string, settings: Partial<ImportSettings>) => void;
  start: (id: string, actor: Actor) => void;
  cancel: (id: string) => void;
  remove: (id: string) => void;
  clearFinished: () => void;
}

let counter = 0;

/** Files waiting to be imported, being imported, or just imported, with what the worker said. */
export const useImports = create<ImportsState>()((set, get) => {
  const update = (id: string, change: Partial<QueuedFile>) =>
    set((state) => ({
      files: state.files.map((file) => (file.id === id ? { ...file, ...change } : file)),
    }));
  const find = (id: string) => get().files.find((file) => file.id === id);

  const preview = (id: string) => {
    const queued = find(id);
    if (!queued?.settings) return;
    void importClient
      .ask({
        type: 'preview',
        id: `${id}:preview`,
        fileName: queued.fileName,
        file: queued.file,
        settings: queued.settings,
      })
      .then((response) => {
        if (response.type === 'preview') {
          update(id, {
            preview: { fields: response.fields, rows: response.rows, skipped: response.skipped },
            error: undefined,
          });
        } else if (response.type === 'failed')
          update(id, { preview: undefined, error: response.error });
      });
  };

  return {
    files: [],
    add(projectId, files) {
      const added = files.map(({ name, file }): QueuedFile => {
        const id = `import-${++counter}`;
        const base = { id, projectId, fileName: name, file, size: file.size, duplicates: [] };
        if (file.size > maxFileBytes) {
          const gigabytes = (file.size / 1024 ** 3).toFixed(1);
          return {
            ...base,
            state: 'failed',
            error: {
              line: null,
              message: `${name} is ${gigabytes} GB; Tessera reads files up to 1 GB.`,
            },
          };
        }
        return { ...base, state: 'detecting' };
      });
      set((state) => ({ files: [...state.files, ...added] }));
      for (const queued of added.filter((file) => file.state === 'detecting')) {
        void importClient
          .ask({
            type: 'detect',
            id: `${queued.id}:detect`,
            fileName: queued.fileName,
            file: queued.file,
            projectId,
          })
          .then((response) => {
            if (response.type === 'detected') {
              update(queued.id, {
                state: 'ready',
                detection: response.detection,
                settings: response.detection.settings,
                duplicates: response.duplicates,
              });
              preview(queued.id);
            } else if (response.type === 'failed')
              update(queued.id, { state: 'failed', error: response.error });
          });
      }
    },
    change(id, settings) {
      const queued = find(id);
      if (!queued?.settings || queued.state !== 'ready') return;
      update(id, { settings: { ...queued.settings, ...settings } });
      preview(id);
    },
    start(id, actor) {
      const queued = find(id);
      if (!queued?.settings || queued.state !== 'ready') return;
      update(id, { state: 'importing', progress: { rows: 0, rowsPerSecond: 0 }, error: undefined });
      importClient.send(
        {
          type: 'import',
          id,
          fileName: queued.fileName,
          file: queued.file,
          settings: queued.settings,
          projectId: queued.projectId,
          actor,
        },
        (response) => {
          if (response.type === 'progress')
            update(id, {
              progress: { rows: response.rows, rowsPerSecond: response.rowsPerSecond },
            });
          else if (response.type === 'done') {
            update(id, { state: 'done', result: response });
            requestProfile(response.sourceId);
          } else if (response.type === 'cancelled') update(id, { state: 'cancelled' });
          else if (response.type === 'failed')
            update(id, { state: 'failed', error: response.error });
        },
      );
    },
    cancel(id) {
      importClient.cancel(id);
    },
    remove(id) {
      set((state) => ({ files: state.files.filter((file) => file.id !== id) }));
    },
    clearFinished() {
      set((state) => ({
        files: state.files.filter(
          (file) =>
            file.state === 'importing' || file.state === 'detecting' || file.state === 'ready',
        ),
      }));
    },
  };
});
