import { columnNames, isMapped, type FieldMapping } from '../../../shared/model/mapping';
import { newId } from '../../../shared/model/ids';
import type { Term } from '../../../shared/model/terminology';
import { starterDictionaries } from '../../../shared/terminology/starter';
import { labelKey } from '../../../shared/terminology/normalize';
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

export interface AcceptInput {
  projectId: string;
  sourceId: string;
  raw: string;
  /** Column names by default; `valuesOf(column)` for values of a column. */
  scope?: string;
  termId: string;
  score: number;
  reason: string;
}

/**
 * A person accepts that a raw name means a term: the mapping is stored, the raw name becomes a
 * learned synonym of the term (so the next import maps it by itself), and the dictionary
 * version moves on — all with one audit event.
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
      after: { mapping: change.mapping, learnedSynonym: change.learnedSynonym },
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
      after: changes.map(({ mapping, learnedSynonym }) => ({ mapping, learnedSynonym })),
    });
    return changes.map((change) => change.mapping);
  });
}

async function storeAcceptance(
  db: TesseraDatabase,
  actor: Actor,
  input: AcceptInput,
  dictionaryVersion: number,
  now: Date,
): Promise<{ mapping: FieldMapping; before: FieldMapping | null; learnedSynonym: string | null }> {
  const term = await db.terms.get(input.termId);
  if (!term) throw new Error(`No term ${input.termId} in the dictionary.`);
  const before =
    (await db.mappings
      .where({ projectId: input.projectId, scope: input.scope ?? columnNames, raw: input.raw })
      .first()) ?? null;
  const isNewAlias = !term.aliasKeys.includes(labelKey(input.raw));
  if (isNewAlias) {
    const learned = [
      ...term.learned,
      { text: input.raw, addedBy: actor.id, addedAt: now.toISOString(), sourceId: input.sourceId },
    ];
    const updated: Term = { ...term, learned, updatedAt: now.toISOString() };
    await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
  }
  const mapping: FieldMapping = {
    id: before?.id ?? newId('mapping', now),
    projectId: input.projectId,
    raw: input.raw,
    scope: input.scope ?? columnNames,
    termId: term.id,
    status: 'accepted',
    score: input.score,
    reason: input.reason,
    decidedBy: actor.id,
    decidedAt: now.toISOString(),
    dictionaryVersion,
  };
  await db.mappings.put(mapping);
  return { mapping, before, learnedSynonym: isNewAlias ? input.raw : null };
}

export interface DecisionInput {
  projectId: string;
  raw: string;
  scope?: string;
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
  return db.transaction('rw', [db.mappings, db.meta, db.auditEvents], async () => {
    const before = await db.mappings
      .where({ projectId: input.projectId, scope: input.scope ?? columnNames, raw: input.raw })
      .first();
    const mapping: FieldMapping = {
      id: before?.id ?? newId('mapping', now),
      ...input,
      scope: input.scope ?? columnNames,
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      dictionaryVersion: await readDictionaryVersion(db),
    };
    await db.mappings.put(mapping);
    await appendAudit(db, actor, {
      action: `mapping.${input.status === 'rejected' ? 'reject' : 'flag'}`,
      entity: 'mapping',
      entityId: mapping.id,
      before: before ?? null,
      after: mapping,
    });
    return mapping;
  });
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
  scope: string = columnNames,
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.mappings, db.terms, db.meta, db.auditEvents], async () => {
    const before = await db.mappings.where({ projectId, scope, raw }).first();
    if (!before) return;
    let unlearned: string | null = null;
    if (before.status === 'accepted') {
      const term = await db.terms.get(before.termId);
      const learned = term?.learned.filter(
        (synonym) => !(synonym.text === raw && synonym.addedBy === before.decidedBy),
      );
      if (term && learned && learned.length !== term.learned.length) {
        const updated: Term = { ...term, learned, updatedAt: now.toISOString() };
        await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
        await db.meta.put({ key: versionKey, value: (await readDictionaryVersion(db)) + 1 });
        unlearned = raw;
      }
    }
    await db.mappings.delete(before.id);
    await appendAudit(db, actor, {
      action: 'mapping.revert',
      entity: 'mapping',
      entityId: before.id,
      before,
      after: { unlearnedSynonym: unlearned },
    });
  });
}

export interface FieldName {
  raw: string;
  canonical?: { termId: string; name: string; nameZh: string; system: string; code: string };
  mapping?: FieldMapping;
}

/** Raw field names of a source with the term each is mapped to in this project, where it is. */
export async function loadFieldNames(
  db: TesseraDatabase,
  projectId: string,
  fields: readonly string[],
  scope: string = columnNames,
): Promise<FieldName[]> {
  const mappings = (await db.mappings.where('projectId').equals(projectId).toArray()).filter(
    (mapping) => (mapping.scope ?? columnNames) === scope,
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
 */
export async function loadValueNames(
  db: TesseraDatabase,
  projectId: string,
  fields: readonly string[],
  language: 'en' | 'zh-CN',
): Promise<(Map<string, string> | null)[]> {
  const mappings = (await db.mappings.where('projectId').equals(projectId).toArray()).filter(
    (mapping) => (mapping.scope ?? columnNames).startsWith('value:') && isMapped(mapping.status),
  );
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
