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

const decoder = new TextDecoder('utf-8', { fatal: true });

export function readBundle(bytes: Uint8Array): ReadBundle {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new BundleError(
      `This is not a Tessera bundle: the file is not a readable zip archive (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes)
    throw new BundleError(
      'This is not a Tessera bundle: it has no manifest.json.',
      'manifest.json',
    );
  const manifest = parseManifest(manifestBytes);

  const expected = new Set<string>(['manifest.json']);
  const tables: Record<string, unknown[]> = {};
  for (const part of manifest.parts) {
    if (part.path !== partPath(part.table))
      throw new BundleError(
        `The manifest puts table ${part.table} at ${part.path}; it belongs at ${partPath(part.table)}.`,
        'manifest.json',
      );
    if (expected.has(part.path) || part.table in tables)
      throw new BundleError(`The manifest lists ${part.path} twice.`, 'manifest.json');
    expected.add(part.path);
    const data = entries[part.path];
    if (!data) throw new BundleError(`The bundle is missing ${part.path}.`, part.path);
    if (data.byteLength !== part.bytes || bytesToHex(sha256(data)) !== part.sha256)
      throw new BundleError(
        `${part.path} is damaged: its SHA-256 or size does not match the manifest.`,
        part.path,
      );
    const rows = parseLines(part.path, data);
    if (rows.length !== part.rows)
      throw new BundleError(
        `${part.path} has ${rows.length} rows; the manifest says ${part.rows}.`,
        part.path,
      );
    tables[part.table] = rows;
  }
  const files: Record<string, Uint8Array> = {};
  for (const file of manifest.files ?? []) {
    if (expected.has(file.path))
      throw new BundleError(`The manifest lists ${file.path} twice.`, 'manifest.json');
    expected.add(file.path);
    const data = entries[file.path];
    if (!data) throw new BundleError(`The bundle is missing ${file.path}.`, file.path);
    if (data.byteLength !== file.bytes || bytesToHex(sha256(data)) !== file.sha256)
      throw new BundleError(
        `${file.path} is damaged: its SHA-256 or size does not match the manifest.`,
        file.path,
      );
    files[file.path] = data;
  }
  const unexpected = Object.keys(entries)
    .filter((name) => !name.endsWith('/') && !expected.has(name))
    .sort();
  if (unexpected.length > 0)
    throw new BundleError(
      `The bundle holds files its manifest does not list: ${unexpected.join(', ')}.`,
      unexpected[0] ?? null,
    );
  return { manifest, tables, files };
}

function parseManifest(bytes: Uint8Array): BundleManifest {
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
