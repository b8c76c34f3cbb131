import type { OcrEngine, RecognizeRequest } from './tesseract';
import type { OcrPage } from './types';

export interface PoolJob<T> {
  id: string;
  /**
   * Produces the request when the job starts, so images are loaded one page at a time. It gets
   * the job's engine for any reading it needs first (finding which way up the page is).
   */
  prepare: (engine: OcrEngine) => Promise<RecognizeRequest & { extra?: T }>;
}

export interface PoolEvents<T> {
  onDone: (
    id: string,
    page: OcrPage,
    extra: T | undefined,
    workerIndex: number,
  ) => Promise<void> | void;
  onError: (id: string, error: unknown) => void;
  onIdle?: () => void;
}

/**
 * A queue of OCR jobs over a fixed set of engines, one job per engine at a time. Pausing stops
 * handing out jobs (pages in flight finish and are saved); cancelling drops the queue and waits
 * for the pages in flight, whose results are then discarded.
 */
export class OcrPool<T = undefined> {
  private readonly queue: PoolJob<T>[] = [];
  private readonly busy: boolean[];
  private paused = false;
  private cancelled = new Set<string>();
  private inFlight = new Map<number, Promise<void>>();

  constructor(
    private readonly engines: readonly OcrEngine[],
    private readonly events: PoolEvents<T>,
  ) {
    if (engines.length === 0) throw new Error('An OCR pool needs at least one engine.');
    this.busy = engines.map(() => false);
  }

  get size(): number {
    return this.engines.length;
  }

  get pending(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.busy.filter(Boolean).length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  add(jobs: readonly PoolJob<T>[]): void {
    this.queue.push(...jobs);
    this.pump();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Drops queued jobs (all, or those whose id passes `which`) and discards their results. */
  async cancel(which: (id: string) => boolean = () => true): Promise<void> {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i];
      if (job !== undefined && which(job.id)) this.queue.splice(i, 1);
    }
    this.cancelled = new Set([...this.cancelled, ...this.runningIds.filter(which)]);
    await Promise.all(this.inFlight.values());
  }

  /** Resolves when the queue is empty and no job runs. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || (this.queue.length > 0 && !this.paused)) {
      await Promise.race(this.inFlight.values());
    }
  }

  async terminate(): Promise<void> {
    await this.cancel();
    await Promise.all(this.engines.map((engine) => engine.terminate()));
  }

  private runningIds: string[] = [];

  private pump(): void {
    if (this.paused) return;
    for (let index = 0; index < this.engines.length; index++) {
      if (this.busy[index] === true) continue;
      const job = this.queue.shift();
      if (job === undefined) break;
      this.busy[index] = true;
      this.runningIds.push(job.id);
      const run = this.run(index, job).finally(() => {
        this.busy[index] = false;
        this.runningIds = this.runningIds.filter((id) => id !== job.id);
        this.cancelled.delete(job.id);
        this.inFlight.delete(index);
        this.pump();
        if (this.inFlight.size === 0 && this.queue.length === 0) this.events.onIdle?.();
      });
      this.inFlight.set(index, run);
    }
  }

  private async run(index: number, job: PoolJob<T>): Promise<void> {
    const engine = this.engines[index];
    if (engine === undefined) return;
    try {
      const { extra, ...request } = await job.prepare(engine);
      const page = await engine.recognize(request);
      if (this.cancelled.has(job.id)) return;
      await this.events.onDone(job.id, page, extra, index);
    } catch (error) {
      if (!this.cancelled.has(job.id)) this.events.onError(job.id, error);
    }
  }
}
