import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RgbaImage } from '../shared/ocr/types';

export interface RasterRequest {
  id: number;
  bytes: Uint8Array;
}

export type RasterReply =
  { id: number; width: number; height: number; data: Uint8Array } | { id: number; error: string };

const require = createRequire(import.meta.url);
const processScript = fileURLToPath(new URL('./ocr-raster-process.ts', import.meta.url));

/**
 * Decodes raster images in a child process (see ocr-raster-process.ts for why), one at a time, so a
 * crash is pinned on the file being decoded. The child starts on first use and again after a crash.
 */
export class RasterDecoder {
  private child: ChildProcess | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly timeoutMs = 60_000) {}

  /** Rejects with a plain reason ("the file is damaged…"); callers add the file name. */
  decode(bytes: Uint8Array): Promise<RgbaImage> {
    const result = this.queue.then(() => this.run(bytes));
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    const child = this.child;
    this.child = null;
    if (child !== null && child.exitCode === null) child.kill();
  }

  private start(): ChildProcess {
    // The child is TypeScript like the rest of the command: tsx, resolved from here, runs it.
    const child = fork(processScript, {
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.resume();
    this.child = child;
    return child;
  }

  private run(bytes: Uint8Array): Promise<RgbaImage> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise<RgbaImage>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (reply: RasterReply): void => {
        if (reply.id !== id) return;
        finish();
        if ('error' in reply) reject(new Error(`cannot be decoded (${reply.error})`));
        else resolve({ width: reply.width, height: reply.height, data: reply.data });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        finish();
        if (this.child === child) this.child = null;
        reject(
          new Error(
            `cannot be decoded: the image decoder stopped (${signal ?? `exit ${code}`}); the file is damaged or truncated`,
          ),
        );
      };
      const timer = setTimeout(() => {
        finish();
        if (this.child === child) this.child = null;
        child.kill();
        reject(new Error(`cannot be decoded: no result after ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, bytes } satisfies RasterRequest);
    });
  }
}
