/**
 * The project bundle: one zip file holding a whole project for hand-over and backup.
 *
 *   manifest.json            { kind: "tessera-bundle", formatVersion, tessera: { version },
 *                              createdAt, parts: [{ table, path, rows, bytes, sha256 }] }
 *   tables/<table>.jsonl     one JSON object per line, one file per database table
 *
 * Tables are named as in the database (qaPairs, reviews, recordBlocks, auditEvents, scans …); the
 * format is generic over them, so a table added later needs no new bundle version. Hashes and
 * sizes are of the uncompressed JSONL, so they can be checked against the files once extracted.
 */
import { z } from 'zod';

export const bundleKind = 'tessera-bundle';
/** Bumped only when a reader of the previous version could not read the new files correctly. */
export const bundleFormatVersion = 1;

export const tableNamePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const bundlePartSchema = z.object({
  table: z.string().regex(tableNamePattern),
  path: z.string().min(1),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleManifestSchema = z.object({
  kind: z.literal(bundleKind),
  formatVersion: z.number().int().positive(),
  tessera: z.object({ version: z.string() }),
  createdAt: z.string(),
  parts: z.array(bundlePartSchema),
});

export type BundlePart = z.infer<typeof bundlePartSchema>;
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

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
