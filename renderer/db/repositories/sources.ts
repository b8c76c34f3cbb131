import { newId } from '../../../shared/model/ids';
import type { FieldMapping } from '../../../shared/model/mapping';
import type { RecordBlock, Source } from '../../../shared/model/records';
import { labelKey } from '../../../shared/terminology/normalize';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import { readDictionaryVersion } from './terminology';

export interface ImportInput {
  projectId: string;
  fileName: string;
  encoding: string;
  size: number;
  sha256: string;
  fields: string[];
  rowCount: number;
  /** Blocks without their source id: it is assigned here. */
  blocks: Omit<RecordBlock, 'sourceId'>[];
}

export interface ImportOutcome {
  source: Source;
  automaticMappings: FieldMapping[];
}

/**
 * Stores a parsed file in one transaction: the source, its row blocks, the automatic mappings
 * of headers that are exact aliases of one term, and one audit event. A failure stores nothing.
 */
export async function importSource(
  db: TesseraDatabase,
  actor: Actor,
  input: ImportInput,
  now = new Date(),
): Promise<ImportOutcome> {
  const source: Source = {
    id: newId('source', now),
    projectId: input.projectId,
    fileName: input.fileName,
    format: 'csv',
    encoding: input.encoding,
    size: input.size,
    sha256: input.sha256,
    fields: input.fields,
    rowCount: input.rowCount,
    blockCount: input.blocks.length,
    importedBy: actor.id,
    importedAt: now.toISOString(),
  };
  return db.transaction(
    'rw',
    [db.sources, db.recordBlocks, db.mappings, db.terms, db.meta, db.auditEvents],
    async () => {
      await db.sources.add(source);
      await db.recordBlocks.bulkAdd(
        input.blocks.map((block) => ({ ...block, sourceId: source.id })),
      );
      const automaticMappings = await mapExactHeaders(db, actor, source, now);
      await appendAudit(db, actor, {
        action: 'source.import',
        entity: 'source',
        entityId: source.id,
        before: null,
        after: {
          source,
          automaticMappings: automaticMappings.map(({ raw, termId }) => ({ raw, termId })),
        },
      });
      return { source, automaticMappings };
    },
  );
}

async function mapExactHeaders(
  db: TesseraDatabase,
  actor: Actor,
  source: Source,
  now: Date,
): Promise<FieldMapping[]> {
  const dictionaryVersion = await readDictionaryVersion(db);
  const created: FieldMapping[] = [];
  for (const raw of source.fields) {
    const existing = await db.mappings.where({ projectId: source.projectId, raw }).first();
    if (existing) continue;
    const key = labelKey(raw);
    const terms = await db.terms.where('aliasKeys').equals(key).toArray();
    const active = terms.filter((term) => term.status === 'active');
    if (active.length !== 1 || !active[0]) continue;
    const term = active[0];
    const alias = [
      term.nameEn,
      term.nameZh,
      ...term.abbreviations,
      ...term.synonyms,
      ...term.learned.map((l) => l.text),
    ].find((text) => labelKey(text) === key);
    const mapping: FieldMapping = {
      id: newId('mapping', now),
      projectId: source.projectId,
      raw,
      termId: term.id,
      status: 'automatic',
      score: 1,
      reason: `exact synonym "${alias ?? raw}" of ${term.nameEn}`,
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      dictionaryVersion,
    };
    await db.mappings.add(mapping);
    created.push(mapping);
  }
  return created;
}

export interface SourceRows {
  rows: string[][];
  lines: number[];
}

export async function loadSourceRows(db: TesseraDatabase, sourceId: string): Promise<SourceRows> {
  const blocks = await db.recordBlocks.where('sourceId').equals(sourceId).sortBy('index');
  return {
    rows: blocks.flatMap((block) => block.rows),
    lines: blocks.flatMap((block) => block.lines),
  };
}

export interface LoadedRecord {
  sourceName: string;
  line: number;
  fields: Record<string, string>;
}

/** One row with its field names and line, read from the block that holds it. */
export async function loadRecord(
  db: TesseraDatabase,
  sourceId: string,
  row: number,
): Promise<LoadedRecord | null> {
  const source = await db.sources.get(sourceId);
  if (!source) return null;
  const block = await db.recordBlocks
    .where('sourceId')
    .equals(sourceId)
    .filter(
      (candidate) => candidate.firstRow <= row && row < candidate.firstRow + candidate.rows.length,
    )
    .first();
  const values = block?.rows[row - block.firstRow];
  const line = block?.lines[row - block.firstRow];
  if (!values || line === undefined) return null;
  return {
    sourceName: source.fileName,
    line,
    fields: Object.fromEntries(source.fields.map((field, index) => [field, values[index] ?? ''])),
  };
}
