import type { AliasKind, CodeSystem, LearnedSynonym, Term } from '../model/terminology';
import { labelKey } from './normalize';
import { systemKey } from './source-system';

/**
 * Merging a dictionary from elsewhere (another workstation's export, a CSV, a CodeSystem) into
 * the local one, in two steps a governance lead can review:
 *
 * 1. `compareDictionaries` lists what the incoming dictionary would add — new terms, new
 *    aliases of known terms — and the conflicts that need a person: one alias (folded with
 *    `labelKey`) under different terms here and there, and one code with different names.
 * 2. `applyMerge` applies the plan with the person's decisions and returns the new terms and a
 *    before/after change list for the audit log. It refuses while any conflict is undecided.
 *
 * An incoming term is the same as a local one when it has the same id, else the same code system
 * and code. A merge only adds: it never removes an alias because the other side lacks it, and it
 * changes names, or moves an alias, only when a person chose that. Other differences (code,
 * units, category, status, …) are listed in the plan for a person to see and left as they are.
 *
 * A learned synonym scoped to a source system is its own alias: "HB1" for LIS-A and "HB1" for
 * LIS-B (or for every system) may sit under different terms without a conflict, since no file is
 * read by both; only the same text with the same scope under two terms conflicts.
 */

export type MergeChoice = 'keep-local' | 'take-incoming' | 'keep-both';

/** The kinds of alias a merge brings to a known term (names come only through a decision). */
export type AddedAliasKind = Exclude<AliasKind, 'name'>;

/** An alias of an incoming term that the matching local term lacks and no other local term has. */
export interface NewSynonym {
  /** The local term that gains it. */
  termId: string;
  /** The incoming term it comes from. */
  incomingTermId: string;
  text: string;
  kind: AddedAliasKind;
  /** For a learned synonym: who taught it and when, as the incoming dictionary recorded. */
  learned?: LearnedSynonym;
}

/** Where an alias is written: the term, the text as written there, and what kind of alias. */
export interface AliasPlace {
  termId: string;
  text: string;
  kind: AliasKind;
  learned?: LearnedSynonym;
}

/**
 * One alias (by folded key) that the incoming dictionary puts under a term other than the local
 * term(s) holding it. keep-local: the incoming term does not bring it; take-incoming: it leaves
 * the local term(s) and goes with the incoming one; keep-both: both have it (a raw name with it
 * will then be suggested both terms). A name cannot be dropped or moved, so a choice that would
 * do that is not offered.
 */
export interface SynonymConflict {
  id: string;
  kind: 'synonym';
  key: string;
  /** The source system both sides scope the synonym to; absent when both hold it everywhere. */
  sourceSystem?: string;
  local: AliasPlace[];
  incoming: AliasPlace;
  /** The local term the incoming term merges into; null when the incoming term is new. */
  targetTermId: string | null;
  options: MergeChoice[];
}

export interface TermNames {
  nameEn: string;
  nameZh: string;
}

/**
 * One code with different names here and there. keep-local: names stay; take-incoming: the
 * incoming names replace them and the replaced names stay as synonyms (so raw names matched by
 * them still match); keep-both: names stay and the incoming names become synonyms.
 */
export interface NameConflict {
  id: string;
  kind: 'name';
  system: CodeSystem;
  code: string;
  termId: string;
  incomingTermId: string;
  local: TermNames;
  incoming: TermNames;
  options: MergeChoice[];
}

export type MergeConflict = SynonymConflict | NameConflict;

/** A difference between a local term and its incoming counterpart that the merge leaves alone. */
export interface TermDifference {
  termId: string;
  incomingTermId: string;
  field: 'domain' | 'system' | 'code' | 'units' | 'property' | 'specimen' | 'category' | 'status';
  local: unknown;
  incoming: unknown;
}

export interface MergePlan {
  /** What the incoming dictionary is, e.g. its file name; noted on learned synonyms it brings. */
  source: string;
  newTerms: Term[];
  newSynonyms: NewSynonym[];
  conflicts: MergeConflict[];
  otherDifferences: TermDifference[];
}

export interface CompareOptions {
  /** Default "incoming dictionary". */
  source?: string;
}

/**
 * What merging `incoming` into `local` would do. Pure; the order follows `incoming`. Throws when
 * either list holds one term id twice.
 */
export function compareDictionaries(
  local: readonly Term[],
  incoming: readonly Term[],
  options: CompareOptions = {},
): MergePlan {
  const localById = indexById(local, 'local');
  indexById(incoming, 'incoming');
  const localByCode = new Map<string, Term>();
  for (const term of local) {
    if (!localByCode.has(codeKey(term))) localByCode.set(codeKey(term), term);
  }
  // Keyed by folded text and scope: only the same text with the same scope can conflict.
  const holders = new Map<string, AliasPlace[]>();
  for (const term of local) {
    for (const [key, place] of distinctAliases(term)) {
      holders.set(key, [...(holders.get(key) ?? []), place]);
    }
  }

  const plan: MergePlan = {
    source: options.source ?? 'incoming dictionary',
    newTerms: [],
    newSynonyms: [],
    conflicts: [],
    otherDifferences: [],
  };
  const added = new Set<string>();
  for (const term of incoming) {
    const match = localById.get(term.id) ?? localByCode.get(codeKey(term));
    if (!match) {
      plan.newTerms.push(term);
      for (const [key, place] of distinctAliases(term)) {
        const others = holders.get(key);
        if (others) plan.conflicts.push(synonymConflict(key, others, place, null));
      }
      continue;
    }
    if (codeKey(match) === codeKey(term) && !sameNames(match, term)) {
      plan.conflicts.push(nameConflict(match, term));
    }
    plan.otherDifferences.push(...differences(match, term));
    const localKeys = new Set(distinctAliases(match).keys());
    for (const [key, place] of distinctAliases(term)) {
      if (place.kind === 'name' || localKeys.has(key)) continue;
      const addedKey = `${match.id}\n${key}`;
      if (added.has(addedKey)) continue;
      added.add(addedKey);
      const others = holders.get(key);
      if (others) {
        plan.conflicts.push(synonymConflict(key, others, place, match.id));
      } else {
        plan.newSynonyms.push({
          termId: match.id,
          incomingTermId: term.id,
          text: place.text,
          kind: place.kind,
          ...(place.learned ? { learned: place.learned } : {}),
        });
      }
    }
  }
  return plan;
}

/** True when the plan would change nothing and asks nothing. */
export function isEmptyPlan(plan: MergePlan): boolean {
  return (
    plan.newTerms.length === 0 &&
    plan.newSynonyms.length === 0 &&
    plan.conflicts.length === 0 &&
    plan.otherDifferences.length === 0
  );
}

function indexById(terms: readonly Term[], side: string): Map<string, Term> {
  const byId = new Map<string, Term>();
  for (const term of terms) {
    if (byId.has(term.id)) throw new Error(`The ${side} terms hold the id "${term.id}" twice.`);
    byId.set(term.id, term);
  }
  return byId;
}

function codeKey(term: Term): string {
  return `${term.system}\n${term.code}`;
}

/** An empty incoming Chinese name is one not given, not a different one. */
function sameNames(local: TermNames, incoming: TermNames): boolean {
  return (
    local.nameEn === incoming.nameEn && (incoming.nameZh === '' || local.nameZh === incoming.nameZh)
  );
}

/** Where an alias sits among others: its folded text, and the system it is scoped to, if any. */
function aliasKey(text: string, sourceSystem?: string): string {
  const key = labelKey(text);
  const system = systemKey(sourceSystem);
  return key === '' || system === '' ? key : `${key}\n${system}`;
}

/**
 * A term's aliases by folded key and scope, the first of each (names, abbreviations, synonyms,
 * learned).
 */
function distinctAliases(term: Term): Map<string, AliasPlace> {
  const places: AliasPlace[] = [
    { termId: term.id, text: term.nameEn, kind: 'name' },
    { termId: term.id, text: term.nameZh, kind: 'name' },
    ...term.abbreviations.map((text): AliasPlace => ({
      termId: term.id,
      text,
      kind: 'abbreviation',
    })),
    ...term.synonyms.map((text): AliasPlace => ({ termId: term.id, text, kind: 'synonym' })),
    ...term.learned.map((learned): AliasPlace => ({
      termId: term.id,
      text: learned.text,
      kind: 'learned synonym',
      learned,
    })),
  ];
  const byKey = new Map<string, AliasPlace>();
  for (const place of places) {
    const key = aliasKey(place.text, place.learned?.sourceSystem);
    if (key !== '' && !byKey.has(key)) byKey.set(key, place);
  }
  return byKey;
}

function synonymConflict(
  scopedKey: string,
  local: AliasPlace[],
  incoming: AliasPlace,
  targetTermId: string | null,
): SynonymConflict {
  const options: MergeChoice[] = [];
  if (targetTermId !== null || incoming.kind !== 'name') options.push('keep-local');
  if (local.every((place) => place.kind !== 'name')) options.push('take-incoming');
  options.push('keep-both');
  const sourceSystem = incoming.learned?.sourceSystem;
  return {
    id: `synonym:${scopedKey.replace('\n', '#')}@${incoming.termId}`,
    kind: 'synonym',
    key: labelKey(incoming.text),
    ...(sourceSystem === undefined ? {} : { sourceSystem }),
    local,
    incoming,
    targetTermId,
    options,
  };
}

function nameConflict(local: Term, incoming: Term): NameConflict {
  return {
    id: `name:${local.system}:${local.code}@${incoming.id}`,
    kind: 'name',
    system: local.system,
    code: local.code,
    termId: local.id,
    incomingTermId: incoming.id,
    local: { nameEn: local.nameEn, nameZh: local.nameZh },
    incoming: { nameEn: incoming.nameEn, nameZh: incoming.nameZh },
    options: ['keep-local', 'take-incoming', 'keep-both'],
  };
}

const comparedFields = [
  'domain',
  'system',
  'code',
  'units',
  'property',
  'specimen',
  'category',
  'status',
] as const satisfies readonly TermDifference['field'][];

function differences(local: Term, incoming: Term): TermDifference[] {
  return comparedFields
    .filter((field) => JSON.stringify(local[field]) !== JSON.stringify(incoming[field]))
    .map((field) => ({
      termId: local.id,
      incomingTermId: incoming.id,
      field,
      local: local[field],
      incoming: incoming[field],
    }));
}

// Applying.

/** Who merges: the same shape as the audit log's actor. */
export interface MergeActor {
  id: string;
  name: string;
}

export interface TermChange {
  termId: string;
  change: 'added' | 'updated';
  before: Term | null;
  after: Term;
}

/** Ready for the audit log: `appendAudit(db, actor, result.audit)`. */
export interface MergeAudit {
  action: 'dictionary.merge';
  entity: 'term';
  entityId: string;
  before: { terms: Record<string, Term | null> };
  after: {
    source: string;
    mergedBy: MergeActor;
    decisions: Record<string, MergeChoice>;
    terms: Record<string, Term>;
  };
}

export interface MergeResult {
  /** The local terms, changed where the merge changed them, then the new terms. */
  terms: Term[];
  changes: TermChange[];
  audit: MergeAudit;
}

/** A merge refused: conflicts without a decision, or decisions that do not fit the plan. */
export class MergeRefusedError extends Error {
  readonly conflictIds: string[];

  constructor(message: string, conflictIds: string[]) {
    super(message);
    this.name = 'MergeRefusedError';
    this.conflictIds = conflictIds;
  }
}

/**
 * Applies a plan to the local terms with a decision for every conflict. Learned synonyms brought
 * in keep who taught them and when; one without a `sourceId` gets `merge:<plan source>` there,
 * so it can be told from one taught here. Changed and added terms get `updatedAt` = `now`.
 * Throws MergeRefusedError when a conflict has no decision, a decision is not one of its options
 * or names no conflict; throws Error when the plan does not fit `local` (compare again).
 */
export function applyMerge(
  local: readonly Term[],
  plan: MergePlan,
  decisions: Readonly<Record<string, MergeChoice>>,
  actor: MergeActor,
  now: Date,
): MergeResult {
  checkDecisions(plan, decisions);
  const localById = indexById(local, 'local');
  checkPlanFits(plan, localById);
  const at = now.toISOString();
  const note = (learned: LearnedSynonym): LearnedSynonym =>
    learned.sourceId === undefined
      ? { ...learned, sourceId: `merge:${plan.source}` }
      : { ...learned };

  const edited = new Map<string, Term>();
  const edit = (id: string): Term => {
    let term = edited.get(id);
    if (!term) {
      term = copyTerm(localById.get(id) as Term);
      edited.set(id, term);
    }
    return term;
  };
  const added = new Map(
    plan.newTerms.map((term) => [term.id, { ...copyTerm(term), learned: term.learned.map(note) }]),
  );
  const addAlias = (term: Term, text: string, kind: AddedAliasKind, learned?: LearnedSynonym) => {
    const key = aliasKey(text, kind === 'learned synonym' ? learned?.sourceSystem : undefined);
    if (key === '' || distinctAliases(term).has(key)) return;
    if (kind === 'abbreviation') term.abbreviations.push(text);
    else if (kind === 'synonym') term.synonyms.push(text);
    else term.learned.push(note(learned ?? { text, addedBy: actor.id, addedAt: at }));
  };

  for (const synonym of plan.newSynonyms) {
    addAlias(edit(synonym.termId), synonym.text, synonym.kind, synonym.learned);
  }
  for (const conflict of plan.conflicts) {
    const choice = decisions[conflict.id] as MergeChoice;
    if (conflict.kind === 'synonym') {
      const { incoming, targetTermId, key, sourceSystem } = conflict;
      const bring = () => {
        if (targetTermId !== null && incoming.kind !== 'name') {
          addAlias(edit(targetTermId), incoming.text, incoming.kind, incoming.learned);
        }
      };
      if (choice === 'keep-local') {
        const newTerm = added.get(incoming.termId);
        if (targetTermId === null && newTerm) removeAlias(newTerm, key, sourceSystem);
      } else if (choice === 'take-incoming') {
        for (const place of conflict.local) removeAlias(edit(place.termId), key, sourceSystem);
        bring();
      } else {
        bring();
      }
    } else if (choice !== 'keep-local') {
      const term = edit(conflict.termId);
      const replaced = choice === 'take-incoming' ? conflict.local : conflict.incoming;
      if (choice === 'take-incoming') {
        term.nameEn = conflict.incoming.nameEn;
        term.nameZh = conflict.incoming.nameZh || term.nameZh;
      }
      for (const name of [replaced.nameEn, replaced.nameZh]) {
        if (name !== '' && name !== term.nameEn && name !== term.nameZh) {
          addAlias(term, name, 'synonym');
        }
      }
    }
  }

  const changes: TermChange[] = [];
  const terms = local.map((before) => {
    const after = edited.get(before.id);
    if (!after || JSON.stringify(after) === JSON.stringify(before)) return before;
    const stamped = { ...after, updatedAt: at };
    changes.push({ termId: before.id, change: 'updated', before, after: stamped });
    return stamped;
  });
  for (const term of added.values()) {
    const stamped = { ...term, updatedAt: at };
    terms.push(stamped);
    changes.push({ termId: term.id, change: 'added', before: null, after: stamped });
  }
  return {
    terms,
    changes,
    audit: {
      action: 'dictionary.merge',
      entity: 'term',
      entityId: plan.source,
      before: {
        terms: Object.fromEntries(changes.map((change) => [change.termId, change.before])),
      },
      after: {
        source: plan.source,
        mergedBy: { id: actor.id, name: actor.name },
        decisions: { ...decisions },
        terms: Object.fromEntries(changes.map((change) => [change.termId, change.after])),
      },
    },
  };
}

function checkDecisions(plan: MergePlan, decisions: Readonly<Record<string, MergeChoice>>): void {
  const conflicts = new Map(plan.conflicts.map((conflict) => [conflict.id, conflict]));
  const missing = plan.conflicts
    .filter((conflict) => !Object.hasOwn(decisions, conflict.id))
    .map((conflict) => conflict.id);
  if (missing.length > 0) {
    throw new MergeRefusedError(
      `${missing.length} ${missing.length === 1 ? 'conflict needs' : 'conflicts need'} a decision first: ${missing.join(', ')}`,
      missing,
    );
  }
  const unfit = Object.entries(decisions).filter(([id, choice]) => {
    const conflict = conflicts.get(id);
    return !conflict || !conflict.options.includes(choice);
  });
  if (unfit.length > 0) {
    throw new MergeRefusedError(
      `These decisions do not fit the plan: ${unfit.map(([id, choice]) => `${id} → ${choice}`).join(', ')}`,
      unfit.map(([id]) => id),
    );
  }
}

function checkPlanFits(plan: MergePlan, localById: ReadonlyMap<string, Term>): void {
  const referenced = [
    ...plan.newSynonyms.map((synonym) => synonym.termId),
    ...plan.conflicts.flatMap((conflict) =>
      conflict.kind === 'name'
        ? [conflict.termId]
        : [
            ...conflict.local.map((place) => place.termId),
            ...(conflict.targetTermId === null ? [] : [conflict.targetTermId]),
          ],
    ),
  ];
  const gone = referenced.filter((id) => !localById.has(id));
  const taken = plan.newTerms.map((term) => term.id).filter((id) => localById.has(id));
  if (gone.length > 0 || taken.length > 0) {
    throw new Error(
      `The dictionary changed since the merge was planned (${[...new Set([...gone, ...taken])].join(', ')}); compare again.`,
    );
  }
}

function copyTerm(term: Term): Term {
  return {
    ...term,
    abbreviations: [...term.abbreviations],
    synonyms: [...term.synonyms],
    units: [...term.units],
    learned: term.learned.map((learned) => ({ ...learned })),
  };
}

/** Removes the aliases with this folded text and scope; others of the same text stay. */
function removeAlias(term: Term, key: string, sourceSystem?: string): void {
  const isScoped = systemKey(sourceSystem) !== '';
  const keep = (text: string) => isScoped || labelKey(text) !== key;
  term.abbreviations = term.abbreviations.filter(keep);
  term.synonyms = term.synonyms.filter(keep);
  term.learned = term.learned.filter(
    (learned) =>
      labelKey(learned.text) !== key || systemKey(learned.sourceSystem) !== systemKey(sourceSystem),
  );
}
