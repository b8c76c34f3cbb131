import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../model/terminology';
import { editDistance } from './edit-distance';
import { foldKey, normalizeLabel } from './normalize';
import { buildSuggestionIndex, suggest } from './suggest';

function term(
  id: string,
  nameEn: string,
  nameZh: string,
  abbreviations: string[],
  synonyms: string[] = [],
): Term {
  return {
    id,
    domain: 'clinical-lab',
    system: 'LOINC',
    code: id,
    nameEn,
    nameZh,
    abbreviations,
    synonyms,
    units: [],
    category: 'Test',
    dictionaryId: 'test',
    status: 'active',
    learned: [],
    updatedAt: '',
  };
}

const terms = [
  term('718-7', 'Hemoglobin', '血红蛋白', ['Hb', 'HGB', 'Hgb'], ['Haemoglobin', '血色素']),
  term('1742-6', 'Alanine aminotransferase', '丙氨酸氨基转移酶', ['ALT', 'GPT', '谷丙转氨酶']),
  term('2345-7', 'Glucose', '葡萄糖', ['GLU', 'Glu'], ['血糖']),
  term('45404-1', 'Marital status', '婚姻状况', ['MARITAL_STATUS']),
];

describe('normalizeLabel', () => {
  it('folds width, case, separators and a trailing unit', () => {
    expect(normalizeLabel('Ｈｅｍｏｇｌｏｂｉｎ (g/L)')).toEqual({
      key: 'hemoglobin',
      unit: 'g/L',
    });
    expect(normalizeLabel('MARITAL_STATUS')).toEqual({ key: 'marital status', unit: null });
    expect(normalizeLabel('  血红蛋白［g/L］ ')).toEqual({ key: '血红蛋白', unit: 'g/L' });
    expect(normalizeLabel('(g/L)').key).toBe('(g l)');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = foldKey(text);
        expect(foldKey(once)).toBe(once);
      }),
    );
  });
});

describe('editDistance', () => {
  it('counts single-character edits over code points', () => {
    expect(editDistance('hemoglobn', 'hemoglobin')).toBe(1);
    expect(editDistance('血红蛋白', '血红蛋白')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is a metric: symmetric and zero only on equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (left, right) => {
        expect(editDistance(left, right)).toBe(editDistance(right, left));
        expect(editDistance(left, right) === 0).toBe(left === right);
      }),
    );
  });
});

describe('suggest', () => {
  const index = buildSuggestionIndex(terms);

  it('ranks every spelling of hemoglobin to the same term first, with a reason', () => {
    for (const raw of ['Hemoglobin', 'Hb', 'HGB', '血红蛋白', 'hemoglobn', 'Haemoglobin (g/L)']) {
      const [top] = suggest(index, raw);
      expect(top?.termId, raw).toBe('718-7');
    }
    expect(suggest(index, 'HGB')[0]).toMatchObject({
      score: 1,
      isExact: true,
      reason: 'exact abbreviation "HGB" of Hemoglobin',
    });
    const fuzzy = suggest(index, 'hemoglobn')[0];
    expect(fuzzy?.isExact).toBe(false);
    expect(fuzzy?.reason).toBe('name "Hemoglobin" of Hemoglobin, 1 edit');
    expect(fuzzy?.score).toBeGreaterThan(0.7);
    expect(fuzzy?.score).toBeLessThan(1);
  });

  it('maps column-style names through separators', () => {
    expect(suggest(index, 'marital-status')[0]?.termId).toBe('45404-1');
    expect(suggest(index, '谷丙转氨酶')[0]?.termId).toBe('1742-6');
  });

  it('returns scores in [0, 1], best first, at most the limit, one per term', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 5 }), (raw, limit) => {
        const results = suggest(index, raw, limit);
        expect(results.length).toBeLessThanOrEqual(limit);
        expect(new Set(results.map((result) => result.termId)).size).toBe(results.length);
        results.forEach((result, position) => {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
          if (position > 0)
            expect(result.score).toBeLessThanOrEqual(results[position - 1]?.score ?? 1);
        });
      }),
    );
  });

  it('learns: a learned synonym becomes an exact hit', () => {
    const taught = terms.map((item) =>
      item.id === '2345-7'
        ? { ...item, learned: [{ text: 'GLUC_FAST', addedBy: 'u', addedAt: '' }] }
        : item,
    );
    expect(suggest(buildSuggestionIndex(taught), 'GLUC_FAST')[0]).toMatchObject({
      termId: '2345-7',
      isExact: true,
    });
  });
});
