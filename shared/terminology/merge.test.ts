import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../model/terminology';
import { readTesseraDictionary } from './formats/tessera-json';
import { isoDateTime, uniqueTerms } from './formats/test-arbitraries';
import {
  applyMerge,
  compareDictionaries,
  isEmptyPlan,
  MergeRefusedError,
  type MergeChoice,
  type MergePlan,
} from './merge';

const folder = 'test/fixtures/terminology/crafted';
const local = readTesseraDictionary(readFileSync(`${folder}/local.tessera.json`, 'utf8')).terms;
const incoming = readTesseraDictionary(
  readFileSync(`${folder}/incoming.tessera.json`, 'utf8'),
).terms;
const actor = { id: 'profile_lead', name: 'Governance lead' };
const now = new Date('2025-06-01T09:00:00.000Z');
const at = now.toISOString();
const source = 'incoming.tessera.json';

const nameConflict = 'name:LOINC:718-7@lab.hemoglobin';
const gptConflict = 'synonym:gpt@lab.ggt';

function termOf(terms: readonly Term[], id: string): Term {
  const found = terms.find((term) => term.id === id);
  if (!found) throw new Error(`no term ${id}`);
  return found;
}

function refusalOf(run: () => unknown): MergeRefusedError {
  try {
    run();
  } catch (error) {
    if (error instanceof MergeRefusedError) return error;
    throw error;
  }
  throw new Error('expected a MergeRefusedError');
}

describe('compareDictionaries on the crafted pair', () => {
  const plan = compareDictionaries(local, incoming, { source });

  it('lists the two new terms', () => {
    expect(plan.newTerms.map((term) => term.id)).toEqual(['lab.bilirubin-total', 'lab.albumin']);
  });

  it('lists the three new synonyms, a learned one with its provenance', () => {
    expect(plan.newSynonyms).toEqual([
      {
        termId: 'lab.wbc',
        incomingTermId: 'lab.wbc',
        text: 'WBC_COUNT',
        kind: 'learned synonym',
        learned: {
          text: 'WBC_COUNT',
          addedBy: 'profile_li',
          addedAt: '2025-04-18T06:40:12.000Z',
          sourceId: 'source_0m9c4d7e2b1a',
        },
      },
      { termId: 'lab.ast', incomingTermId: 'lab.ast', text: 'AST/GOT', kind: 'abbreviation' },
      { termId: 'lab.alp', incomingTermId: 'lab.alp', text: '碱性磷酸酶测定', kind: 'synonym' },
    ]);
  });

  it('lists exactly the two conflicts, each with the choices that make sense', () => {
    expect(plan.conflicts).toEqual([
      {
        id: nameConflict,
        kind: 'name',
        system: 'LOINC',
        code: '718-7',
        termId: 'lab.hemoglobin',
        incomingTermId: 'lab.hemoglobin',
        local: { nameEn: 'Hemoglobin', nameZh: '血红蛋白' },
        incoming: { nameEn: 'Hemoglobin', nameZh: '血红蛋白测定' },
        options: ['keep-local', 'take-incoming', 'keep-both'],
      },
      {
        id: gptConflict,
        kind: 'synonym',
        key: 'gpt',
        local: [{ termId: 'lab.alt', text: 'GPT', kind: 'abbreviation' }],
        incoming: {
          termId: 'lab.ggt',
          text: 'GPT',
          kind: 'learned synonym',
          learned: { text: 'GPT', addedBy: 'profile_wang', addedAt: '2025-05-02T09:12:45.000Z' },
        },
        targetTermId: 'lab.ggt',
        options: ['keep-local', 'take-incoming', 'keep-both'],
      },
    ]);
    expect(plan.otherDifferences).toEqual([]);
  });

  it('gives the same conflict ids when compared again', () => {
    const again = compareDictionaries(local, incoming, { source });
    expect(again.conflicts.map((conflict) => conflict.id)).toEqual([nameConflict, gptConflict]);
  });
});

describe('applyMerge on the crafted pair', () => {
  const plan = compareDictionaries(local, incoming, { source });

  it('refuses while a conflict has no decision, naming it', () => {
    const refusal = refusalOf(() =>
      applyMerge(local, plan, { [nameConflict]: 'keep-local' }, actor, now),
    );
    expect(refusal.conflictIds).toEqual([gptConflict]);
    expect(refusal.message).toBe(`1 conflict needs a decision first: ${gptConflict}`);
    expect(refusalOf(() => applyMerge(local, plan, {}, actor, now)).conflictIds).toEqual([
      nameConflict,
      gptConflict,
    ]);
  });

  it('refuses a decision that is not offered or names no conflict', () => {
    const decisions = { [nameConflict]: 'keep-local', [gptConflict]: 'keep-local' } as const;
    expect(
      refusalOf(() =>
        applyMerge(local, plan, { ...decisions, 'synonym:hb@lab.wbc': 'keep-both' }, actor, now),
      ).conflictIds,
    ).toEqual(['synonym:hb@lab.wbc']);
    expect(
      refusalOf(() =>
        applyMerge(
          local,
          plan,
          { ...decisions, [gptConflict]: 'merge' as MergeChoice },
          actor,
          now,
        ),
      ).conflictIds,
    ).toEqual([gptConflict]);
  });

  it('takes the incoming Chinese name and keeps GPT where it was', () => {
    const result = applyMerge(
      local,
      plan,
      { [nameConflict]: 'take-incoming', [gptConflict]: 'keep-local' },
      actor,
      now,
    );
    const { terms } = result;
    expect(terms.map((term) => term.id)).toEqual([
      ...local.map((term) => term.id),
      'lab.bilirubin-total',
      'lab.albumin',
    ]);
    const hemoglobin = termOf(terms, 'lab.hemoglobin');
    expect(hemoglobin.nameZh).toBe('血红蛋白测定');
    expect(hemoglobin.synonyms).toEqual([...termOf(local, 'lab.hemoglobin').synonyms, '血红蛋白']);
    expect(hemoglobin.learned).toEqual(termOf(local, 'lab.hemoglobin').learned);
    expect(termOf(terms, 'lab.alt')).toBe(termOf(local, 'lab.alt'));
    expect(termOf(terms, 'lab.ggt')).toBe(termOf(local, 'lab.ggt'));
    expect(termOf(terms, 'lab.wbc').learned).toEqual([
      {
        text: 'WBC_COUNT',
        addedBy: 'profile_li',
        addedAt: '2025-04-18T06:40:12.000Z',
        sourceId: 'source_0m9c4d7e2b1a',
      },
    ]);
    expect(termOf(terms, 'lab.ast').abbreviations.at(-1)).toBe('AST/GOT');
    expect(termOf(terms, 'lab.alp').synonyms.at(-1)).toBe('碱性磷酸酶测定');
    expect(termOf(terms, 'lab.albumin')).toEqual({
      ...termOf(incoming, 'lab.albumin'),
      updatedAt: at,
    });

    expect(result.changes.map((change) => [change.termId, change.change])).toEqual([
      ['lab.wbc', 'updated'],
      ['lab.hemoglobin', 'updated'],
      ['lab.ast', 'updated'],
      ['lab.alp', 'updated'],
      ['lab.bilirubin-total', 'added'],
      ['lab.albumin', 'added'],
    ]);
    for (const change of result.changes) {
      expect(change.after.updatedAt).toBe(at);
      expect(change.before).toEqual(
        change.change === 'added' ? null : termOf(local, change.termId),
      );
    }
    expect(result.audit).toMatchObject({
      action: 'dictionary.merge',
      entity: 'term',
      entityId: source,
      after: {
        source,
        mergedBy: actor,
        decisions: { [nameConflict]: 'take-incoming', [gptConflict]: 'keep-local' },
      },
    });
    expect(Object.keys(result.audit.after.terms)).toHaveLength(6);
    expect(result.audit.before.terms['lab.albumin']).toBeNull();
  });

  it('moves GPT to GGT with its provenance and a note of the merge; keeps both names', () => {
    const { terms } = applyMerge(
      local,
      plan,
      { [nameConflict]: 'keep-both', [gptConflict]: 'take-incoming' },
      actor,
      now,
    );
    expect(termOf(terms, 'lab.alt').abbreviations).toEqual(['ALT', 'SGPT', '谷丙转氨酶', '谷丙']);
    expect(termOf(terms, 'lab.ggt').learned).toEqual([
      {
        text: 'GPT',
        addedBy: 'profile_wang',
        addedAt: '2025-05-02T09:12:45.000Z',
        sourceId: `merge:${source}`,
      },
    ]);
    const hemoglobin = termOf(terms, 'lab.hemoglobin');
    expect([hemoglobin.nameEn, hemoglobin.nameZh]).toEqual(['Hemoglobin', '血红蛋白']);
    expect(hemoglobin.synonyms.at(-1)).toBe('血红蛋白测定');
  });

  it('keeps GPT under both terms when asked', () => {
    const { terms } = applyMerge(
      local,
      plan,
      { [nameConflict]: 'keep-local', [gptConflict]: 'keep-both' },
      actor,
      now,
    );
    expect(termOf(terms, 'lab.alt').abbreviations).toContain('GPT');
    expect(termOf(terms, 'lab.ggt').learned.map((learned) => learned.text)).toEqual(['GPT']);
    expect(termOf(terms, 'lab.hemoglobin')).toBe(termOf(local, 'lab.hemoglobin'));
  });

  it('refuses a plan made against another dictionary', () => {
    const smaller = local.filter((term) => term.id !== 'lab.alt');
    expect(() =>
      applyMerge(
        smaller,
        plan,
        { [nameConflict]: 'keep-local', [gptConflict]: 'keep-local' },
        actor,
        now,
      ),
    ).toThrow(/changed since the merge was planned \(lab\.alt\); compare again/);
  });
});

describe('compareDictionaries edge cases', () => {
  const alt = termOf(local, 'lab.alt');

  it('matches by code when ids differ, and lists other differences without acting on them', () => {
    const renamed: Term = { ...alt, id: 'site.alt', units: ['U/L'], status: 'deprecated' };
    const plan = compareDictionaries(local, [renamed]);
    expect(plan.newTerms).toEqual([]);
    expect(plan.otherDifferences.map((difference) => difference.field)).toEqual([
      'units',
      'status',
    ]);
  });

  it('does not offer to drop or move a name', () => {
    const newTerm: Term = {
      ...alt,
      id: 'site.gpt',
      code: 'GPT-1',
      system: 'local',
      nameEn: 'GPT',
      abbreviations: [],
      synonyms: [],
    };
    const plan = compareDictionaries(local, [newTerm]);
    expect(plan.newTerms.map((term) => term.id)).toEqual(['site.gpt']);
    const gpt = plan.conflicts.find((conflict) => conflict.id === 'synonym:gpt@site.gpt');
    expect(gpt?.options).toEqual(['take-incoming', 'keep-both']);
    const zh = plan.conflicts.find(
      (conflict) => conflict.id === 'synonym:丙氨酸氨基转移酶@site.gpt',
    );
    expect(zh?.options).toEqual(['keep-both']);
  });

  it('treats a missing incoming Chinese name as not given', () => {
    const plan = compareDictionaries(local, [{ ...alt, nameZh: '' }]);
    expect(isEmptyPlan(plan)).toBe(true);
  });

  it('refuses lists that hold one id twice', () => {
    expect(() => compareDictionaries(local, [alt, alt])).toThrow(
      /incoming terms hold the id "lab.alt" twice/,
    );
  });
});

// Few ids, codes and aliases, so that generated dictionaries overlap and conflict.
const crowded = fc.constantFrom(
  'GPT',
  'ALT',
  'Hb',
  'HGB',
  '血红蛋白',
  '谷丙',
  'Glu',
  'glu',
  'x y',
  'X-Y',
);
const dictionary = uniqueTerms(
  { dictionaryId: 'clinical-lab', domain: 'clinical-lab', text: crowded },
  { maxLength: 5 },
)
  .map((terms) =>
    terms.map(({ replacedBy: _replacedBy, ...term }): Term => ({
      ...term,
      id: `t${term.id.length % 4}`,
      system: 'LOINC',
      code: `${term.code.length % 3}`,
    })),
  )
  .filter((terms) => new Set(terms.map((term) => term.id)).size === terms.length);

function decide(plan: MergePlan, pick: (options: MergeChoice[]) => MergeChoice) {
  return Object.fromEntries(
    plan.conflicts.map((conflict) => [conflict.id, pick(conflict.options)]),
  );
}

describe('merge properties', () => {
  it('merging a dictionary with itself plans nothing', () => {
    fc.assert(
      fc.property(dictionary, (terms) => {
        expect(isEmptyPlan(compareDictionaries(terms, terms))).toBe(true);
      }),
    );
  });

  it('merging an empty dictionary plans nothing', () => {
    fc.assert(
      fc.property(dictionary, (terms) => {
        expect(isEmptyPlan(compareDictionaries(terms, []))).toBe(true);
      }),
    );
  });

  it('after keeping both everywhere, nothing incoming is new any more', () => {
    fc.assert(
      fc.property(dictionary, dictionary, isoDateTime, (mine, theirs, time) => {
        const plan = compareDictionaries(mine, theirs);
        const merged = applyMerge(
          mine,
          plan,
          decide(plan, () => 'keep-both'),
          actor,
          new Date(time),
        );
        const again = compareDictionaries(merged.terms, theirs);
        expect(again.newTerms).toEqual([]);
        expect(again.newSynonyms).toEqual([]);
        expect(again.conflicts.filter((conflict) => conflict.kind === 'synonym')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('any offered decisions give unique ids, stamped changes and untouched other terms', () => {
    fc.assert(
      fc.property(dictionary, dictionary, fc.infiniteStream(fc.nat()), (mine, theirs, picks) => {
        const plan = compareDictionaries(mine, theirs);
        const iterator = picks[Symbol.iterator]();
        const decisions = decide(plan, (options) => {
          const index = (iterator.next().value as number) % options.length;
          return options[index] as MergeChoice;
        });
        const result = applyMerge(mine, plan, decisions, actor, now);
        const ids = result.terms.map((term) => term.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(result.terms).toHaveLength(mine.length + plan.newTerms.length);
        const changed = new Set(result.changes.map((change) => change.termId));
        for (const term of result.terms) {
          if (changed.has(term.id)) expect(term.updatedAt).toBe(at);
          else expect(term).toBe(termOf(mine, term.id));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('synonyms scoped to a source system in a merge', () => {
  const taught = (text: string, sourceSystem?: string) => ({
    text,
    addedBy: 'profile_elsewhere',
    addedAt: '2025-05-20T08:00:00.000Z',
    ...(sourceSystem === undefined ? {} : { sourceSystem }),
  });
  const withLearned = (terms: readonly Term[], id: string, learned: Term['learned']) =>
    terms.map((term) => (term.id === id ? { ...term, learned } : term));
  const mine = withLearned(local, 'lab.wbc', [taught('HB1', 'LIS-A')]);

  it('does not set one text scoped to two systems against each other, under two terms', () => {
    const theirs = withLearned(local, 'lab.hemoglobin', [taught('hb1', 'LIS-B')]);
    const plan = compareDictionaries(mine, theirs, { source });
    expect(plan.conflicts.filter((conflict) => conflict.kind === 'synonym')).toEqual([]);
    expect(plan.newSynonyms).toContainEqual({
      termId: 'lab.hemoglobin',
      incomingTermId: 'lab.hemoglobin',
      text: 'hb1',
      kind: 'learned synonym',
      learned: taught('hb1', 'LIS-B'),
    });
    const merged = applyMerge(
      mine,
      plan,
      decide(plan, (options) => options[0]!),
      actor,
      now,
    );
    expect(termOf(merged.terms, 'lab.wbc').learned).toEqual([taught('HB1', 'LIS-A')]);
    expect(termOf(merged.terms, 'lab.hemoglobin').learned).toContainEqual({
      ...taught('hb1', 'LIS-B'),
      sourceId: `merge:${source}`,
    });
  });

  it('adds a second scope of a synonym a term already has for another system', () => {
    const theirs = withLearned(local, 'lab.wbc', [taught('HB1', 'his beijing')]);
    const plan = compareDictionaries(mine, theirs, { source });
    expect(plan.conflicts.filter((conflict) => conflict.kind === 'synonym')).toEqual([]);
    expect(plan.newSynonyms.map((synonym) => synonym.learned?.sourceSystem)).toEqual([
      'his beijing',
    ]);
  });

  it('sets the same text with the same scope under two terms against each other, and moves only that scope', () => {
    const theirs = withLearned(local, 'lab.hemoglobin', [taught('hb1', ' lis-a ')]);
    const plan = compareDictionaries(withLearned(mine, 'lab.glucose', [taught('HB1')]), theirs, {
      source,
    });
    const conflict = plan.conflicts.find((found) => found.kind === 'synonym');
    expect(conflict).toMatchObject({
      id: 'synonym:hb1#lis-a@lab.hemoglobin',
      key: 'hb1',
      sourceSystem: ' lis-a ',
      targetTermId: 'lab.hemoglobin',
      local: [expect.objectContaining({ termId: 'lab.wbc' })],
    });
    const merged = applyMerge(
      withLearned(mine, 'lab.glucose', [taught('HB1')]),
      plan,
      { ...decide(plan, (options) => options[0]!), [conflict?.id ?? '']: 'take-incoming' },
      actor,
      now,
    );
    expect(termOf(merged.terms, 'lab.wbc').learned).toEqual([]);
    // The unscoped "HB1" of another term is another alias, and stays.
    expect(termOf(merged.terms, 'lab.glucose').learned).toEqual([taught('HB1')]);
    expect(termOf(merged.terms, 'lab.hemoglobin').learned.map((learned) => learned.text)).toContain(
      'hb1',
    );
  });

  it('never finds a conflict between synonyms learned for different systems', () => {
    const learnedAt = (system: string) =>
      fc.array(fc.record({ text: crowded, owner: fc.nat() }), { maxLength: 6 }).map((list) => ({
        system,
        list,
      }));
    const spread = (
      terms: Term[],
      { system, list }: { system: string; list: { text: string; owner: number }[] },
    ) =>
      terms.map((term, index) => ({
        ...term,
        learned: list
          .filter((item) => terms.length > 0 && item.owner % terms.length === index)
          .map((item) => taught(item.text, system)),
      }));
    fc.assert(
      fc.property(dictionary, learnedAt('LIS-A'), learnedAt('LIS-B'), (terms, ours, theirs) => {
        const mineNow = spread(terms, ours);
        const theirsNow = spread(terms, theirs);
        const plan = compareDictionaries(mineNow, theirsNow);
        expect(
          plan.conflicts.filter(
            (conflict) =>
              conflict.kind === 'synonym' && conflict.incoming.kind === 'learned synonym',
          ),
        ).toEqual([]);
        const merged = applyMerge(
          mineNow,
          plan,
          decide(plan, () => 'keep-both'),
          actor,
          now,
        );
        for (const term of merged.terms) {
          const before = termOf(mineNow, term.id).learned.map((learned) => learned.text);
          expect(term.learned.filter((l) => l.sourceSystem === 'LIS-A').map((l) => l.text)).toEqual(
            before,
          );
        }
        expect(compareDictionaries(merged.terms, theirsNow).newSynonyms).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
