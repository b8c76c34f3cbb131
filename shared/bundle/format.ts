/**
 * The project bundle: one zip file holding a whole project for hand-over and backup.
 *
 *   manifest.json            { kind: "tessera-bundle", formatVersion, tessera: { version },
 *                              createdAt, parts: [{ table, path, rows, bytes, sha256 }],
 *                              files?: [{ path, bytes, sha256 }] }
 *   tables/<table>.jsonl     one JSON object per line, one file per database table
 *   files/<name>             binary parts (page images), each named by a row that needs it
 *
 * Tables are named as in the database (qaPairs, reviews, recordBlocks, auditEvents, scans …); the
 * format is generic over them, so a table added later needs no new bundle version. Hashes and
 * sizes are of the uncompressed bytes, so they can be checked against the files once extracted.
 * A bundle with binary parts is format 2 (a format-1 reader would refuse its unlisted files with
 * a misleading message); one without stays format 1, readable by every version.
 */
import { z } from 'zod';

export const bundleKind = 'tessera-bundle';
/** Bumped only when a reader of the previous version could not read the new files correctly. */
export const bundleFormatVersion = 2;
/** The format of a bundle without binary parts. */
export const tablesOnlyFormatVersion = 1;

export const tableNamePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A binary part's path: under files/, plain names of letters, digits, dot, _ and -. */
export const filePathPattern =
  /^files\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,4}[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export const bundlePartSchema = z.object({
  table: z.string().regex(tableNamePattern),
  path: z.string().min(1),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleFilePartSchema = z.object({
  path: z.string().regex(filePathPattern),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleManifestSchema = z.object({
  kind: z.literal(bundleKind),
  formatVersion: z.number().int().positive(),
  tessera: z.object({ version: z.string() }),
  createdAt: z.string(),
  parts: z.array(bundlePartSchema),
  files: z.array(bundleFilePartSchema).optional(),
});

export type BundlePart = z.infer<typeof bundlePartSchema>;
export type BundleFilePart = z.infer<typeof bundleFilePartSchema>;
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** A binary part to write: its path under files/ and its bytes. */
export interface BundleFile {
  path: string;
  data: Uint8Array;
}

export function partPath(table: string): string {
  return `tables/${table}.jsonl`;
}

/** A bundle that cannot be read, with the part and line at fault when there is one. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly part: string | null = null,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}
