import type { FieldProfile } from '../../../shared/ingest/profile';
import { rowCountOf, rowsOf } from '../../../shared/ingest/block-rows';
import { rowsPerBlock, type Skipped, type UnassignedBlock } from '../../../shared/ingest/blocks';
import type { ImportMode } from '../../../shared/ingest/types';
import { newId } from '../../../shared/model/ids';
import { columnNames, type FieldMapping } from '../../../shared/model/mapping';
import type { RecordBlock, Source, SourceFormat } from '../../../shared/model/records';
import { aliasesOf, type Term } from '../../../shared/model/terminology';
import { labelKey } from '../../../shared/terminology/normalize';
import {
  cleanSystemLabel,
  holdsInScope,
  sameScope,
  sendingSystemOf,
} from '../../../shared/terminology/source-system';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import { readDictionaryVersion } from './terminology';

export interface SourceFile {
  projectId: string;
  fileName: string;
  format: SourceFormat;
  encoding: string;
  size: number;
  sha256: string;
  mode: ImportMode;
  sheet?: string;
  delimiter?: string;
  /** The system the file comes from; when absent it is read from the file (HL7 MSH-3). */
  sourceSystem?: string;
}

export interface ImportResult {
  fields: string[];
  rowCount: number;
  skipped: Skipped[];
  profile: FieldProfile[];
}

export interface ImportOutcome {
  source: Source;
  automaticMappings: FieldMapping[];
}

/**
 * Starts an import: the source exists but is 'importing', invisible to every reader, until
 * finishImport commits it. Blocks can then be written in many small transactions while the
 * file is still being read.
 */
export async function beginImport(
  db: TesseraDatabase,
  actor: Actor,
  file: SourceFile,
  now = new Date(),
): Promise<Source> {
  const source: Source = {
    id: newId('source', now),
    ...file,
    fields: [],
    rowCount: 0,
    blockCount: 0,
    importedBy: actor.id,
    importedAt: now.toISOString(),
    status: 'importing',
    skipped: [],
    profile: [],
  };
  await db.sources.add(source);
  return source;
}

export async function appendBlocks(
  db: TesseraDatabase,
  sourceId: string,
  blocks: UnassignedBlock[],
): Promise<void> {
  await db.recordBlocks.bulkAdd(blocks.map((block) => ({ ...block, sourceId })));
}

/**
 * Commits an import in one transaction: the source becomes visible with its fields, counts,
 * report and profile; its source system, unless given, is what the file says (HL7 MSH-3);
 * headers that are exact aliases of one term (for every system, or for this one) are mapped;
 * one audit event.
 */
export async function finishImport(
  db: TesseraDatabase,
  actor: Actor,
  sourceId: string,
  result: ImportResult,
  now = new Date(),
): Promise<ImportOutcome> {
  return db.transaction(
    'rw',
    [db.sources, db.recordBlocks, db.mappings, db.terms, db.meta, db.auditEvents],
    async () => {
      const pending = await db.sources.get(sourceId);
      if (!pending || pending.status !== 'importing')
        throw new Error(`No import in progress for ${sourceId}.`);
      const blockCount = await db.recordBlocks.where('sourceId').equals(sourceId).count();
      const sourceSystem =
        pending.sourceSystem === undefined
          ? sendingSystemOf(result.fields, await firstBlockRows(db, sourceId))
          : cleanSystemLabel(pending.sourceSystem);
      const source: Source = {
        ...pending,
        ...result,
        sourceSystem,
        blockCount,
        status: 'ready',
        importedAt: now.toISOString(),
      };
      await db.sources.put(source);
      const automaticMappings = await mapExactHeaders(db, actor, source, now);
      await appendAudit(db, actor, {
        action: 'source.import',
        entity: 'source',
        entityId: source.id,
        before: null,
        after: {
          source: summary(source),
          automaticMappings: automaticMappings.map(({ raw, termId }) => ({ raw, termId })),
        },
      });
      return { source, automaticMappings };
    },
  );
}

async function firstBlockRows(db: TesseraDatabase, sourceId: string): Promise<string[][]> {
  const block = await db.recordBlocks.get([sourceId, 0]);
  return block ? rowsOf(block) : [];
}

/** Removes every trace of an import that was cancelled or failed; nothing else is touched. */
export async function abandonImport(db: TesseraDatabase, sourceId: string): Promise<void> {
  await db.transaction('rw', db.sources, db.recordBlocks, async () => {
    const source = await db.sources.get(sourceId);
    if (!source || source.status !== 'importing') return;
    await db.recordBlocks.where('sourceId').equals(sourceId).delete();
    await db.sources.delete(sourceId);
  });
}

/** Imports left 'importing' by a closed window or a crash, older than a running import can be. */
export async function removeInterruptedImports(
  db: TesseraDatabase,
  olderThanMs = 6 * 60 * 60 * 1000,
  now = new Date(),
): Promise<number> {
  const stale = (await db.sources.where('status').equals('importing').toArray()).filter(
    (source) => now.getTime() - Date.parse(source.importedAt) > olderThanMs,
  );
  for (const source of stale) await abandonImport(db, source.id);
  return stale.length;
}

/** Deletes a source's records (the file can then be imported again); audited. */
export async function deleteSource(
  db: TesseraDatabase,
  actor: Actor,
  sourceId: string,
): Promise<void> {
  await db.transaction('rw', db.sources, db.recordBlocks, db.auditEvents, async () => {
    const source = await db.sources.get(sourceId);
    if (!source || source.status !== 'ready') throw new Error(`No source ${sourceId}.`);
    await db.recordBlocks.where('sourceId').equals(sourceId).delete();
    await db.sources.delete(sourceId);
    await appendAudit(db, actor, {
      action: 'source.delete',
      entity: 'source',
      entityId: sourceId,
      before: summary(source),
      after: null,
    });
  });
}

/** Sources of a project that already hold a file with these exact bytes. */
export async function findSameFile(
  db: TesseraDatabase,
  projectId: string,
  sha256: string,
): Promise<Source[]> {
  const same = await db.sources.where('sha256').equals(sha256).toArray();
  return same.filter((source) => source.projectId === projectId && source.status === 'ready');
}

export async function listSources(db: TesseraDatabase, projectId: string): Promise<Source[]> {
  const sources = await db.sources.where('projectId').equals(projectId).sortBy('importedAt');
  return sources.filter((source) => source.status === 'ready');
}

function summary(source: Source) {
  const { profile: _profile, skipped, ...rest } = source;
  return { ...rest, skippedCount: skipped.length };
}

/**
 * Maps each header no decision covers yet to the one term it is an exact alias of: a synonym
 * scoped to the source's system first (and the mapping is then for that system only), else an
 * alias for every system. A header that is an alias of two terms waits for a person.
 */
async function mapExactHeaders(
  db: TesseraDatabase,
  actor: Actor,
  source: Source,
  now: Date,
): Promise<FieldMapping[]> {
  const dictionaryVersion = await readDictionaryVersion(db);
  const system = cleanSystemLabel(source.sourceSystem);
  const created: FieldMapping[] = [];
  for (const raw of source.fields) {
    const where = { projectId: source.projectId, scope: columnNames, raw };
    const decided =
      (await db.mappings.where({ ...where, sourceSystem: '' }).first()) ??
      (system === ''
        ? undefined
        : await db.mappings.where({ ...where, sourceSystem: system }).first());
    if (decided) continue;
    const active = (await db.terms.where('aliasKeys').equals(labelKey(raw)).toArray()).filter(
      (term) => term.status === 'active',
    );
    const scoped = system === '' ? [] : active.filter((term) => holdsInScope(term, raw, system));
    const everywhere = active.filter((term) => holdsInScope(term, raw, ''));
    const [term, other] = scoped.length > 0 ? scoped : everywhere;
    if (!term || other) continue;
    const isScoped = scoped.length > 0;
    const mapping: FieldMapping = {
      id: newId('mapping', now),
      ...where,
      sourceSystem: isScoped ? system : '',
      termId: term.id,
      status: 'automatic',
      score: 1,
      reason: exactReason(term, raw, isScoped ? system : ''),
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      dictionaryVersion,
    };
    await db.mappings.add(mapping);
    created.push(mapping);
  }
  return created;
}

function exactReason(term: Term, raw: string, system: string): string {
  const key = labelKey(raw);
  const alias = aliasesOf(term).find(
    (candidate) => labelKey(candidate.text) === key && sameScope(candidate.sourceSystem, system),
  );
  const text = alias?.text ?? raw;
  return system === ''
    ? `exact synonym "${text}" of ${term.nameEn}`
    : `exact synonym "${text}" of ${term.nameEn} for source system ${alias?.sourceSystem ?? system}`;
}

/**
 * A person names (or corrects) the system a source came from. Headers that are now exact
 * synonyms for that system are mapped as at import; the change is audited.
 */
export async function setSourceSystem(
  db: TesseraDatabase,
  actor: Actor,
  sourceId: string,
  label: string,
  now = new Date(),
): Promise<ImportOutcome> {
  return db.transaction(
    'rw',
    [db.sources, db.mappings, db.terms, db.meta, db.auditEvents],
    async () => {
      const before = await db.sources.get(sourceId);
      if (!before || before.status !== 'ready') throw new Error(`No source ${sourceId}.`);
      const source: Source = { ...before, sourceSystem: cleanSystemLabel(label) };
      await db.sources.put(source);
      const automaticMappings = await mapExactHeaders(db, actor, source, now);
      await appendAudit(
        db,
        actor,
        {
          action: 'source.set-system',
          entity: 'source',
          entityId: sourceId,
          before: { sourceSystem: before.sourceSystem ?? '' },
          after: {
            sourceSystem: source.sourceSystem,
            automaticMappings: automaticMappings.map(({ raw, termId }) => ({ raw, termId })),
          },
        },
        now,
      );
      return { source, automaticMappings };
    },
  );
}

export interface SourceRows {
  rows: string[][];
  lines: number[];
}

export async function loadSourceRows(db: TesseraDatabase, sourceId: string): Promise<SourceRows> {
  const blocks = await db.recordBlocks.where('sourceId').equals(sourceId).sortBy('index');
  return {
    rows: blocks.flatMap((block) => rowsOf(block)),
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
  const holds = (candidate: RecordBlock) =>
    candidate.firstRow <= row && row < candidate.firstRow + rowCountOf(candidate);
  // Imports write full blocks of rowsPerBlock, so the block is found by its index; blocks of
  // another size (whole imports given in memory) are looked for one by one.
  const guess = await db.recordBlocks.get([sourceId, Math.floor(row / rowsPerBlock)]);
  const block =
    guess && holds(guess)
      ? guess
      : await db.recordBlocks.where('sourceId').equals(sourceId).filter(holds).first();
  const values = block && rowsOf(block)[row - block.firstRow];
  const line = block?.lines[row - block.firstRow];
  if (!values || line === undefined) return null;
  return {
    sourceName: source.fileName,
    line,
    fields: Object.fromEntries(source.fields.map((field, index) => [field, values[index] ?? ''])),
  };
}

/** A whole import at once, for inputs already in memory. */
export async function importSource(
  db: TesseraDatabase,
  actor: Actor,
  file: SourceFile,
  blocks: UnassignedBlock[],
  result: ImportResult,
): Promise<ImportOutcome> {
  const source = await beginImport(db, actor, file);
  try {
    await appendBlocks(db, source.id, blocks);
    return await finishImport(db, actor, source.id, result);
  } catch (error) {
    await abandonImport(db, source.id);
    throw error;
  }
}
