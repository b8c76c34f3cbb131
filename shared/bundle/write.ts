/**
 * Writes a project bundle from its tables, streaming: each table's rows become JSONL that is
 * hashed and deflated chunk by chunk, and the manifest goes in last, when every part's hash is
 * known. Entries carry a fixed modification time, so the same tables give the same bytes.
 */
import { Zip, ZipDeflate } from 'fflate';
import { StreamDigest, utf8Chunks } from '../export/stream';
import {
  BundleError,
  bundleFormatVersion,
  bundleKind,
  partPath,
  tableNamePattern,
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

/** The bundle's bytes, a chunk at a time. */
export function* bundleChunks(tables: BundleTables, context: BundleContext): Generator<Uint8Array> {
  const output: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else output.push(data);
  });
  const drain = function* (): Generator<Uint8Array> {
    if (failure) throw failure;
    while (output.length > 0) {
      const next = output.shift();
      if (next) yield next;
    }
  };
  const add = (path: string) => {
    const entry = new ZipDeflate(path, { level: 6 });
    entry.mtime = fixedTime;
    zip.add(entry);
    return entry;
  };

  const parts: BundlePart[] = [];
  for (const table of Object.keys(tables).sort()) {
    if (!tableNamePattern.test(table))
      throw new BundleError(`"${table}" cannot name a bundle table (letters, digits, _ and -).`);
    const path = partPath(table);
    const entry = add(path);
    const digest = new StreamDigest();
    let rows = 0;
    function* lines(): Generator<string> {
      for (const row of tables[table] ?? []) {
        rows++;
        yield JSON.stringify(row) + '\n';
      }
    }
    for (const bytes of utf8Chunks(lines())) {
      digest.update(bytes);
      entry.push(bytes);
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
    parts.push({ table, path, rows, ...digest.digest() });
  }

  const manifest: BundleManifest = {
    kind: bundleKind,
    formatVersion: bundleFormatVersion,
    tessera: { version: context.appVersion },
    createdAt: context.createdAt,
    parts,
  };
  const entry = add('manifest.json');
  entry.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), true);
  zip.end();
  yield* drain();
}

export function writeBundle(tables: BundleTables, context: BundleContext): Uint8Array {
  const chunks = [...bundleChunks(tables, context)];
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
