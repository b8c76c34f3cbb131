import type { Scan } from '../../../shared/model/scans';
import type { Actor } from '../../db/audit';
import type { TesseraDatabase } from '../../db/database';
import { addScan, findSameScan } from '../../db/repositories/scans';
import { decodeImageFile } from '../../workers/scan-client';
import { renderPdfPages } from './pdf-pages';
import { mimeTypeOf, scanKindOf } from './scan-files';

/** Larger scans are refused before reading: page images are held in memory while decoding. */
export const maxScanBytes = 512 * 1024 * 1024;

export type ScanImportOutcome =
  | { fileName: string; status: 'imported'; scan: Scan }
  | { fileName: string; status: 'duplicate'; existing: Scan }
  | { fileName: string; status: 'failed'; message: string };

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads one file into page images and stores it; nothing is stored when any page fails. */
export async function importScanFile(
  db: TesseraDatabase,
  actor: Actor,
  projectId: string,
  file: { name: string; file: Blob },
): Promise<ScanImportOutcome> {
  const fail = (message: string): ScanImportOutcome => ({
    fileName: file.name,
    status: 'failed',
    message: `${file.name}: ${message}`,
  });
  const kind = scanKindOf(file.name);
  if (kind === null) return fail('is not a scan (PNG, JPEG, TIFF, BMP, WebP or PDF).');
  if (file.file.size === 0) return fail('is empty.');
  if (file.file.size > maxScanBytes) {
    return fail(`is ${Math.round(file.file.size / 1024 / 1024)} MB; scans up to 512 MB are read.`);
  }
  const bytes = new Uint8Array(await file.file.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  const existing = await findSameScan(db, projectId, sha256);
  if (existing !== undefined) return { fileName: file.name, status: 'duplicate', existing };
  try {
    const typed = new Blob([bytes], { type: mimeTypeOf(kind) });
    const pages =
      kind === 'pdf'
        ? await renderPdfPages(bytes.slice())
        : await decodeImageFile(typed, kind === 'tiff' ? 'tiff' : 'bitmap', file.name);
    if (pages.length === 0) return fail('has no pages.');
    const scan = await addScan(
      db,
      actor,
      { projectId, fileName: file.name, kind, size: bytes.length, sha256 },
      pages.map((page) => ({ ...page, ...(kind === 'pdf' ? { dpi: 300 } : {}) })),
    );
    return { fileName: file.name, status: 'imported', scan };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
