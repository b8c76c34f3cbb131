import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LearnedSynonym, Term } from '../model/terminology';
import { labelKey } from './normalize';
import { systemKey } from './source-system';
import { buildSuggestionIndex, suggest } from './suggest';

function term(id: string, nameEn: string, abbreviations: string[], learned: LearnedSynonym[]) {
  const made: Term = {
    id,
    domain: 'clinical-lab',
    system: 'LOINC',
    code: id,
    nameEn,
    nameZh: '',
    abbreviations,
    synonyms: [],
    units: [],
    category: 'Test',
    dictionaryId: 'test',
    status: 'active',
    learned,
    updatedAt: '',
  };
  return made;
}

const taught = (text: string, sourceSystem?: string): LearnedSynonym => ({
  text,
  addedBy: 'profile_li',
  addedAt: '2026-11-30T09:00:00.000Z',
  ...(sourceSystem === undefined ? {} : { sourceSystem }),
});

describe('synonyms scoped to a source system', () => {
  const index = buildSuggestionIndex([
    term(
      '718-7',
      'Hemoglobin',
      ['HGB'],
      [taught('HB1', 'LIS-A'), taught('XQ7^Haem local^L', 'LIS-A')],
    ),
    term('2345-7', 'Glucose', ['GLU'], [taught('GLU-B', 'HIS Beijing')]),
    term('6690-2', 'Leukocytes', ['WBC'], [taught('GLU', 'LIS-A')]),
  ]);

  it('are exact hits for files of their own system, however the label is typed', () => {
    for (const sourceSystem of ['LIS-A', 'lis-a', '  LIS-A ', 'ＬＩＳ-Ａ']) {
      expect(suggest(index, 'HB1', 5, { sourceSystem })[0], sourceSystem).toEqual({
        termId: '718-7',
        score: 1,
        isExact: true,
        reason: 'exact learned synonym "HB1" of Hemoglobin for source system LIS-A',
      });
    }
  });

  it('are not seen at all in files of another system or of no known system', () => {
    for (const context of [{ sourceSystem: 'LIS-B' }, { sourceSystem: '' }, {}]) {
      const results = suggest(index, 'HB1', 5, context);
      expect(results.some((result) => result.isExact)).toBe(false);
      expect(results.map((result) => result.reason).join(' ')).not.toContain('source system');
    }
    expect(suggest(index, 'GLU-B', 5, { sourceSystem: 'LIS-A' })[0]?.isExact).not.toBe(true);
  });

  it('outrank a synonym of every system for the same text, which stays second', () => {
    const atLisA = suggest(index, 'GLU', 5, { sourceSystem: 'LIS-A' });
    expect(atLisA.slice(0, 2)).toEqual([
      expect.objectContaining({ termId: '6690-2', isExact: true, score: 1 }),
      expect.objectContaining({ termId: '2345-7', isExact: true, score: 1 }),
    ]);
    expect(suggest(index, 'GLU', 5, { sourceSystem: 'LIS-B' })[0]?.termId).toBe('2345-7');
    expect(
      suggest(index, 'GLU', 5, { sourceSystem: 'LIS-B' }).map((result) => result.termId),
    ).not.toContain('6690-2');
  });

  it('find a coded HL7 name that was accepted whole', () => {
    expect(suggest(index, 'XQ7^Haem local^L', 5, { sourceSystem: 'LIS-A' })[0]).toMatchObject({
      termId: '718-7',
      isExact: true,
    });
  });
});

/** Generated dictionaries with learned synonyms, some of them scoped to a system. */
const pool = ['serum', 'alpha', 'kinase', 'protein', 'total', 'free', 'iron', 'acid', 'urea'];
const name = fc
  .array(fc.constantFrom(...pool, 'glob', 'lin'), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '));
const scopes = ['LIS-A', 'lis-a', 'HIS Beijing', 'LIS-B'];
const learnedSpec = fc.record({
  text: fc.oneof(fc.stringMatching(/^[A-Z]{2,3}\d{0,2}$/), name),
  sourceSystem: fc.option(fc.constantFrom(...scopes), { nil: undefined }),
});
const dictionary = fc
  .array(
    fc.record({
      nameEn: name,
      abbreviations: fc.array(fc.stringMatching(/^[A-Z]{2,4}$/), { maxLength: 2 }),
      learned: fc.array(learnedSpec, { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((specs) =>
    specs.map((spec, position) =>
      term(
        `t${position}`,
        spec.nameEn,
        spec.abbreviations,
        spec.learned.map((learned) => taught(learned.text, learned.sourceSystem)),
      ),
    ),
  );

const withoutScoped = (terms: readonly Term[]) =>
  terms.map((item) => ({
    ...item,
    learned: item.learned.filter((learned) => learned.sourceSystem === undefined),
  }));

describe('scoped synonyms over generated dictionaries', () => {
  it('leave suggestions for another system exactly as if they did not exist', () => {
    fc.assert(
      fc.property(
        dictionary,
        fc.oneof(name, fc.stringMatching(/^[A-Z]{2,3}\d{0,2}$/), fc.string({ maxLength: 12 })),
        fc.constantFrom('LIS-C', '', undefined),
        (terms, raw, sourceSystem) => {
          const scoped = buildSuggestionIndex(terms);
          const plain = buildSuggestionIndex(withoutScoped(terms));
          const context = sourceSystem === undefined ? {} : { sourceSystem };
          expect(suggest(scoped, raw, 5, context)).toEqual(suggest(plain, raw, 5));
        },
      ),
    );
  });

  it('make every scoped synonym an exact hit of its term in its system, ranked first', () => {
    fc.assert(
      fc.property(dictionary, fc.nat(), (terms, pick) => {
        const scoped = terms.flatMap((item) =>
          item.learned
            .filter((learned) => learned.sourceSystem !== undefined)
            .map((learned) => ({ item, learned })),
        );
        const chosen = scoped[pick % Math.max(1, scoped.length)];
        if (!chosen || labelKey(chosen.learned.text) === '') return;
        const system = chosen.learned.sourceSystem ?? '';
        const results = suggest(buildSuggestionIndex(terms), chosen.learned.text, 20, {
          sourceSystem: system.toUpperCase(),
        });
        expect(results.find((result) => result.termId === chosen.item.id)).toMatchObject({
          score: 1,
          isExact: true,
        });
        // Whatever is first is itself a synonym of this text scoped to this system.
        const first = terms.find((item) => item.id === results[0]?.termId);
        expect(
          first?.learned.some(
            (learned) =>
              systemKey(learned.sourceSystem) === systemKey(system) &&
              labelKey(learned.text) === labelKey(chosen.learned.text),
          ),
        ).toBe(true);
      }),
    );
  });
});
