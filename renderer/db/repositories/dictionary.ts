import type { Term } from '../../../shared/model/terminology';
import { learnFromPlan, type MappingImportPlan } from '../../../shared/terminology/mapping-import';
import {
  applyMerge,
  type MergeChoice,
  type MergePlan,
  type MergeResult,
} from '../../../shared/terminology/merge';
import { labelKey } from '../../../shared/terminology/normalize';
import { holdsInScope, holdsKeyInScope } from '../../../shared/terminology/source-system';
import { synonymsTaught, type TermHistoryEntry } from '../../../shared/terminology/term-history';
import { aliasKeysOf } from '../alias-keys';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import { readDictionaryVersion } from './terminology';

const versionKey = 'dictionaryVersion';

/**
 * A person adds a synonym (for every system) to a term by hand. Refused when the text already
 * names another active term for every system, since one synonym under two terms is exactly the
 * ambiguity the dictionary exists to end; one scoped to a single system is no such ambiguity.
 */
export async function addSynonym(
  db: TesseraDatabase,
  actor: Actor,
  termId: string,
  text: string,
  now = new Date(),
): Promise<Term> {
  const trimmed = text.trim();
  const key = labelKey(trimmed);
  if (key === '') throw new Error('A synonym needs some text.');
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    const term = await db.terms.get(termId);
    if (!term) throw new Error(`No term ${termId} in the dictionary.`);
    if (holdsInScope(term, trimmed, ''))
      throw new Error(`"${trimmed}" already names ${term.nameEn}.`);
    const other = (await db.terms.where('aliasKeys').equals(key).toArray()).find(
      (candidate) =>
        candidate.id !== termId &&
        candidate.status === 'active' &&
        holdsInScope(candidate, trimmed, ''),
    );
    if (other)
      throw new Error(
        `"${trimmed}" already names ${other.nameEn} (${other.system} ${other.code}).`,
      );
    const updated: Term = {
      ...term,
      learned: [...term.learned, { text: trimmed, addedBy: actor.id, addedAt: now.toISOString() }],
      updatedAt: now.toISOString(),
    };
    const { aliasKeys: _before, ...withoutKeys } = term;
    await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'term.add-synonym',
      entity: 'term',
      entityId: termId,
      before: { learned: withoutKeys.learned },
      after: { learned: updated.learned, dictionaryVersion },
    });
    return updated;
  });
}

/** Terms whose names, aliases or code contain the query, best-known names first. */
export async function searchTerms(
  db: TesseraDatabase,
  query: string,
  dictionaryId: string | null,
  limit = 200,
): Promise<Term[]> {
  const key = labelKey(query);
  const all = dictionaryId
    ? await db.terms.where('dictionaryId').equals(dictionaryId).toArray()
    : await db.terms.toArray();
  const matches =
    key === ''
      ? all
      : all.filter(
          (term) =>
            term.code.toLowerCase().includes(key) ||
            term.aliasKeys.some((alias) => alias.includes(key)),
        );
  const rank = (term: Term & { aliasKeys: string[] }) =>
    term.aliasKeys.includes(key) || term.code.toLowerCase() === key ? 0 : 1;
  return matches
    .sort((left, right) => rank(left) - rank(right) || left.nameEn.localeCompare(right.nameEn))
    .slice(0, limit);
}

/**
 * Applies a merge a governance lead has decided, in one transaction with one audit event. The
 * plan is checked against the terms as they are now, so a plan made before someone else changed
 * the dictionary is refused rather than applied to terms it was not made for.
 */
export async function mergeDictionary(
  db: TesseraDatabase,
  actor: Actor,
  plan: MergePlan,
  decisions: Record<string, MergeChoice>,
  now = new Date(),
): Promise<MergeResult> {
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    const local = (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
    const result = applyMerge(local, plan, decisions, { id: actor.id, name: actor.name }, now);
    await db.terms.bulkPut(
      result.changes.map(({ after }) => ({ ...after, aliasKeys: aliasKeysOf(after) })),
    );
    await db.meta.put({ key: versionKey, value: (await readDictionaryVersion(db)) + 1 });
    await appendAudit(db, actor, result.audit, now);
    return result;
  });
}

export interface NewTermInput {
  dictionaryId: string;
  domain: Term['domain'];
  system: Term['system'];
  code: string;
  nameEn: string;
  nameZh: string;
  abbreviations: string[];
  units: string[];
  category: string;
}

/**
 * A person adds a term the dictionary lacks. Refused when its code is taken in that system or
 * one of its names already names another term.
 */
export async function createTerm(
  db: TesseraDatabase,
  actor: Actor,
  input: NewTermInput,
  now = new Date(),
): Promise<Term> {
  const code = input.code.trim();
  const nameEn = input.nameEn.trim();
  if (code === '' || nameEn === '') throw new Error('A term needs a code and an English name.');
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    const sameCode = await db.terms
      .where('code')
      .equals(code)
      .filter((term) => term.system === input.system)
      .first();
    if (sameCode) throw new Error(`${input.system} ${code} is already ${sameCode.nameEn}.`);
    const term: Term = {
      id: `${input.dictionaryId}.${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      dictionaryId: input.dictionaryId,
      domain: input.domain,
      system: input.system,
      code,
      nameEn,
      nameZh: input.nameZh.trim(),
      abbreviations: input.abbreviations.map((text) => text.trim()).filter((text) => text !== ''),
      synonyms: [],
      units: input.units.map((text) => text.trim()).filter((text) => text !== ''),
      category: input.category.trim() || 'Local',
      status: 'active',
      learned: [],
      updatedAt: now.toISOString(),
    };
    if (await db.terms.get(term.id))
      throw new Error(`A term with the id ${term.id} exists already.`);
    const aliasKeys = aliasKeysOf(term);
    for (const key of aliasKeys) {
      const other = await db.terms
        .where('aliasKeys')
        .equals(key)
        .filter((candidate) => candidate.status === 'active' && holdsKeyInScope(candidate, key, ''))
        .first();
      if (other)
        throw new Error(`"${key}" already names ${other.nameEn} (${other.system} ${other.code}).`);
    }
    await db.terms.add({ ...term, aliasKeys });
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(
      db,
      actor,
      {
        action: 'term.create',
        entity: 'term',
        entityId: term.id,
        before: null,
        after: { term, dictionaryVersion },
      },
      now,
    );
    return term;
  });
}

/** A governance lead retires a term, naming its successor where there is one; audited. */
export async function deprecateTerm(
  db: TesseraDatabase,
  actor: Actor,
  termId: string,
  replacementId: string | null,
  now = new Date(),
): Promise<Term> {
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    const term = await db.terms.get(termId);
    if (!term) throw new Error(`No term ${termId} in the dictionary.`);
    if (term.status === 'deprecated') throw new Error(`${term.nameEn} is deprecated already.`);
    if (replacementId !== null) {
      const replacement = await db.terms.get(replacementId);
      if (!replacement || replacement.status !== 'active' || replacement.id === termId) {
        throw new Error('The replacement must be another active term.');
      }
    }
    const { aliasKeys, ...before } = term;
    const updated: Term = {
      ...before,
      status: 'deprecated',
      ...(replacementId === null ? {} : { replacedBy: replacementId }),
      updatedAt: now.toISOString(),
    };
    await db.terms.put({ ...updated, aliasKeys });
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'term.deprecate',
      entity: 'term',
      entityId: termId,
      before: { status: before.status },
      after: { status: 'deprecated', replacedBy: replacementId, dictionaryVersion },
    });
    return updated;
  });
}

/**
 * Two terms that mean the same thing become one: the kept term takes the other's names,
 * abbreviations, synonyms and learned synonyms (with their provenance); the other is deprecated
 * and points at the kept one; every mapping to it now maps to the kept term. One audit event.
 */
export async function mergeTerms(
  db: TesseraDatabase,
  actor: Actor,
  keptId: string,
  retiredId: string,
  now = new Date(),
): Promise<Term> {
  if (keptId === retiredId) throw new Error('A term cannot be merged into itself.');
  return db.transaction('rw', [db.terms, db.mappings, db.meta, db.auditEvents], async () => {
    const kept = await db.terms.get(keptId);
    const retired = await db.terms.get(retiredId);
    if (!kept || !retired || kept.status !== 'active' || retired.status !== 'active') {
      throw new Error('Both terms must exist and be active.');
    }
    const at = now.toISOString();
    const unique = (items: string[]) => [...new Set(items.filter((item) => item.trim() !== ''))];
    const { aliasKeys: _keptKeys, ...keptTerm } = kept;
    const { aliasKeys: retiredKeys, ...retiredTerm } = retired;
    const merged: Term = {
      ...keptTerm,
      abbreviations: unique([...kept.abbreviations, ...retired.abbreviations]),
      synonyms: unique([...kept.synonyms, retired.nameEn, retired.nameZh, ...retired.synonyms]),
      units: unique([...kept.units, ...retired.units]),
      learned: [...kept.learned, ...retired.learned],
      updatedAt: at,
    };
    const deprecated: Term = {
      ...retiredTerm,
      status: 'deprecated',
      replacedBy: keptId,
      updatedAt: at,
    };
    await db.terms.put({ ...merged, aliasKeys: aliasKeysOf(merged) });
    await db.terms.put({ ...deprecated, aliasKeys: retiredKeys });
    const moved = await db.mappings.where('termId').equals(retiredId).toArray();
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    await db.mappings.bulkPut(
      moved.map((mapping) => ({ ...mapping, termId: keptId, dictionaryVersion })),
    );
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'term.merge',
      entity: 'term',
      entityId: `${keptId},${retiredId}`,
      before: { kept: keptTerm, retired: retiredTerm },
      after: {
        kept: merged,
        retired: deprecated,
        movedMappings: moved.map((mapping) => mapping.id),
        dictionaryVersion,
      },
    });
    return merged;
  });
}

export interface TermEdit {
  nameEn: string;
  nameZh: string;
  abbreviations: string[];
  units: string[];
  category: string;
}

/** A person corrects a term's names, abbreviations, units or category; audited with before/after. */
export async function editTerm(
  db: TesseraDatabase,
  actor: Actor,
  termId: string,
  edit: TermEdit,
  now = new Date(),
): Promise<Term> {
  const nameEn = edit.nameEn.trim();
  if (nameEn === '') throw new Error('A term needs an English name.');
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    const stored = await db.terms.get(termId);
    if (!stored) throw new Error(`No term ${termId} in the dictionary.`);
    const { aliasKeys: _keys, ...before } = stored;
    const clean = (items: string[]) => [
      ...new Set(items.map((item) => item.trim()).filter((item) => item !== '')),
    ];
    const after: Term = {
      ...before,
      nameEn,
      nameZh: edit.nameZh.trim(),
      abbreviations: clean(edit.abbreviations),
      units: clean(edit.units),
      category: edit.category.trim() || before.category,
      updatedAt: now.toISOString(),
    };
    const aliasKeys = aliasKeysOf(after);
    for (const key of aliasKeys) {
      if (!holdsKeyInScope(after, key, '')) continue;
      const other = await db.terms
        .where('aliasKeys')
        .equals(key)
        .filter(
          (candidate) =>
            candidate.id !== termId &&
            candidate.status === 'active' &&
            holdsKeyInScope(candidate, key, ''),
        )
        .first();
      if (other)
        throw new Error(`"${key}" already names ${other.nameEn} (${other.system} ${other.code}).`);
    }
    await db.terms.put({ ...after, aliasKeys });
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(db, actor, {
      action: 'term.edit',
      entity: 'term',
      entityId: termId,
      before,
      after: { ...after, dictionaryVersion },
    });
    return after;
  });
}

/**
 * Teaches the dictionary the synonyms a mapping file brings, as a person confirmed them in the
 * plan: one transaction, one dictionary version, one audit event naming the file. A plan made
 * against another dictionary version is refused, since what it checked may no longer hold.
 */
export async function importMappingSynonyms(
  db: TesseraDatabase,
  actor: Actor,
  plan: MappingImportPlan,
  now = new Date(),
): Promise<Term[]> {
  return db.transaction('rw', [db.terms, db.meta, db.auditEvents], async () => {
    if ((await readDictionaryVersion(db)) !== plan.dictionaryVersion)
      throw new Error(`The dictionary changed since ${plan.fileName} was read; read it again.`);
    if (plan.synonyms.length === 0) throw new Error(`${plan.fileName} brings no new synonyms.`);
    const terms = (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
    const changed = learnFromPlan(terms, plan, actor, now);
    await db.terms.bulkPut(changed.map((term) => ({ ...term, aliasKeys: aliasKeysOf(term) })));
    const dictionaryVersion = plan.dictionaryVersion + 1;
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    await appendAudit(
      db,
      actor,
      {
        action: 'dictionary.import-mappings',
        entity: 'term',
        entityId: plan.fileName,
        before: {
          learned: Object.fromEntries(
            changed.map((term) => [
              term.id,
              terms.find((known) => known.id === term.id)?.learned ?? [],
            ]),
          ),
        },
        after: {
          file: plan.fileName,
          format: plan.format,
          dictionaryVersion,
          added: plan.synonyms,
          leftOut: {
            known: plan.known.length,
            conflicts: plan.conflicts,
            unknownTargets: plan.unknownTargets,
            notAccepted: plan.notAccepted,
          },
        },
      },
      now,
    );
    return changed;
  });
}

/**
 * Every recorded change to one term, newest first: edits, synonyms added by hand, learned from
 * accepted mappings or from a mapping file (each with its scope), deprecation, merges of terms
 * and of dictionaries.
 */
export type { TermHistoryEntry };

export async function termHistory(
  db: TesseraDatabase,
  termId: string,
): Promise<TermHistoryEntry[]> {
  const entries: TermHistoryEntry[] = [];
  await db.auditEvents
    .filter((event) => event.entity === 'term' || event.entity === 'mapping')
    .each((event) => {
      const synonyms = synonymsTaught(event, termId);
      if (synonyms === null) return;
      const { seq, at, actorName, action } = event;
      entries.push({ seq: seq ?? 0, at, actorName, action, synonyms });
    });
  return entries.sort((left, right) => right.seq - left.seq);
}
