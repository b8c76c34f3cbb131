/**
 * OCR corrections beside the dataset, as the Scans screen exports them (shared/ocr's crop and text
 * pairs, crops cut by the scan worker): ocr-corrections/corrections.jsonl and a PNG crop per
 * decided word. Written by the window, which owns the folder and the scan worker, before the
 * dataset, and listed in the dataset's manifest with their hashes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { DatasetFileEntry } from '../../../shared/export/manifest';
import { correctionPairs, pairsJsonl } from '../../../shared/ocr/correction-pairs';
import { listCorrections, listProjectPages, listScans, type TesseraDatabase } from '../../db';
import type { FolderWriter } from '../../platform';
import { cropImage } from '../../workers/scan-client';

const folder = 'ocr-corrections';

async function writeWhole(
  writer: FolderWriter,
  path: string,
  data: Uint8Array,
  rows?: number,
): Promise<DatasetFileEntry> {
  const file = await writer.createFile(path);
  await file.write(data);
  await file.close();
  return {
    path,
    bytes: data.byteLength,
    sha256: bytesToHex(sha256(data)),
    ...(rows === undefined ? {} : { rows }),
  };
}

export async function writeCorrections(
  db: TesseraDatabase,
  projectId: string,
  writer: FolderWriter,
  onFile: (path: string) => void,
): Promise<DatasetFileEntry[]> {
  const corrections = await listCorrections(db, { projectId });
  const pageById = new Map((await listProjectPages(db, projectId)).map((page) => [page.id, page]));
  const scanById = new Map((await listScans(db, projectId)).map((scan) => [scan.id, scan]));
  const pairs = correctionPairs(corrections, (correction) => ({
    file: scanById.get(correction.scanId)?.fileName ?? correction.scanId,
    page: pageById.get(correction.pageId)?.page ?? 0,
  }));
  const byId = new Map(corrections.map((correction) => [correction.id, correction]));
  const entries: DatasetFileEntry[] = [];
  const written: typeof pairs = [];
  for (const pair of pairs) {
    const correction = byId.get(pair.correction_id);
    const page = correction ? pageById.get(correction.pageId) : undefined;
    if (!correction || !page) continue;
    const path = `${folder}/${pair.image}`;
    onFile(path);
    const crop = await cropImage(page.image, correction.bbox);
    entries.push(await writeWhole(writer, path, new Uint8Array(await crop.arrayBuffer())));
    written.push(pair);
  }
  const path = `${folder}/corrections.jsonl`;
  onFile(path);
  entries.push(
    await writeWhole(writer, path, new TextEncoder().encode(pairsJsonl(written)), written.length),
  );
  return entries;
}
