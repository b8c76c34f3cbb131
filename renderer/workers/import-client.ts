import type { ImportRequest, ImportResponse } from './import-protocol';

type Listener = (response: ImportResponse) => void;

/**
 * One import worker for the window: it reads, profiles and stores files off the main thread,
 * one request at a time, and answers each request by its id.
 */
class ImportClient {
  private worker: Worker | null = null;
  private readonly listeners = new Map<string, Listener>();

  send(request: Exclude<ImportRequest, { type: 'cancel' }>, listener: Listener): void {
    this.listeners.set(request.id, listener);
    this.ensureWorker().postMessage(request);
  }

  /** Resolves with the first answer that is not progress. */
  ask(request: Exclude<ImportRequest, { type: 'cancel' | 'import' }>): Promise<ImportResponse> {
    return new Promise((resolve) => {
      this.send(request, (response) => {
        if (response.type !== 'progress') resolve(response);
      });
    });
  }

  cancel(id: string): void {
    this.worker?.postMessage({ type: 'cancel', id } satisfies ImportRequest);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ImportResponse>) => {
      const response = event.data;
      this.listeners.get(response.id)?.(response);
      if (response.type !== 'progress') this.listeners.delete(response.id);
    };
    worker.onerror = (event) => {
      const message = event.message || 'the import worker stopped';
      for (const [id, listener] of this.listeners)
        listener({ type: 'failed', id, error: { line: null, message } });
      this.listeners.clear();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }
}

export const importClient = new ImportClient();
