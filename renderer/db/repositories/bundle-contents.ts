/**
 * A project bundle as the app writes and reads it: which tables it holds, and the checks a bundle
 * passes before anything of it reaches the database. readBundle has already refused damage
 * (hashes, sizes, JSON); here every row is checked for what the app relies on, every row is
 * checked to belong to the bundle's one project, every page image it names is present, and the
 * audit trail it carries is verified as the Audit screen verifies the local one. A bundle that
 * fails any check is refused whole, naming the table and row.
 */
import { z } from 'zod';
import { verifyChain, type ChainBreak } from '../../../shared/audit/chain';
import { BundleError, type BundleManifest } from '../../../shared/bundle/format';
import { readBundle } from '../../../shared/bundle/read';
import type { AuditEvent } from '../../../shared/model/audit';
import type { FieldMapping } from '../../../shared/model/mapping';
import { roles, type Profile } from '../../../shared/model/people';
import type { QaPair, QaVersion, Review } from '../../../shared/model/qa';
import type { Project, Source } from '../../../shared/model/records';
import type { OcrCorrection, Scan, ScanPage, StoredTemplate } from '../../../shared/model/scans';
import type { Term } from '../../../shared/model/terminology';
import type { MetaEntry, StoredQaTemplate } from '../database';

/** The tables of a project bundle, in the order they are imported. */
export const bundleTables = [
  'projects',
  'profiles',
  'terms',
  'meta',
  'sources',
  'recordBlocks',
  'mappings',
  'qaTemplates',
  'qaPairs',
  'qaVersions',
  'reviews',
  'scans',
  'scanPages',
  'ocrCorrections',
  'formTemplates',
  'auditEvents',
] as const;
export type BundleTable = (typeof bundleTables)[number];

const id = z.string().min(1);
const count = z.number().int().nonnegative();

/** The fields the app reads from each table; other fields pass through as the bundle has them. */
const rowSchemas = {
  projects: z.looseObject({ id, name: z.string(), createdAt: z.string(), createdBy: z.string() }),
  profiles: z.looseObject({ id, name: z.string(), role: z.enum(roles), createdAt: z.string() }),
  terms: z.looseObject({
    id,
    dictionaryId: z.string(),
    code: z.string(),
    nameEn: z.string(),
    nameZh: z.string(),
    abbreviations: z.array(z.string()),
    synonyms: z.array(z.string()),
    learned: z.array(z.looseObject({ text: z.string() })),
    status: z.string(),
  }),
  meta: z.looseObject({ key: z.string().min(1), value: z.unknown() }),
  sources: z.looseObject({
    id,
    projectId: id,
    fileName: z.string(),
    fields: z.array(z.string()),
    rowCount: count,
  }),
  recordBlocks: z.looseObject({
    sourceId: id,
    index: count,
    firstRow: count,
    lines: z.array(z.number().int()),
    rows: z.array(z.array(z.string())),
  }),
  mappings: z.looseObject({ id, projectId: id, raw: z.string() }),
  qaTemplates: z.looseObject({ id, projectId: id }),
  qaPairs: z.looseObject({
    id,
    projectId: id,
    question: z.string(),
    answer: z.string(),
    state: z.string(),
    version: z.number().int().positive(),
    evidence: z.array(z.unknown()),
  }),
  qaVersions: z.looseObject({ id, qaPairId: id, version: z.number().int().positive() }),
  reviews: z.looseObject({
    id,
    qaPairId: id,
    reviewerId: id,
    decision: z.string(),
    at: z.string(),
  }),
  scans: z.looseObject({ id, projectId: id, fileName: z.string(), pageCount: count }),
  scanPages: z.looseObject({
    id,
    scanId: id,
    projectId: id,
    page: z.number().int().positive(),
    image: z.object({ file: z.string(), type: z.string() }),
  }),
  ocrCorrections: z.looseObject({ id, pageId: id, scanId: id, projectId: id }),
  formTemplates: z.looseObject({ id, projectId: id }),
  auditEvents: z.object({
    seq: z.number().int().positive(),
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    hash: z.string(),
    previousHash: z.string(),
  }),
} satisfies Record<BundleTable, z.ZodType>;

/** A block of records as bundles carry it: plain rows, whatever the database stores. */
export interface BundleBlock {
  sourceId: string;
  index: number;
  firstRow: number;
  lines: number[];
  rows: string[][];
}

/** A scan page as bundles carry it: the image is a binary part the row names. */
export type BundlePage = Omit<ScanPage, 'image'> & { image: { file: string; type: string } };

export interface BundleRowTypes {
  projects: Project;
  profiles: Profile;
  terms: Term;
  meta: MetaEntry;
  sources: Source;
  recordBlocks: BundleBlock;
  mappings: FieldMapping;
  qaTemplates: StoredQaTemplate;
  qaPairs: QaPair;
  qaVersions: QaVersion;
  reviews: Review;
  scans: Scan;
  scanPages: BundlePage;
  ocrCorrections: OcrCorrection;
  formTemplates: StoredTemplate;
  auditEvents: AuditEvent;
}

export type BundleRows = { [T in BundleTable]: BundleRowTypes[T][] };

/** A bundle that passed every check, ready to show and to import. */
export interface BundleContents {
  manifest: BundleManifest;
  project: Project;
  rows: BundleRows;
  files: Record<string, Uint8Array>;
  audit: { events: AuditEvent[]; chainBreak: ChainBreak | null };
}

const projectOwned = [
  'sources',
  'mappings',
  'qaTemplates',
  'qaPairs',
  'scans',
  'scanPages',
  'ocrCorrections',
  'formTemplates',
] as const;

/** Reads and checks a bundle file; throws BundleError, naming what is wrong, on any fault. */
export function inspectBundle(bytes: Uint8Array): BundleContents {
  const read = readBundle(bytes);
  const rows = Object.fromEntries(
    bundleTables.map((table) => [table, parseTable(table, read.tables[table] ?? [])]),
  ) as BundleRows;
  const [project, other] = rows.projects;
  if (!project || other)
    throw new BundleError(
      `A project bundle holds one project; this one holds ${rows.projects.length}.`,
      'tables/projects.jsonl',
    );
  for (const table of projectOwned)
    rows[table].forEach((row, index) => {
      if (row.projectId !== project.id)
        throw rowError(table, index, `belongs to project ${row.projectId}, not ${project.id}`);
    });
  const sourceIds = new Set(rows.sources.map((source) => source.id));
  rows.recordBlocks.forEach((block, index) => {
    if (!sourceIds.has(block.sourceId))
      throw rowError('recordBlocks', index, `names source ${block.sourceId}, which is not in it`);
    if (block.lines.length !== block.rows.length)
      throw rowError('recordBlocks', index, 'has a different number of lines and rows');
  });
  const pairIds = new Set(rows.qaPairs.map((pair) => pair.id));
  for (const table of ['qaVersions', 'reviews'] as const)
    rows[table].forEach((row, index) => {
      if (!pairIds.has(row.qaPairId))
        throw rowError(table, index, `names pair ${row.qaPairId}, which is not in it`);
    });
  const scanIds = new Set(rows.scans.map((scan) => scan.id));
  rows.scanPages.forEach((page, index) => {
    if (!scanIds.has(page.scanId))
      throw rowError('scanPages', index, `names scan ${page.scanId}, which is not in it`);
    if (!(page.image.file in read.files))
      throw rowError('scanPages', index, `names image ${page.image.file}, which is not in it`);
  });
  const events = [...rows.auditEvents].sort((left, right) => (left.seq ?? 0) - (right.seq ?? 0));
  return {
    manifest: read.manifest,
    project,
    rows,
    files: read.files,
    audit: { events, chainBreak: verifyChain(events) },
  };
}

function parseTable<T extends BundleTable>(table: T, rows: unknown[]): BundleRowTypes[T][] {
  const schema: z.ZodType = rowSchemas[table];
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    // The one place bundle rows become the app's types: the schema checked what the app relies
    // on; the other fields are as the Tessera that wrote the bundle stored them.
    if (parsed.success) return parsed.data as BundleRowTypes[T];
    const issue = parsed.error.issues[0];
    throw rowError(
      table,
      index,
      `${issue?.path.join('.') || 'the row'} — ${issue?.message ?? 'not readable'}`,
    );
  });
}

function rowError(table: BundleTable, index: number, problem: string): BundleError {
  return new BundleError(
    `tables/${table}.jsonl, row ${index + 1}: ${problem}.`,
    `tables/${table}.jsonl`,
    index + 1,
  );
}
