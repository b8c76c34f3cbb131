/**
 * Reads a project bundle and refuses it whole at the first sign of damage — not a zip, no
 * manifest, a manifest of the wrong kind or a newer format, a missing or unexpected part or
 * file, a hash, size or row count that does not match, a line that is not JSON — with a message
 * naming the part and line. Nothing is returned from a damaged bundle, so an import never starts
 * on one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzipSync } from 'fflate';
import {
  BundleError,
  bundleFormatVersion,
  bundleKind,
  bundleManifestSchema,
  partPath,
  type BundleManifest,
} from './format';

export interface ReadBundle {
  manifest: BundleManifest;
  tables: Record<string, unknown[]>;
  /** Binary parts by path (files/…), each checked against its manifest hash. */
  files: Record<string, Uint8Array>;
}

/** Where a raw table's bytes are kept: in memory, or (the command line) in a temporary file. */
export interface ByteStore {
  read(start: number, end: number): Uint8Array;
}

/** A table's JSONL bytes, checked but not parsed, and where each of its rows starts. */
export interface RawTable {
  path: string;
  bytes: ByteStore;
  /** Byte offset of each row, and one past the last row's newline at the end. */
  rowStarts: Float64Array;
}

export interface ReadBundleOptions {
  /** Tables to parse into rows; the others are checked (hash, size, rows) and let go. */
  parse: readonly string[];
  /** Tables to keep as raw JSONL, parsed a row at a time by `rawRow`. */
  keepRaw: readonly string[];
  /** Keeps a raw table's bytes; in memory unless given. */
  store?: (path: string, data: Uint8Array) => ByteStore;
}

export function memoryStore(_path: string, data: Uint8Array): ByteStore {
  return { read: (start, end) => data.subarray(start, end) };
}

export interface PartialBundle {
  manifest: BundleManifest;
  tables: Record<string, unknown[]>;
  raw: Record<string, RawTable>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A bundle checked as `readBundle` checks it, one part inflated at a time, keeping only what the
 * caller asks for: the command-line export reads a 100,000-pair bundle without holding its
 * records, scans and audit trail, and without a parsed object per pair.
 */
export function readBundlePartly(bytes: Uint8Array, options: ReadBundleOptions): PartialBundle {
  const entry = (path: string): Uint8Array | undefined => {
    try {
      return unzipSync(bytes, { filter: (file) => file.name === path })[path];
    } catch (error) {
      throw notAZip(error);
    }
  };
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    throw notAZip(error);
  }
  const manifest = parseManifest(entry('manifest.json'));
  const expected = new Set<string>(['manifest.json']);
  const tables: Record<string, unknown[]> = {};
  const raw: Record<string, RawTable> = {};
  for (const part of manifest.parts) {
    checkPartPath(part, expected);
    const data = checkedData(part, entry(part.path));
    if (options.parse.includes(part.table)) {
      const rows = parseLines(part.path, data);
      checkRowCount(part, rows.length);
      tables[part.table] = rows;
      continue;
    }
    const rowStarts = rowStartsOf(data);
    checkRowCount(part, rowStarts.length - 1);
    if (options.keepRaw.includes(part.table))
      raw[part.table] = {
        path: part.path,
        bytes: (options.store ?? memoryStore)(part.path, data),
        rowStarts,
      };
  }
  for (const file of manifest.files ?? []) {
    if (expected.has(file.path))
      throw new BundleError(`The manifest lists ${file.path} twice.`, 'manifest.json');
    expected.add(file.path);
    checkedData(file, entry(file.path));
  }
  checkNothingUnexpected(names, expected);
  return { manifest, tables, raw };
}

/** Row `index` (0-based) of a raw table, parsed; a line that is not JSON is named. */
export function rawRow(table: RawTable, index: number): unknown {
  const start = table.rowStarts[index] ?? 0;
  const end = (table.rowStarts[index + 1] ?? start) - 1;
  const line = decoder.decode(table.bytes.read(start, Math.max(start, end)));
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new BundleError(
      `${table.path}, line ${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      table.path,
      index + 1,
    );
  }
}

function rowStartsOf(data: Uint8Array): Float64Array {
  let count = 0;
  for (let index = 0; index < data.length; index++) if (data[index] === 0x0a) count++;
  const trailing = data.length > 0 && data[data.length - 1] !== 0x0a ? 1 : 0;
  const starts = new Float64Array(count + trailing + 1);
  let row = 1;
  for (let index = 0; index < data.length; index++)
    if (data[index] === 0x0a) starts[row++] = index + 1;
  // A last line without its newline ends at the end of the data.
  if (trailing) starts[row] = data.length + 1;
  return starts;
}

function notAZip(error: unknown): BundleError {
  return new BundleError(
    `This is not a Tessera bundle: the file is not a readable zip archive (${error instanceof Error ? error.message : String(error)}).`,
  );
}

function checkPartPath(part: BundleManifest['parts'][number], expected: Set<string>): void {
  if (part.path !== partPath(part.table))
    throw new BundleError(
      `The manifest puts table ${part.table} at ${part.path}; it belongs at ${partPath(part.table)}.`,
      'manifest.json',
    );
  if (expected.has(part.path))
    throw new BundleError(`The manifest lists ${part.path} twice.`, 'manifest.json');
  expected.add(part.path);
}

function checkedData(
  part: { path: string; bytes: number; sha256: string },
  data: Uint8Array | undefined,
): Uint8Array {
  if (!data) throw new BundleError(`The bundle is missing ${part.path}.`, part.path);
  if (data.byteLength !== part.bytes || bytesToHex(sha256(data)) !== part.sha256)
    throw new BundleError(
      `${part.path} is damaged: its SHA-256 or size does not match the manifest.`,
      part.path,
    );
  return data;
}

function checkRowCount(part: BundleManifest['parts'][number], rows: number): void {
  if (rows !== part.rows)
    throw new BundleError(
      `${part.path} has ${rows} rows; the manifest says ${part.rows}.`,
      part.path,
    );
}

function checkNothingUnexpected(names: readonly string[], expected: ReadonlySet<string>): void {
  const unexpected = names.filter((name) => !name.endsWith('/') && !expected.has(name)).sort();
  if (unexpected.length > 0)
    throw new BundleError(
      `The bundle holds files its manifest does not list: ${unexpected.join(', ')}.`,
      unexpected[0] ?? null,
    );
}

export function readBundle(bytes: Uint8Array): ReadBundle {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw notAZip(error);
  }
  const manifest = parseManifest(entries['manifest.json']);

  const expected = new Set<string>(['manifest.json']);
  const tables: Record<string, unknown[]> = {};
  for (const part of manifest.parts) {
    checkPartPath(part, expected);
    const rows = parseLines(part.path, checkedData(part, entries[part.path]));
    checkRowCount(part, rows.length);
    tables[part.table] = rows;
  }
  const files: Record<string, Uint8Array> = {};
  for (const file of manifest.files ?? []) {
    if (expected.has(file.path))
      throw new BundleError(`The manifest lists ${file.path} twice.`, 'manifest.json');
    expected.add(file.path);
    files[file.path] = checkedData(file, entries[file.path]);
  }
  checkNothingUnexpected(Object.keys(entries), expected);
  return { manifest, tables, files };
}

function parseManifest(bytes: Uint8Array | undefined): BundleManifest {
  if (!bytes)
    throw new BundleError(
      'This is not a Tessera bundle: it has no manifest.json.',
      'manifest.json',
    );
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new BundleError('manifest.json is not valid JSON.', 'manifest.json');
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind !== bundleKind)
    throw new BundleError(
      'This is not a Tessera bundle: manifest.json is of another kind.',
      'manifest.json',
    );
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > bundleFormatVersion)
    throw new BundleError(
      `This bundle was made by a newer Tessera (bundle format ${version}); this version reads formats up to ${bundleFormatVersion}. Update Tessera to import it.`,
      'manifest.json',
    );
  const parsed = bundleManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new BundleError(
      `manifest.json is not a valid bundle manifest${where}: ${issue?.message ?? 'unknown problem'}.`,
      'manifest.json',
    );
  }
  return parsed.data;
}

function parseLines(path: string, data: Uint8Array): unknown[] {
  let text: string;
  try {
    text = decoder.decode(data);
  } catch {
    throw new BundleError(`${path} is not UTF-8 text.`, path);
  }
  const rows: unknown[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      throw new BundleError(
        `${path}, line ${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
        path,
        index + 1,
      );
    }
  });
  return rows;
}
