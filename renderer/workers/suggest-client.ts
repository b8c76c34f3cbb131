import type { SuggestRequest, SuggestResponse, SuggestSource } from './suggest-protocol';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (response: SuggestResponse) => void>();

/**
 * Suggestions are computed in a worker over distinct raw names or values, never per row; with a
 * source, the worker reads the file's context (units, results, profile) and system once.
 */
export function requestSuggestions(
  raws: string[],
  limit: number,
  source?: SuggestSource,
): Promise<SuggestResponse> {
  if (!worker) {
    worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SuggestResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker?.postMessage({
      id,
      raws,
      limit,
      ...(source === undefined ? {} : { source }),
    } satisfies SuggestRequest);
  });
}
