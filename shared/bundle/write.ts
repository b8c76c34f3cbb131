/**
 * Writes a project bundle from its tables, streaming: each table's rows become JSONL that is
 * hashed and deflated chunk by chunk, binary parts (page images) are stored as they are, and the
 * manifest goes in last, when every part's hash is known. Entries carry a fixed modification
 * time, so the same tables and files give the same bytes.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { StreamDigest, utf8Chunks } from '../export/stream';
import {
  BundleError,
  bundleFormatVersion,
  bundleKind,
  filePathPattern,
  partPath,
  tableNamePattern,
  tablesOnlyFormatVersion,
  type BundleFile,
  type BundleFilePart,
  type BundleManifest,
  type BundlePart,
} from './format';

export interface BundleContext {
  appVersion: string;
  /** ISO 8601; injected so that a test can pin it. */
  createdAt: string;
}

export type BundleTables = Readonly<Record<string, Iterable<unknown>>>;

const fixedTime = new Date('2000-01-01T00:00:00Z');

/**
 * A bundle written one part at a time. Each method yields the zip bytes it produced, so a caller
 * that must await between parts (reading a page image from the database) can stream the bundle
 * without holding it: tables and files in any order, then `finish` once.
 */
export class BundleWriter {
  private readonly output: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip = new Zip((error, data) => {
    if (error) this.failure = error;
    else this.output.push(data);
  });
  private readonly parts: BundlePart[] = [];
  private readonly files: BundleFilePart[] = [];
  private readonly paths = new Set<string>();
  private isFinished = false;

  constructor(private readonly context: BundleContext) {}

  /** One table's rows as tables/<table>.jsonl. */
  *table(table: string, rows: Iterable<unknown>): Generator<Uint8Array> {
    if (!tableNamePattern.test(table))
      throw new BundleError(`"${table}" cannot name a bundle table (letters, digits, _ and -).`);
    const path = partPath(table);
    this.claim(path);
    const entry = new ZipDeflate(path, { level: 6 });
    entry.mtime = fixedTime;
    this.zip.add(entry);
    const digest = new StreamDigest();
    let count = 0;
    function* lines(): Generator<string> {
      for (const row of rows) {
        count++;
        yield JSON.stringify(row) + '\n';
      }
    }
    for (const bytes of utf8Chunks(lines())) {
      digest.update(bytes);
      entry.push(bytes);
      yield* this.drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* this.drain();
    this.parts.push({ table, path, rows: count, ...digest.digest() });
  }

  /** One binary part, stored without compression: page images are compressed already. */
  *file(file: BundleFile): Generator<Uint8Array> {
    if (!filePathPattern.test(file.path))
      throw new BundleError(
        `"${file.path}" cannot name a bundle file (files/ and plain names of letters, digits, ., _ and -).`,
      );
    this.claim(file.path);
    const entry = new ZipPassThrough(file.path);
    entry.mtime = fixedTime;
    this.zip.add(entry);
    const digest = new StreamDigest();
    digest.update(file.data);
    entry.push(file.data, true);
    yield* this.drain();
    this.files.push({ path: file.path, ...digest.digest() });
  }

  /** The manifest, listing every part written, and the end of the archive. */
  *finish(): Generator<Uint8Array> {
    if (this.isFinished) throw new BundleError('The bundle is already finished.');
    this.isFinished = true;
    const parts = [...this.parts].sort((left, right) => compare(left.table, right.table));
    const files = [...this.files].sort((left, right) => compare(left.path, right.path));
    const manifest: BundleManifest = {
      kind: bundleKind,
      formatVersion: files.length > 0 ? bundleFormatVersion : tablesOnlyFormatVersion,
      tessera: { version: this.context.appVersion },
      createdAt: this.context.createdAt,
      parts,
      ...(files.length > 0 ? { files } : {}),
    };
    const entry = new ZipDeflate('manifest.json', { level: 6 });
    entry.mtime = fixedTime;
    this.zip.add(entry);
    entry.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), true);
    this.zip.end();
    yield* this.drain();
  }

  private claim(path: string): void {
    if (this.isFinished) throw new BundleError('The bundle is already finished.');
    if (this.paths.has(path)) throw new BundleError(`The bundle already holds ${path}.`);
    this.paths.add(path);
  }

  private *drain(): Generator<Uint8Array> {
    if (this.failure) throw this.failure;
    while (this.output.length > 0) {
      const next = this.output.shift();
      if (next) yield next;
    }
  }
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The bundle's bytes, a chunk at a time: tables in name order, then files in path order. */
export function* bundleChunks(
  tables: BundleTables,
  context: BundleContext,
  files: Iterable<BundleFile> = [],
): Generator<Uint8Array> {
  const writer = new BundleWriter(context);
  for (const table of Object.keys(tables).sort()) yield* writer.table(table, tables[table] ?? []);
  const sorted = [...files].sort((left, right) => compare(left.path, right.path));
  for (const file of sorted) yield* writer.file(file);
  yield* writer.finish();
}

export function writeBundle(
  tables: BundleTables,
  context: BundleContext,
  files: Iterable<BundleFile> = [],
): Uint8Array {
  return concatBytes([...bundleChunks(tables, context, files)]);
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
