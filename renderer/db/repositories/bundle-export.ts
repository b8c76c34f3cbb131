/**
 * The whole project as one bundle file, for hand-over and backup: its records (read through the
 * source repository, so however blocks are stored they travel as plain rows), scans with their
 * page images as binary parts, the dictionary and mappings, QA pairs with their versions, reviews
 * and templates, the people who did the work, and the audit trail.
 *
 * The audit trail is the workstation's whole chain: each event's hash covers the one before, so
 * only the whole chain can be verified on the other side. It therefore carries other projects'
 * events too, as the Audit screen shows them.
 */
import { BundleWriter, concatBytes, type BundleContext } from '../../../shared/bundle/write';
import type { BundleFile } from '../../../shared/bundle/format';
import { rowsPerBlock } from '../../../shared/ingest/blocks';
import { newId } from '../../../shared/model/ids';
import type { ScanPage } from '../../../shared/model/scans';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import type { BundleTable } from './bundle-contents';
import { listPairs, listReviews } from './qa';
import { reviewPolicyKey } from './qa-policy';
import { listCorrections, listFormTemplates, listProjectPages, listScans } from './scans';
import { listSources, loadSourceRows } from './sources';
import { readDictionaryVersion } from './terminology';

export interface ProjectBundle {
  bytes: Uint8Array;
  /** Rows per table and the number of page images, for the person and the audit trail. */
  counts: Record<BundleTable, number> & { files: number };
}

/** A plain-row block of the bundle: the same shape whatever the database stores. */
interface BundleBlock {
  sourceId: string;
  index: number;
  firstRow: number;
  lines: number[];
  rows: string[][];
}

export async function buildProjectBundle(
  db: TesseraDatabase,
  projectId: string,
  context: BundleContext,
): Promise<ProjectBundle> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error(`No project ${projectId}.`);
  const sources = await listSources(db, projectId);
  const recordBlocks: BundleBlock[] = [];
  for (const source of sources) {
    const { rows, lines } = await loadSourceRows(db, source.id);
    for (let firstRow = 0; firstRow < rows.length; firstRow += rowsPerBlock)
      recordBlocks.push({
        sourceId: source.id,
        index: firstRow / rowsPerBlock,
        firstRow,
        lines: lines.slice(firstRow, firstRow + rowsPerBlock),
        rows: rows.slice(firstRow, firstRow + rowsPerBlock),
      });
  }
  const qaPairs = await listPairs(db, projectId);
  const pairIds = new Set(qaPairs.map((pair) => pair.id));
  const qaVersions = (await db.qaVersions.toArray()).filter((version) =>
    pairIds.has(version.qaPairId),
  );
  const pages = (await listProjectPages(db, projectId)).sort(byId);
  const { scanPages, files } = await pagesWithImages(pages);
  const policy = await db.meta.get(reviewPolicyKey(projectId));
  const tables: Record<BundleTable, unknown[]> = {
    projects: [project],
    profiles: await db.profiles.toArray(),
    // Alias keys are derived from the term; the importing side computes its own.
    terms: (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }) => term),
    meta: [
      { key: 'dictionaryVersion', value: await readDictionaryVersion(db) },
      ...(policy ? [policy] : []),
    ],
    sources,
    recordBlocks,
    mappings: await db.mappings.where('projectId').equals(projectId).toArray(),
    qaTemplates: await db.qaTemplates.where('projectId').equals(projectId).toArray(),
    qaPairs,
    qaVersions,
    reviews: await listReviews(db, pairIds),
    scans: await listScans(db, projectId),
    scanPages,
    ocrCorrections: await listCorrections(db, { projectId }),
    formTemplates: await listFormTemplates(db, projectId),
    auditEvents: await db.auditEvents.orderBy('seq').toArray(),
  };
  const writer = new BundleWriter(context);
  const chunks: Uint8Array[] = [];
  for (const table of Object.keys(tables).sort() as BundleTable[])
    chunks.push(...writer.table(table, tables[table]));
  for (const file of files) chunks.push(...writer.file(file));
  chunks.push(...writer.finish());
  const counts = Object.fromEntries(
    Object.entries(tables).map(([table, rows]) => [table, rows.length]),
  ) as Record<BundleTable, number>;
  return { bytes: concatBytes(chunks), counts: { ...counts, files: files.length } };
}

function byId(left: { id: string }, right: { id: string }): number {
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
};

/** Each page's image as a binary part, the row naming it instead of holding it. */
async function pagesWithImages(pages: readonly ScanPage[]) {
  const scanPages: unknown[] = [];
  const files: BundleFile[] = [];
  for (const page of pages) {
    const name = page.id.replace(/[^A-Za-z0-9_-]/g, '_');
    const path = `files/pages/${name}.${extensions[page.image.type] ?? 'bin'}`;
    files.push({ path, data: new Uint8Array(await page.image.arrayBuffer()) });
    scanPages.push({ ...page, image: { file: path, type: page.image.type } });
  }
  return { scanPages, files };
}

/** The bundle export in the audit trail: which project, where it went, its hash and counts. */
export async function recordBundleExport(
  db: TesseraDatabase,
  actor: Actor,
  projectId: string,
  details: { location: string; sha256: string; bytes: number; counts: ProjectBundle['counts'] },
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.auditEvents, async () => {
    await appendAudit(
      db,
      actor,
      {
        action: 'project.export-bundle',
        entity: 'export',
        entityId: newId('export', now),
        before: null,
        after: { projectId, ...details },
      },
      now,
    );
  });
}
