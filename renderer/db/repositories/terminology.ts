import { columnNames, isMapped, type FieldMapping } from '../../../shared/model/mapping';
import { newId } from '../../../shared/model/ids';
import type { LearnedSynonym, Term } from '../../../shared/model/terminology';
import {
  cleanSystemLabel,
  decisionsFor,
  readsAs,
  sameScope,
} from '../../../shared/terminology/source-system';
import { starterDictionaries } from '../../../shared/terminology/starter';
import { aliasKeysOf } from '../alias-keys';
import { appendAudit, systemActor, type Actor } from '../audit';
import type { StoredTerm, TesseraDatabase } from '../database';

const versionKey = 'dictionaryVersion';

export async function readDictionaryVersion(db: TesseraDatabase): Promise<number> {
  const entry = await db.meta.get(versionKey);
  return typeof entry?.value === 'number' ? entry.value : 0;
}

/** Installs the dictionaries that ship with the app into an empty database, once. */
export async function installStarterDictionaries(
  db: TesseraDatabase,
  now = new Date(),
): Promise<number> {
  return db.transaction('rw', db.terms, db.meta, db.auditEvents, async () => {
    if ((await db.terms.count()) > 0) return 0;
    const terms: StoredTerm[] = starterDictionaries.flatMap((dictionary) =>
      dictionary.terms.map((starter) => {
        const term: Term = {
          ...starter,
          dictionaryId: dictionary.id,
          status: 'active',
          learned: [],
          updatedAt: now.toISOString(),
        };
        return { ...term, aliasKeys: aliasKeysOf(term) };
      }),
    );
    await db.terms.bulkAdd(terms);
    await db.meta.put({ key: versionKey, value: 1 });
    await appendAudit(db, systemActor, {
      action: 'dictionary.install',
      entity: 'term',
      entityId: starterDictionaries.map((dictionary) => dictionary.id).join(','),
      before: null,
      after: { dictionaryVersion: 1, terms: terms.length },
    });
    return terms.length;
  });
}

/** What names a decision: the raw text, what it is (column name or value), and its scope. */
interface DecisionTarget {
  projectId: string;
  raw: string;
  /** Column names by default; `valuesOf(column)` for values of a column. */
  scope?: string;
  /** The source system of the file being mapped ('' or absent when it has none). */
  sourceSystem?: string;
  /**
   * True: the decision (and the synonym it teaches) holds for files of `sourceSystem` only.
   * False: for every file of the project, and it replaces a decision made for this system only.
   */
  isForSourceSystem?: boolean;
}

export interface AcceptInput extends DecisionTarget {
  sourceId: string;
  termId: string;
  score: number;
  reason: string;
}

/** A decision's key in the table: project, scope, the system it is for ('' for all), raw text. */
interface DecisionKey {
  projectId: string;
  scope: string;
  sourceSystem: string;
  raw: string;
}

function keyOf(target: DecisionTarget): DecisionKey {
  const system = cleanSystemLabel(target.sourceSystem);
  if (target.isForSourceSystem === true && system === '')
    throw new Error(`The file has no source system to decide "${target.raw}" for.`);
  return {
    projectId: target.projectId,
    scope: target.scope ?? columnNames,
    sourceSystem: target.isForSourceSystem === true ? system : '',
    raw: target.raw,
  };
}

async function decisionAt(db: TesseraDatabase, key: DecisionKey): Promise<FieldMapping | null> {
  return (await db.mappings.where(key).first()) ?? null;
}

/**
 * A decision for every system replaces the one made for this file's system only (which would
 * otherwise still hold here); that one is taken back as an undo would take it back.
 */
async function supersededBy(
  db: TesseraDatabase,
  target: DecisionTarget,
  key: DecisionKey,
  now: Date,
): Promise<FieldMapping | null> {
  const system = cleanSystemLabel(target.sourceSystem);
  if (key.sourceSystem !== '' || system === '') return null;
  const scoped = await decisionAt(db, { ...key, sourceSystem: system });
  if (scoped) await takeBack(db, scoped, now);
  return scoped;
}

/**
 * A person accepts that a raw name means a term: the mapping is stored, the raw name becomes a
 * learned synonym of the term (so the next import maps it by itself; for one source system only
 * when the decision is), and the dictionary version moves on — all with one audit event.
 */
export async function acceptMapping(
  db: TesseraDatabase,
  actor: Actor,
  input: AcceptInput,
  now = new Date(),
): Promise<FieldMapping> {
  return db.transaction('rw', [db.mappings, db.terms, db.meta, db.auditEvents], async () => {
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    const change = await storeAcceptance(db, actor, input, dictionaryVersion, now);
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'mapping.accept',
      entity: 'mapping',
      entityId: change.mapping.id,
      before: change.before,
      after: {
        mapping: change.mapping,
        learnedSynonym: change.learnedSynonym,
        ...(change.replaced ? { replaced: change.replaced.id } : {}),
      },
    });
    return change.mapping;
  });
}

/**
 * Accepts many suggestions at once (after the person saw the list): one dictionary version and
 * one audit event for the whole batch.
 */
export async function acceptMappings(
  db: TesseraDatabase,
  actor: Actor,
  inputs: AcceptInput[],
  now = new Date(),
): Promise<FieldMapping[]> {
  if (inputs.length === 0) return [];
  return db.transaction('rw', [db.mappings, db.terms, db.meta, db.auditEvents], async () => {
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    const changes = [];
    for (const input of inputs)
      changes.push(await storeAcceptance(db, actor, input, dictionaryVersion, now));
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'mapping.accept-bulk',
      entity: 'mapping',
      entityId: changes.map((change) => change.mapping.id).join(','),
      before: changes.map((change) => change.before),
      after: changes.map(({ mapping, learnedSynonym, replaced }) => ({
        mapping,
        learnedSynonym,
        ...(replaced ? { replaced: replaced.id } : {}),
      })),
    });
    return changes.map((change) => change.mapping);
  });
}

interface Acceptance {
  mapping: FieldMapping;
  before: FieldMapping | null;
  learnedSynonym: string | null;
  replaced: FieldMapping | null;
}

async function storeAcceptance(
  db: TesseraDatabase,
  actor: Actor,
  input: AcceptInput,
  dictionaryVersion: number,
  now: Date,
): Promise<Acceptance> {
  const key = keyOf(input);
  const before = await decisionAt(db, key);
  // Taking back the decision made for this system only may unlearn a synonym of this very term.
  const replaced = await supersededBy(db, input, key, now);
  const current = await db.terms.get(input.termId);
  if (!current) throw new Error(`No term ${input.termId} in the dictionary.`);
  const isNewAlias = !readsAs(current, input.raw, key.sourceSystem);
  if (isNewAlias) {
    const learned: LearnedSynonym = {
      text: input.raw,
      addedBy: actor.id,
      addedAt: now.toISOString(),
      sourceId: input.sourceId,
      ...(key.sourceSystem === '' ? {} : { sourceSystem: key.sourceSystem }),
    };
    const updated: Term = {
      ...current,
      learned: [...current.learned, learned],
      updatedAt: now.toISOString(),
    };
    await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
  }
  const mapping: FieldMapping = {
    id: before?.id ?? newId('mapping', now),
    ...key,
    termId: current.id,
    status: 'accepted',
    score: input.score,
    reason: input.reason,
    decidedBy: actor.id,
    decidedAt: now.toISOString(),
    dictionaryVersion,
  };
  await db.mappings.put(mapping);
  return { mapping, before, learnedSynonym: isNewAlias ? input.raw : null, replaced };
}

export interface DecisionInput extends DecisionTarget {
  status: 'rejected' | 'flagged';
  /** The suggestion refused, or proposed to the lead; '' when none. */
  termId: string;
  score: number;
  reason: string;
}

/** A person refuses a suggestion or flags the name for a governance lead; nothing is learned. */
export async function decideMapping(
  db: TesseraDatabase,
  actor: Actor,
  input: DecisionInput,
  now = new Date(),
): Promise<FieldMapping> {
  return db.transaction('rw', [db.mappings, db.terms, db.meta, db.auditEvents], async () => {
    const key = keyOf(input);
    const before = await decisionAt(db, key);
    const replaced = await supersededBy(db, input, key, now);
    const mapping: FieldMapping = {
      id: before?.id ?? newId('mapping', now),
      ...key,
      termId: input.termId,
      status: input.status,
      score: input.score,
      reason: input.reason,
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      dictionaryVersion: await readDictionaryVersion(db),
    };
    await db.mappings.put(mapping);
    await appendAudit(db, actor, {
      action: `mapping.${input.status === 'rejected' ? 'reject' : 'flag'}`,
      entity: 'mapping',
      entityId: mapping.id,
      before: before ?? replaced,
      after: mapping,
    });
    return mapping;
  });
}

/** Which decision to take back: by default the one for column names, made for every system. */
export interface RevertTarget {
  scope?: string;
  /** The system the decision was made for only; '' or absent for one made for every system. */
  sourceSystem?: string;
}

/**
 * Takes a decision back: the raw name is undecided again, and a synonym that decision taught the
 * dictionary is unlearned (the dictionary version moves on, since the dictionary changed).
 */
export async function revertMapping(
  db: TesseraDatabase,
  actor: Actor,
  projectId: string,
  raw: string,
  target: RevertTarget = {},
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.mappings, db.terms, db.meta, db.auditEvents], async () => {
    const before = await decisionAt(db, {
      projectId,
      scope: target.scope ?? columnNames,
      sourceSystem: cleanSystemLabel(target.sourceSystem),
      raw,
    });
    if (!before) return;
    const unlearned = await takeBack(db, before, now);
    await appendAudit(db, actor, {
      action: 'mapping.revert',
      entity: 'mapping',
      entityId: before.id,
      before,
      after: { unlearnedSynonym: unlearned },
    });
  });
}

/** Removes a decision and the synonym it taught, if it taught one; returns that synonym. */
async function takeBack(
  db: TesseraDatabase,
  decision: FieldMapping,
  now: Date,
): Promise<string | null> {
  let unlearned: string | null = null;
  if (decision.status === 'accepted') {
    const term = await db.terms.get(decision.termId);
    const learned = term?.learned.filter(
      (synonym) =>
        !(
          synonym.text === decision.raw &&
          synonym.addedBy === decision.decidedBy &&
          sameScope(synonym.sourceSystem, decision.sourceSystem)
        ),
    );
    if (term && learned && learned.length !== term.learned.length) {
      const updated: Term = { ...term, learned, updatedAt: now.toISOString() };
      await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
      await db.meta.put({ key: versionKey, value: (await readDictionaryVersion(db)) + 1 });
      unlearned = decision.raw;
    }
  }
  await db.mappings.delete(decision.id);
  return unlearned;
}

export interface FieldName {
  raw: string;
  canonical?: { termId: string; name: string; nameZh: string; system: string; code: string };
  mapping?: FieldMapping;
}

/**
 * Raw field names of a source with the term each is mapped to in this project, where it is: the
 * decision made for the source's system only, else the one made for every system. Without a
 * system, only decisions for every system count.
 */
export async function loadFieldNames(
  db: TesseraDatabase,
  projectId: string,
  fields: readonly string[],
  scope: string = columnNames,
  sourceSystem = '',
): Promise<FieldName[]> {
  const mappings = decisionsFor(
    (await db.mappings.where('projectId').equals(projectId).toArray()).filter(
      (mapping) => (mapping.scope ?? columnNames) === scope,
    ),
    sourceSystem,
  );
  const byRaw = new Map(mappings.map((mapping) => [mapping.raw, mapping]));
  const terms = await db.terms.bulkGet([...new Set(mappings.map((mapping) => mapping.termId))]);
  const termById = new Map(terms.flatMap((term) => (term ? [[term.id, term] as const] : [])));
  return fields.map((raw) => {
    const mapping = byRaw.get(raw);
    const term = mapping && isMapped(mapping.status) ? termById.get(mapping.termId) : undefined;
    if (!mapping) return { raw };
    if (!term) return { raw, mapping };
    return {
      raw,
      mapping,
      canonical: {
        termId: term.id,
        name: term.nameEn,
        nameZh: term.nameZh,
        system: term.system,
        code: term.code,
      },
    };
  });
}

/**
 * For each field, the canonical name of every value a person mapped in that column (values not
 * mapped are absent), so the records table can show canonical values beside the raw ones.
 * Decisions are chosen for the source's system as in `loadFieldNames`.
 */
export async function loadValueNames(
  db: TesseraDatabase,
  projectId: string,
  fields: readonly string[],
  language: 'en' | 'zh-CN',
  sourceSystem = '',
): Promise<(Map<string, string> | null)[]> {
  const mappings = decisionsFor(
    (await db.mappings.where('projectId').equals(projectId).toArray()).filter((mapping) =>
      (mapping.scope ?? columnNames).startsWith('value:'),
    ),
    sourceSystem,
  ).filter((mapping) => isMapped(mapping.status));
  if (mappings.length === 0) return fields.map(() => null);
  const terms = await db.terms.bulkGet([...new Set(mappings.map((mapping) => mapping.termId))]);
  const nameOf = new Map(
    terms.flatMap((term) =>
      term
        ? [[term.id, language === 'zh-CN' ? term.nameZh || term.nameEn : term.nameEn] as const]
        : [],
    ),
  );
  return fields.map((field) => {
    const scope = `value:${field}`;
    const own = mappings.filter((mapping) => mapping.scope === scope);
    if (own.length === 0) return null;
    return new Map(
      own.flatMap((mapping) => {
        const name = nameOf.get(mapping.termId);
        return name ? [[mapping.raw, name] as const] : [];
      }),
    );
  });
}
