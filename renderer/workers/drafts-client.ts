import type { DraftRequest, DraftResponse } from './drafts-protocol';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (response: DraftResponse) => void>();

/** Reads a drafts file in the drafts worker: columns guessed or applied, drafts and problems. */
export function readDraftFile(request: Omit<DraftRequest, 'id'>): Promise<DraftResponse> {
  if (!worker) {
    worker = new Worker(new URL('./drafts.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<DraftResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker?.postMessage({ ...request, id });
  });
}
