/*
 * Where an import's time goes: a timed replica of runImport in renderer/workers/import.worker.ts,
 * built by the bench with esbuild from the app's own modules (shared/ingest, renderer/db) and run
 * as a blob worker on the app's page, against a database of its own. It keeps the real loop's
 * order and its batched writes (the same BlockWriter), and adds only clocks around each step.
 * Then, apart from the import, the background profiling that follows it (profileSource in
 * renderer/workers/view.worker.ts: read every block back, parse its rows, profile every value,
 * save). Plain JS so that the node
 * tsconfig does not pull renderer/ in; the bench prints the replica's total next to the real
 * import's, so a replica that has drifted from the worker shows.
 */
/* global self */
import { rowsOf } from '../../shared/ingest/block-rows';
import { BlockBuilder } from '../../shared/ingest/blocks';
import { detect, openStream } from '../../shared/ingest/open';
import { Profiler } from '../../shared/ingest/profile';
import { TesseraDatabase } from '../../renderer/db/database';
import { appendBlocks, beginImport, finishImport } from '../../renderer/db/repositories/sources';
import { BlockWriter } from '../../renderer/workers/import-writer';

const actor = { id: 'bench', name: 'Import bench' };

self.onmessage = async (event) => {
  const { type, file, fileName, dbName } = event.data;
  if (type === 'ping') {
    self.postMessage({ type: 'pong' });
    return;
  }
  const db = new TesseraDatabase(dbName);
  await db.open();
  const phases = {
    read: 0,
    sha256: 0,
    begin: 0,
    decode: 0,
    parse: 0,
    blocks: 0,
    writeIssue: 0,
    writeWait: 0,
    commit: 0,
  };
  let mark = performance.now();
  const lap = (phase) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const started = mark;

  const bytes = new Uint8Array(await file.arrayBuffer());
  lap('read');
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha256 = Array.from(new Uint8Array(digest), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  lap('sha256');
  const { settings } = await detect(fileName, bytes.subarray(0, 64 * 1024));
  const source = await beginImport(db, actor, {
    projectId: 'bench',
    fileName,
    format: settings.format,
    encoding: settings.encoding,
    size: bytes.byteLength,
    sha256,
    mode: settings.mode,
    delimiter: settings.delimiter,
  });
  lap('begin');
  // openStream decodes the whole text before it yields anything.
  const iterator = openStream(fileName, bytes, settings)[Symbol.iterator]();
  lap('decode');
  const builder = new BlockBuilder();
  const writer = new BlockWriter((blocks) => appendBlocks(db, source.id, blocks));
  const write = async (block) => {
    // Up to its first await, add() queues the block and may start a write (the clone).
    const added = writer.add(block);
    lap('writeIssue');
    await added;
    lap('writeWait');
  };
  for (;;) {
    const next = iterator.next();
    lap('parse');
    if (next.done) break;
    const block = builder.add(next.value);
    lap('blocks');
    if (block) await write(block);
  }
  const last = builder.flush();
  lap('blocks');
  if (last) await write(last);
  await writer.finish();
  lap('writeWait');
  await finishImport(db, actor, source.id, {
    fields: builder.fieldNames,
    rowCount: builder.rowsSeen,
    skipped: builder.skipped,
    profile: [],
  });
  lap('commit');
  const totalMs = performance.now() - started;

  // The background profile, as view.worker.ts's profileSource does it.
  const background = { readBlocks: 0, parseRows: 0, profile: 0, save: 0 };
  const profiler = new Profiler();
  let clock = performance.now();
  await db.recordBlocks
    .where('sourceId')
    .equals(source.id)
    .each((block) => {
      const read = performance.now();
      background.readBlocks += read - clock;
      const rows = rowsOf(block);
      const parsed = performance.now();
      background.parseRows += parsed - read;
      for (const row of rows) profiler.addRow(row);
      clock = performance.now();
      background.profile += clock - parsed;
    });
  background.readBlocks += performance.now() - clock;
  clock = performance.now();
  await db.sources.update(source.id, { profile: profiler.result(builder.fieldNames) });
  background.save = performance.now() - clock;
  const profileMs =
    background.readBlocks + background.parseRows + background.profile + background.save;
  db.close();
  self.postMessage({ rows: builder.rowsSeen, totalMs, phases, profileMs, background });
};
