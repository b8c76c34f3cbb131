import type {
  DistinctRequest,
  DistinctValue,
  ProfileRequest,
  ViewRequest,
  ViewResponse,
} from './view-protocol';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (response: ViewResponse) => void>();

/** Sorting and filtering a million rows happens here, never on the window's thread. */
export function requestOrder(request: Omit<ViewRequest, 'id' | 'kind'>): Promise<ViewResponse> {
  return send({ ...request, kind: 'order' });
}

const profiling = new Set<string>();

/** Profiles a source in the background, once; the database change shows up in live queries. */
export function requestProfile(sourceId: string): void {
  if (profiling.has(sourceId)) return;
  profiling.add(sourceId);
  void send({ kind: 'profile', sourceId }).finally(() => profiling.delete(sourceId));
}

/** The distinct values of one column of a source, with their counts. */
export async function requestDistinct(sourceId: string, column: number): Promise<DistinctValue[]> {
  const response = await send({ kind: 'distinct', sourceId, column });
  if (!response.ok) throw new Error(response.message);
  return response.distinct ?? [];
}

type Unnumbered =
  Omit<ViewRequest, 'id'> | Omit<ProfileRequest, 'id'> | Omit<DistinctRequest, 'id'>;

function send(request: Unnumbered): Promise<ViewResponse> {
  if (!worker) {
    worker = new Worker(new URL('./view.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ViewResponse>) => {
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
