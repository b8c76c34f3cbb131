import type { ParseResponse } from './parse-protocol';

/** Parses one file in a fresh worker, so a large file never blocks the window. */
export function parseInWorker(fileName: string, data: Uint8Array): Promise<ParseResponse> {
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ParseResponse>((resolve) => {
    worker.onmessage = (event: MessageEvent<ParseResponse>) => resolve(event.data);
    worker.onerror = (event) =>
      resolve({
        ok: false,
        error: { fileName, line: null, message: `${fileName}: ${event.message}` },
      });
    worker.postMessage({ fileName, data }, [data.buffer]);
  }).finally(() => worker.terminate());
}
