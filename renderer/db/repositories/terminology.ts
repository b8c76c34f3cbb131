import type { FieldMapping } from '../../../shared/model/mapping';
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
    const term = await db.terms.get(input.termId);
    if (!term) throw new Error(`No term ${input.termId} in the dictionary.`);
    const before = await db.mappings.where({ projectId: input.projectId, raw: input.raw }).first();
    const dictionaryVersion = (await readDictionaryVersion(db)) + 1;
    const key = labelKey(input.raw);
    const isNewAlias = !term.aliasKeys.includes(key);
    if (isNewAlias) {
      const learned = [
        ...term.learned,
        {
          text: input.raw,
          addedBy: actor.id,
          addedAt: now.toISOString(),
          sourceId: input.sourceId,
        },
      ];
      const updated: Term = { ...term, learned, updatedAt: now.toISOString() };
      await db.terms.put({ ...updated, aliasKeys: aliasKeysOf(updated) });
    }
    await db.meta.put({ key: versionKey, value: dictionaryVersion });
    const mapping: FieldMapping = {
      id: before?.id ?? newId('mapping', now),
      projectId: input.projectId,
      raw: input.raw,
      termId: term.id,
      status: 'accepted',
      score: input.score,
      reason: input.reason,
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      dictionaryVersion,
    };
    await db.mappings.put(mapping);
    await appendAudit(db, actor, {
      action: 'mapping.accept',
      entity: 'mapping',
      entityId: mapping.id,
      before: before ?? null,
      after: { mapping, learnedSynonym: isNewAlias ? input.raw : null },
    });
    return mapping;
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
): Promise<FieldName[]> {
  const mappings = await db.mappings.where('projectId').equals(projectId).toArray();
  const byRaw = new Map(mappings.map((mapping) => [mapping.raw, mapping]));
  const terms = await db.terms.bulkGet([...new Set(mappings.map((mapping) => mapping.termId))]);
  const termById = new Map(terms.flatMap((term) => (term ? [[term.id, term] as const] : [])));
  return fields.map((raw) => {
    const mapping = byRaw.get(raw);
    const term = mapping ? termById.get(mapping.termId) : undefined;
    if (!mapping || !term) return { raw };
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
