/**
 * Adapts the tables of a project bundle (qaPairs, reviews, meta, projects) to the export
 * pipeline's input. Rows are read loosely — fields the pipeline does not need are ignored, so
 * bundles from newer versions with more fields still export — but a row missing what the pipeline
 * needs is an error naming the table and row.
 */
import { z } from 'zod';
import { BundleError } from '../bundle/format';
import { rawRow, type PartialBundle } from '../bundle/read';
import {
  defaultPatientIdFields,
  evidenceGroupKeys,
  type ExportEvidence,
  type ExportablePair,
} from './exportable';
import { MissingPairError, readBatchSize, type PairSource } from './pair-source';

const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((value) => (value === null ? '' : String(value)));

const recordEvidence = z.object({
  kind: z.literal('record').optional(),
  sourceId: z.string(),
  sourceName: z.string().default(''),
  row: z.number().int(),
  fields: z.record(z.string(), text).default({}),
});

const fieldEvidence = z.object({
  kind: z.literal('field'),
  sourceId: z.string(),
  sourceName: z.string().default(''),
  row: z.number().int(),
  field: z.string(),
  canonical: z.string().optional(),
  value: text,
});

const ocrEvidence = z.object({
  kind: z.literal('ocr-region'),
  scanId: z.string(),
  scanName: z.string().default(''),
  page: z.number().int(),
  region: z.object({ text: z.string() }),
});

const documentEvidence = z.object({
  kind: z.literal('document'),
  fileName: z.string(),
  line: z.number().int(),
  title: z.string().default(''),
  url: z.string().optional(),
  text: z.string().optional(),
});

/** Every kind of evidence as the pipeline sees it; an unknown kind is skipped, not refused. */
function toExportEvidence(item: unknown, table: string, index: number): ExportEvidence | null {
  const kind = (item as { kind?: unknown } | null)?.kind;
  if (kind === undefined || kind === 'record') return parseRow(recordEvidence, table, index, item);
  if (kind === 'field') {
    const field = parseRow(fieldEvidence, table, index, item);
    return {
      sourceId: field.sourceId,
      sourceName: field.sourceName,
      row: field.row,
      fields: { [field.canonical ?? field.field]: field.value },
    };
  }
  if (kind === 'ocr-region') {
    const region = parseRow(ocrEvidence, table, index, item);
    return {
      sourceId: region.scanId,
      sourceName: region.scanName,
      row: region.page - 1,
      label: `${region.scanName}, page ${region.page}`,
      fields: { text: region.region.text },
      // A scan is one document about one person: every page of it is one group.
      groupKey: `scan:${region.scanId}`,
    };
  }
  if (kind === 'document') {
    const document = parseRow(documentEvidence, table, index, item);
    return {
      sourceId: document.fileName,
      sourceName: document.fileName,
      row: document.line - 1,
      label: document.title || document.fileName,
      fields: { text: document.text ?? document.title },
      groupKey: `document:${document.url ?? `${document.fileName}#${document.title}`}`,
    };
  }
  return null;
}

const tagsSchema = z.union([
  z.array(z.string()),
  z.object({
    department: z.string().optional(),
    topic: z.string().optional(),
    difficulty: z.string().optional(),
    free: z.array(z.string()).default([]),
  }),
]);

/**
 * Tags as flat strings: structured tags become "department:cardiology", "topic:…",
 * "difficulty:hard" (so they can be filtered on and stratified by prefix), free tags stay as they
 * are.
 */
export function flattenTags(tags: z.infer<typeof tagsSchema> | undefined): string[] {
  if (tags === undefined) return [];
  if (Array.isArray(tags)) return [...tags];
  const flat: string[] = [];
  for (const key of ['department', 'topic', 'difficulty'] as const) {
    const value = tags[key];
    if (value !== undefined && value !== '') flat.push(`${key}:${value}`);
  }
  return [...flat, ...tags.free];
}

const pairSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().optional(),
  question: z.string(),
  answer: z.string(),
  state: z.string(),
  version: z.number().int().optional(),
  tags: tagsSchema.optional(),
  context: z.string().optional(),
  evidence: z.array(z.unknown()).default([]),
});

const reviewSchema = z.object({
  qaPairId: z.string(),
  pairVersion: z.number().int().optional(),
  reviewerId: z.string(),
  decision: z.string(),
  at: z.string(),
  kind: z.string().optional(),
});

export interface AdaptSettings {
  /** Only pairs of this project; all pairs when absent. */
  projectId?: string;
  patientIdFields?: readonly string[];
  /** The bundle row number of the first qaPairs row given, for messages naming a row. */
  firstRow?: number;
}

function parseRow<T>(schema: z.ZodType<T>, table: string, index: number, row: unknown): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(
    `${table} row ${index + 1}: ${issue?.path.join('.') || 'row'} — ${issue?.message ?? 'not readable'}.`,
    `tables/${table}.jsonl`,
    index + 1,
  );
}

/**
 * Pairs with what their reviews say: who approved the current version, when it was last
 * approved, and whether two different experts approved it (a governance lead's resolution of a
 * dispute approves, but is not a second expert).
 */
export function pairsFromTables(
  tables: Readonly<Record<string, readonly unknown[]>>,
  settings: AdaptSettings = {},
): ExportablePair[] {
  const approvals = new Map<string, z.infer<typeof reviewSchema>[]>();
  (tables['reviews'] ?? []).forEach((row, index) => {
    const review = parseRow(reviewSchema, 'reviews', index, row);
    if (review.decision !== 'approve') return;
    const list = approvals.get(review.qaPairId) ?? [];
    list.push(review);
    approvals.set(review.qaPairId, list);
  });

  const pairs: ExportablePair[] = [];
  const firstRow = settings.firstRow ?? 0;
  (tables['qaPairs'] ?? []).forEach((row, position) => {
    const index = firstRow + position;
    const pair = parseRow(pairSchema, 'qaPairs', index, row);
    if (settings.projectId !== undefined && pair.projectId !== settings.projectId) return;
    const evidence = pair.evidence
      .map((item) => toExportEvidence(item, 'qaPairs', index))
      .filter((item): item is ExportEvidence => item !== null);
    const current = (approvals.get(pair.id) ?? []).filter(
      (approval) =>
        pair.version === undefined ||
        approval.pairVersion === undefined ||
        approval.pairVersion === pair.version,
    );
    const reviewerIds = [...new Set(current.map((approval) => approval.reviewerId))].sort();
    const experts = new Set(
      current
        .filter((approval) => approval.kind !== 'resolution')
        .map((approval) => approval.reviewerId),
    );
    const approvedAt = current
      .map((approval) => approval.at)
      .sort()
      .at(-1);
    pairs.push({
      id: pair.id,
      question: pair.question,
      answer: pair.answer,
      state: pair.state,
      tags: flattenTags(pair.tags),
      reviewerIds,
      ...(approvedAt === undefined ? {} : { approvedAt }),
      isTwoExpert: experts.size >= 2,
      groupKeys: evidenceGroupKeys(
        pair.id,
        evidence,
        settings.patientIdFields ?? defaultPatientIdFields,
      ),
      evidence,
      ...(pair.context === undefined ? {} : { context: pair.context }),
    });
  });
  return pairs;
}

/** The dictionary version the bundle's meta table records, or null. */
export function dictionaryVersionOf(
  tables: Readonly<Record<string, readonly unknown[]>>,
): number | null {
  for (const row of tables['meta'] ?? []) {
    const entry = row as { key?: unknown; value?: unknown } | null;
    if (entry?.key === 'dictionaryVersion' && typeof entry.value === 'number') return entry.value;
  }
  return null;
}

/** Project ids and names in the bundle, for choosing one. */
export function projectsOf(
  tables: Readonly<Record<string, readonly unknown[]>>,
): { id: string; name: string }[] {
  const projects: { id: string; name: string }[] = [];
  for (const row of tables['projects'] ?? []) {
    const project = row as { id?: unknown; name?: unknown } | null;
    if (typeof project?.id === 'string')
      projects.push({
        id: project.id,
        name: typeof project.name === 'string' ? project.name : project.id,
      });
  }
  return projects;
}

/**
 * The pairs of a bundle read without parsing them all at once: rows are parsed a batch at a time
 * from the raw qaPairs table, each batch with its reviews, and read again by id when the export
 * needs them in another order.
 */
export function bundlePairSource(bundle: PartialBundle, settings: AdaptSettings = {}): PairSource {
  const table = bundle.raw['qaPairs'];
  const rowCount = table ? table.rowStarts.length - 1 : 0;
  // Only approvals say anything about an export; each is kept with just the fields it reads.
  const reviewsOf = new Map<string, unknown[]>();
  const reviews = bundle.raw['reviews'];
  const reviewCount = reviews ? reviews.rowStarts.length - 1 : 0;
  for (let index = 0; index < reviewCount; index++) {
    const row = reviews ? rawRow(reviews, index) : null;
    const review = parseRow(reviewSchema, 'reviews', index, row);
    if (review.decision !== 'approve') continue;
    const list = reviewsOf.get(review.qaPairId);
    if (list) list.push(review);
    else reviewsOf.set(review.qaPairId, [review]);
  }
  const rowOf = new Map<string, number>();
  const adapt = (rows: readonly unknown[], firstRow: number) =>
    pairsFromTables(
      {
        qaPairs: rows,
        reviews: rows.flatMap((row) => reviewsOf.get(String((row as { id?: unknown }).id)) ?? []),
      },
      { ...settings, firstRow },
    );
  const rowsFrom = (start: number, end: number) => {
    const rows: unknown[] = [];
    for (let index = start; index < end; index++) {
      const row = table ? rawRow(table, index) : null;
      const id = (row as { id?: unknown } | null)?.id;
      if (typeof id === 'string') rowOf.set(id, index);
      rows.push(row);
    }
    return rows;
  };
  const source: PairSource = {
    async *scan() {
      for (let start = 0; start < rowCount; start += readBatchSize) {
        const end = Math.min(rowCount, start + readBatchSize);
        yield await Promise.resolve(adapt(rowsFrom(start, end), start));
      }
    },
    async read(ids) {
      if (rowOf.size === 0 && rowCount > 0) for await (const batch of source.scan()) void batch;
      const pairs: ExportablePair[] = [];
      for (const id of ids) {
        const index = rowOf.get(id);
        const [pair] = index === undefined || !table ? [] : adapt([rawRow(table, index)], index);
        // Another project's pair is not this source's either.
        if (!pair) throw new MissingPairError(id);
        pairs.push(pair);
      }
      return Promise.resolve(pairs);
    },
  };
  return source;
}
