/**
 * JS heap sampling over CDP for the import benchmark: the page's main thread through a page
 * session, and a dedicated worker (the app's import worker) through the browser session, attached
 * without flattening so that messages to it go through Target.sendMessageToTarget. Playwright has
 * its own sessions on both; these are extra observers and change nothing.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

export interface HeapUsage {
  /** V8 heap in use (JS objects, strings). */
  usedSize: number;
  /** ArrayBuffer backing stores, outside the V8 heap (e.g. a file's bytes). */
  backingStorageSize: number;
}

export interface HeapPeaks {
  samples: number;
  peakUsed: number;
  peakBacking: number;
  peakUsedPlusBacking: number;
}

interface RawMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/** The page's dedicated worker whose URL contains `urlPart`, as a browser-session target. */
export async function findWorker(
  browserSession: CDPSession,
  page: Page,
  urlPart: string,
): Promise<{ targetId: string } | undefined> {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const { targetInfos } = await browserSession.send('Target.getTargets');
  return targetInfos.find(
    (target) =>
      target.type === 'worker' &&
      target.browserContextId === targetInfo.browserContextId &&
      target.url.includes(urlPart),
  );
}

/** Runtime.getHeapUsage on a worker target, through a non-flattened browser-session attach. */
export class WorkerHeap {
  private nextId = 1;
  private readonly pending = new Map<number, (message: RawMessage) => void>();

  private constructor(
    private readonly session: CDPSession,
    private readonly sessionId: string,
  ) {
    session.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as RawMessage;
      if (message.id !== undefined) this.pending.get(message.id)?.(message);
    });
  }

  /** Attaches to the page's worker whose URL contains `urlPart`; null when there is none. */
  static async attach(
    browserSession: CDPSession,
    page: Page,
    urlPart: string,
  ): Promise<WorkerHeap | null> {
    const worker = await findWorker(browserSession, page, urlPart);
    if (!worker) return null;
    const { sessionId } = await browserSession.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    });
    return new WorkerHeap(browserSession, sessionId);
  }

  async usage(): Promise<HeapUsage | null> {
    const id = this.nextId++;
    const answer = new Promise<RawMessage>((resolve) => this.pending.set(id, resolve));
    await this.session.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
    });
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000));
    const message = await Promise.race([answer, timeout]);
    this.pending.delete(id);
    return message?.result ? (message.result as HeapUsage) : null;
  }

  async detach(): Promise<void> {
    await this.session.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => {
      // The worker may be gone already.
    });
  }
}

function emptyPeaks(): HeapPeaks {
  return { samples: 0, peakUsed: 0, peakBacking: 0, peakUsedPlusBacking: 0 };
}

function record(peaks: HeapPeaks, usage: HeapUsage | null): void {
  if (!usage) return;
  peaks.samples++;
  peaks.peakUsed = Math.max(peaks.peakUsed, usage.usedSize);
  peaks.peakBacking = Math.max(peaks.peakBacking, usage.backingStorageSize);
  peaks.peakUsedPlusBacking = Math.max(
    peaks.peakUsedPlusBacking,
    usage.usedSize + usage.backingStorageSize,
  );
}

/** Peak resident set size per Chromium process kind, from /proc (Linux), in bytes. */
export interface ProcessPeaks {
  /** The largest single renderer: the page's, with its workers (and the decoded text). */
  renderer: number;
  browser: number;
  storage: number;
}

function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function chromiumProcesses(
  browserSession: CDPSession,
): Promise<{ type: string; id: number }[]> {
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
  return processInfo.map(({ type, id }) => ({ type, id }));
}

/**
 * Samples page and worker heaps (and the RSS of Chromium's processes) every `everyMs` until
 * stopped; returns the peaks.
 */
export function sampleHeaps(
  pageSession: CDPSession,
  worker: WorkerHeap | null,
  processes: { type: string; id: number }[],
  everyMs = 100,
): {
  stop: () => Promise<{ page: HeapPeaks; worker: HeapPeaks | null; processes: ProcessPeaks }>;
} {
  const page = emptyPeaks();
  const workerPeaks = worker ? emptyPeaks() : null;
  const resident: ProcessPeaks = { renderer: 0, browser: 0, storage: 0 };
  const kindOf = (type: string): keyof ProcessPeaks | null =>
    type === 'renderer'
      ? 'renderer'
      : type === 'browser'
        ? 'browser'
        : type.includes('StorageService')
          ? 'storage'
          : null;
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const started = Date.now();
      const [pageUsage, workerUsage] = await Promise.all([
        pageSession.send('Runtime.getHeapUsage').catch(() => null),
        worker ? worker.usage().catch(() => null) : Promise.resolve(null),
      ]);
      record(page, pageUsage);
      if (workerPeaks) record(workerPeaks, workerUsage);
      for (const { type, id } of processes) {
        const kind = kindOf(type);
        if (kind) resident[kind] = Math.max(resident[kind], residentBytes(id));
      }
      const wait = everyMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      return { page, worker: workerPeaks, processes: resident };
    },
  };
}
