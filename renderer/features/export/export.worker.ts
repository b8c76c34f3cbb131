/// <reference lib="webworker" />
/**
 * The export worker: reads the project, curates (de-identification, near-duplicate search and
 * splits take seconds at 100,000 pairs) and encodes the files off the window's thread, sending
 * them to the window chunk by chunk.
 */
import type { DatasetSink } from '../../../shared/export/write-dataset';
import { TesseraDatabase } from '../../db';
import { filterChoices, previewDataset, runDatasetJob, type JobProgress } from './dataset-job';
import { chunksInFlight, type ExportRequest, type ExportResponse } from './export-protocol';

declare const self: DedicatedWorkerGlobalScope;

const db = new TesseraDatabase();
const progressEveryMs = 100;

class Cancelled extends Error {}

/** One running export: the sink that streams its files, and its acknowledgements. */
class Channel implements DatasetSink {
  isCancelled = false;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly id: string) {}

  acknowledge(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  cancel(): void {
    this.isCancelled = true;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async room(limit: number): Promise<void> {
    while (this.inFlight > limit && !this.isCancelled)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.isCancelled) throw new Cancelled('The export was cancelled.');
  }

  async writeFile(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    post({ type: 'file', id: this.id, path });
    for await (const chunk of chunks) {
      await this.room(chunksInFlight - 1);
      // Transferred, not copied; a view into a larger buffer is copied first so that only its
      // own bytes move.
      const data =
        chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
          ? chunk
          : chunk.slice();
      this.inFlight++;
      self.postMessage({ type: 'chunk', id: this.id, data } satisfies ExportResponse, [
        data.buffer,
      ]);
    }
    await this.room(0);
    post({ type: 'file-end', id: this.id });
  }
}

const channels = new Map<string, Channel>();

function post(response: ExportResponse): void {
  self.postMessage(response);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

self.onmessage = (event: MessageEvent<ExportRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'ack':
      channels.get(request.id)?.acknowledge();
      return;
    case 'cancel':
      channels.get(request.id)?.cancel();
      return;
    case 'choices':
      filterChoices(db, request.projectId).then(
        (choices) => post({ type: 'choices', id: request.id, choices }),
        (error: unknown) =>
          post({ type: 'failed', id: request.id, message: describe(error), isCancelled: false }),
      );
      return;
    case 'preview':
      previewDataset(db, request.projectId, request.curation).then(
        (preview) => post({ type: 'preview', id: request.id, preview }),
        (error: unknown) =>
          post({ type: 'failed', id: request.id, message: describe(error), isCancelled: false }),
      );
      return;
    case 'export': {
      const channel = new Channel(request.id);
      channels.set(request.id, channel);
      let lastReport = 0;
      const report = (progress: JobProgress) => {
        // Curation reads for seconds before a file is written; Cancel stops it between batches.
        if (channel.isCancelled) throw new Cancelled('The export was cancelled.');
        const now = performance.now();
        if (now - lastReport < progressEveryMs && progress.path !== 'manifest.json') return;
        lastReport = now;
        post({ type: 'progress', id: request.id, progress });
      };
      runDatasetJob(db, request.job, channel, report)
        .then(
          (result) => post({ type: 'done', id: request.id, result }),
          (error: unknown) =>
            post({
              type: 'failed',
              id: request.id,
              message: describe(error),
              isCancelled: error instanceof Cancelled,
            }),
        )
        .finally(() => channels.delete(request.id));
      return;
    }
  }
};
