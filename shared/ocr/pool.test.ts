import { describe, expect, it } from 'vitest';
import { OcrPool, type PoolJob } from './pool';
import type { OcrEngine, RecognizeRequest } from './tesseract';
import type { OcrPage } from './types';

/**
 * Engines whose pages finish only when the test says so, so order and concurrency are observed
 * rather than raced: each recognize call waits in `started` until `finish` releases it.
 */
class FakeEngines {
  readonly started: {
    engine: number;
    text: string;
    release: () => void;
    fail: (error: Error) => void;
  }[] = [];
  running = 0;
  mostRunning = 0;
  terminated = 0;
  readonly engines: OcrEngine[];

  constructor(count: number) {
    this.engines = Array.from({ length: count }, (_, engine) => ({
      recognize: (request: RecognizeRequest) => {
        this.running++;
        this.mostRunning = Math.max(this.mostRunning, this.running);
        const text = new TextDecoder().decode(request.image as Uint8Array);
        return new Promise<OcrPage>((resolve, reject) => {
          const settle = (): void => {
            this.running--;
          };
          this.started.push({
            engine,
            text,
            release: () => {
              settle();
              resolve({ text: text.toUpperCase(), confidence: 90, words: [] });
            },
            fail: (error) => {
              settle();
              reject(error);
            },
          });
        });
      },
      terminate: () => {
        this.terminated++;
        return Promise.resolve();
      },
    }));
  }

  /** Releases the first page still in flight whose text is `text`. */
  finish(text: string): void {
    const index = this.started.findIndex((entry) => entry.text === text);
    const entry = this.started[index];
    if (entry === undefined) throw new Error(`${text} is not running`);
    this.started.splice(index, 1);
    entry.release();
  }

  get runningTexts(): string[] {
    return this.started.map((entry) => entry.text);
  }
}

function jobs(...texts: string[]): PoolJob<string>[] {
  return texts.map((text) => ({
    id: text,
    prepare: () =>
      Promise.resolve({ image: new TextEncoder().encode(text), extra: `extra-${text}` }),
  }));
}

/** Lets prepare(), recognize() and the pool's own continuations run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function recordingPool(fakes: FakeEngines) {
  const done: { id: string; text: string; extra: string | undefined; worker: number }[] = [];
  const errors: { id: string; message: string }[] = [];
  let idle = 0;
  const pool = new OcrPool<string>(fakes.engines, {
    onDone: (id, page, extra, worker) => {
      done.push({ id, text: page.text, extra, worker });
    },
    onError: (id, error) => errors.push({ id, message: (error as Error).message }),
    onIdle: () => idle++,
  });
  return { pool, done, errors, idle: () => idle };
}

describe('OcrPool', () => {
  it('refuses to start without an engine', () => {
    expect(() => new OcrPool([], { onDone: () => undefined, onError: () => undefined })).toThrow(
      /at least one engine/u,
    );
  });

  it('starts jobs in the order they were added and runs as many at once as it has engines', async () => {
    const fakes = new FakeEngines(2);
    const { pool, done } = recordingPool(fakes);
    pool.add(jobs('a', 'b', 'c', 'd', 'e'));
    await settle();
    expect(fakes.runningTexts).toEqual(['a', 'b']);
    expect(pool.running).toBe(2);
    expect(pool.pending).toBe(3);
    fakes.finish('b');
    await settle();
    expect(fakes.runningTexts).toEqual(['a', 'c']);
    fakes.finish('a');
    fakes.finish('c');
    await settle();
    expect(fakes.runningTexts).toEqual(['d', 'e']);
    fakes.finish('e');
    fakes.finish('d');
    await pool.drain();
    expect(done.map((entry) => entry.id)).toEqual(['b', 'a', 'c', 'e', 'd']);
    expect(done[0]).toEqual({ id: 'b', text: 'B', extra: 'extra-b', worker: 1 });
    expect(fakes.mostRunning).toBe(2);
  });

  it('with one engine finishes pages strictly one after another', async () => {
    const fakes = new FakeEngines(1);
    const { pool, done, idle } = recordingPool(fakes);
    pool.add(jobs('p1', 'p2', 'p3'));
    for (const text of ['p1', 'p2', 'p3']) {
      await settle();
      expect(fakes.runningTexts).toEqual([text]);
      fakes.finish(text);
    }
    await pool.drain();
    expect(done.map((entry) => entry.id)).toEqual(['p1', 'p2', 'p3']);
    expect(fakes.mostRunning).toBe(1);
    expect(idle()).toBe(1);
  });

  it('when paused lets pages in flight finish but starts no new one until resumed', async () => {
    const fakes = new FakeEngines(2);
    const { pool, done } = recordingPool(fakes);
    pool.add(jobs('a', 'b', 'c', 'd'));
    await settle();
    pool.pause();
    expect(pool.isPaused).toBe(true);
    fakes.finish('a');
    fakes.finish('b');
    await settle();
    expect(done.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(fakes.runningTexts).toEqual([]);
    expect(pool.pending).toBe(2);
    // drain() does not wait for a paused queue.
    await pool.drain();
    pool.resume();
    await settle();
    expect(fakes.runningTexts).toEqual(['c', 'd']);
    fakes.finish('c');
    fakes.finish('d');
    await pool.drain();
    expect(done.map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('on cancel drops queued jobs and discards the results of pages in flight', async () => {
    const fakes = new FakeEngines(2);
    const { pool, done, errors } = recordingPool(fakes);
    pool.add(jobs('a', 'b', 'c', 'd'));
    await settle();
    const cancelled = pool.cancel();
    expect(pool.pending).toBe(0);
    fakes.finish('a');
    fakes.started[0]?.fail(new Error('engine gave up'));
    fakes.started.splice(0, 1);
    await cancelled;
    await settle();
    expect(done).toEqual([]);
    expect(errors).toEqual([]);
    expect(pool.running).toBe(0);
    expect(fakes.runningTexts).toEqual([]);
    // The pool is usable again afterwards.
    pool.add(jobs('e'));
    await settle();
    fakes.finish('e');
    await pool.drain();
    expect(done.map((entry) => entry.id)).toEqual(['e']);
  });

  it('cancels only the jobs a filter picks', async () => {
    const fakes = new FakeEngines(1);
    const { pool, done } = recordingPool(fakes);
    pool.add(jobs('scan1-p1', 'scan2-p1', 'scan1-p2', 'scan2-p2'));
    await settle();
    const cancelled = pool.cancel((id) => id.startsWith('scan1'));
    fakes.finish('scan1-p1');
    await cancelled;
    for (const text of ['scan2-p1', 'scan2-p2']) {
      await settle();
      fakes.finish(text);
    }
    await pool.drain();
    expect(done.map((entry) => entry.id)).toEqual(['scan2-p1', 'scan2-p2']);
  });

  it('reports a failed page and goes on with the next', async () => {
    const fakes = new FakeEngines(1);
    const { pool, done, errors } = recordingPool(fakes);
    pool.add([
      { id: 'broken', prepare: () => Promise.reject(new Error('page 2 cannot be drawn')) },
      ...jobs('fine'),
    ]);
    await settle();
    fakes.finish('fine');
    await pool.drain();
    expect(errors).toEqual([{ id: 'broken', message: 'page 2 cannot be drawn' }]);
    expect(done.map((entry) => entry.id)).toEqual(['fine']);
  });

  it('terminates every engine', async () => {
    const fakes = new FakeEngines(3);
    const { pool } = recordingPool(fakes);
    await pool.terminate();
    expect(fakes.terminated).toBe(3);
  });
});
