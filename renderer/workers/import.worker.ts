/// <reference lib="webworker" />
import { rowsOf } from '../../shared/ingest/block-rows';
import { BlockBuilder, fullBlocks, type UnassignedBlock } from '../../shared/ingest/blocks';
import { IngestError } from '../../shared/ingest/errors';
import { detect, openStream, previewSlice, type ImportSettings } from '../../shared/ingest/open';
import type { Actor } from '../db/audit';
import { TesseraDatabase } from '../db/database';
import {
  abandonImport,
  appendBlocks,
  beginImport,
  findSameFile,
  finishImport,
} from '../db/repositories/sources';
import type { Failure, ImportRequest, ImportResponse } from './import-protocol';
import { BlockWriter } from './import-writer';

declare const self: DedicatedWorkerGlobalScope;

const db = new TesseraDatabase();
const cancelled = new Set<string>();
const progressEveryMs = 100;
const previewRows = 20;

function post(response: ImportResponse): void {
  self.postMessage(response);
}

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  const work =
    request.type === 'detect'
      ? runDetect(request.id, request.fileName, request.file, request.projectId)
      : request.type === 'preview'
        ? runPreview(request.id, request.fileName, request.file, request.settings)
        : runImport(
            request.id,
            request.fileName,
            request.file,
            request.settings,
            request.projectId,
            request.actor,
          );
  work.catch((error: unknown) =>
    post({ type: 'failed', id: request.id, error: describe(request.fileName, error) }),
  );
};

function describe(fileName: string, error: unknown): Failure {
  if (error instanceof IngestError) return { line: error.line, message: error.message };
  const reason = error instanceof Error ? error.message : String(error);
  return { line: null, message: `${fileName}: ${reason}` };
}

async function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function runDetect(
  id: string,
  fileName: string,
  file: Blob,
  projectId: string,
): Promise<void> {
  const bytes = await bytesOf(file);
  const [detection, sha256] = await Promise.all([detect(fileName, bytes), sha256Of(bytes)]);
  const same = await findSameFile(db, projectId, sha256);
  post({
    type: 'detected',
    id,
    detection,
    sha256,
    size: bytes.byteLength,
    duplicates: same.map(({ fileName: name, importedAt, rowCount }) => ({
      fileName: name,
      importedAt,
      rowCount,
    })),
  });
}

async function runPreview(
  id: string,
  fileName: string,
  file: Blob,
  settings: ImportSettings,
): Promise<void> {
  const builder = new BlockBuilder(previewRows);
  let block: UnassignedBlock | null = null;
  // A preview reads the start of a text file only, so a large file is ready to import at once.
  const sample = previewSlice(await bytesOf(file), settings.format);
  for await (const item of openStream(fileName, sample, { ...settings, mode: 'lenient' }, true)) {
    block = builder.add(item);
    if (block) break;
  }
  block ??= builder.flush();
  post({
    type: 'preview',
    id,
    fields: builder.fieldNames,
    rows: block ? rowsOf(block) : [],
    skipped: builder.skipped,
  });
}

async function runImport(
  id: string,
  fileName: string,
  file: Blob,
  settings: ImportSettings,
  projectId: string,
  actor: Actor,
): Promise<void> {
  const bytes = await bytesOf(file);
  const source = await beginImport(db, actor, {
    projectId,
    fileName,
    format: settings.format,
    encoding: settings.format === 'xlsx' ? 'xlsx' : settings.encoding,
    size: bytes.byteLength,
    sha256: await sha256Of(bytes),
    mode: settings.mode,
    ...(settings.sheet ? { sheet: settings.sheet } : {}),
    ...(settings.format === 'csv' || settings.format === 'tsv'
      ? { delimiter: settings.delimiter }
      : {}),
  });
  const writer = new BlockWriter((blocks) => appendBlocks(db, source.id, blocks));
  try {
    const builder = new BlockBuilder();
    const started = performance.now();
    let lastReport = started;
    for await (const block of fullBlocks(openStream(fileName, bytes, settings), builder)) {
      await writer.add(block);
      if (cancelled.has(id)) break;
      const now = performance.now();
      if (now - lastReport >= progressEveryMs) {
        lastReport = now;
        post({
          type: 'progress',
          id,
          rows: builder.rowsSeen,
          rowsPerSecond: Math.round(builder.rowsSeen / ((now - started) / 1000)),
        });
      }
    }
    if (!cancelled.has(id)) {
      const last = builder.flush();
      if (last) await writer.add(last);
      await writer.finish();
    }
    // Also a cancel that came while the last writes went in: the source is not committed yet.
    if (cancelled.has(id)) {
      cancelled.delete(id);
      await writer.settle();
      await abandonImport(db, source.id);
      post({ type: 'cancelled', id });
      return;
    }
    const fields = builder.fieldNames;
    if (fields.length === 0) throw new IngestError(fileName, null, 'holds no records');
    const { automaticMappings } = await finishImport(db, actor, source.id, {
      fields,
      rowCount: builder.rowsSeen,
      skipped: builder.skipped,
      // Profiled right after, in the background: it costs more than parsing and storing together.
      profile: [],
    });
    const elapsed = (performance.now() - started) / 1000;
    post({
      type: 'progress',
      id,
      rows: builder.rowsSeen,
      rowsPerSecond: Math.round(builder.rowsSeen / Math.max(elapsed, 0.001)),
    });
    post({
      type: 'done',
      id,
      sourceId: source.id,
      rowCount: builder.rowsSeen,
      skipped: builder.skipped.length,
      automaticMappings: automaticMappings.length,
    });
  } catch (error) {
    await writer.settle();
    await abandonImport(db, source.id);
    throw error;
  }
}
