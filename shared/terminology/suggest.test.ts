import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../model/terminology';
import { editDistance, typoDistance } from './edit-distance';
import { foldKey, labelKey, normalizeLabel } from './normalize';
import { candidateAliases, readQuery } from './query';
import { buildSuggestionIndex, minimumScore, suggest } from './suggest';

function term(
  id: string,
  nameEn: string,
  nameZh: string,
  abbreviations: string[],
  synonyms: string[] = [],
  more: Partial<Term> = {},
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
    ...more,
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

describe('typoDistance', () => {
  it('counts a swap of neighbouring letters once, and gives up past its limit', () => {
    expect(typoDistance('asparate', 'aspartate')).toBe(1);
    expect(typoDistance('embyronic', 'embryonic')).toBe(1);
    expect(typoDistance('hemoglobin', 'glucose', 2)).toBe(3);
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (left, right) => {
        expect(typoDistance(left, right)).toBeLessThanOrEqual(editDistance(left, right));
        expect(typoDistance(left, right)).toBe(typoDistance(right, left));
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

describe('suggest: abbreviations, context, codes and reasons', () => {
  const lab = [
    term('tibc', 'Total iron binding capacity', '总铁结合力', [], [], { code: '2500-7' }),
    term('k', 'Potassium', '钾', ['K'], ['Serum potassium'], {
      code: '2823-3',
      specimen: 'Serum/Plasma',
      units: ['mmol/L'],
      property: 'SCnc',
    }),
    term('uk', 'Urine potassium', '尿钾', ['UK'], [], {
      specimen: 'Urine',
      units: ['mmol/L'],
      property: 'SCnc',
    }),
    term('hb', 'Hemoglobin', '血红蛋白', ['Hb', 'HGB'], [], {
      code: '718-7',
      specimen: 'Blood',
      units: ['g/L', 'g/dL'],
      property: 'MCnc',
    }),
    term('plt', 'Platelet count', '血小板计数', ['PLT'], [], {
      specimen: 'Blood',
      units: ['10^9/L'],
      property: 'NCnc',
    }),
    term('tp', 'Total protein', '总蛋白', ['TP'], [], {
      specimen: 'Serum/Plasma',
      units: ['g/L'],
      property: 'MCnc',
    }),
    term('u-prot', 'Urine protein', '尿蛋白', ['PRO'], ['Protein urine dipstick'], {
      specimen: 'Urine',
      property: 'PrThr',
    }),
    term('ast', 'Aspartate aminotransferase', '天冬氨酸氨基转移酶', ['AST']),
    term(
      'ldl-d',
      'Direct LDL cholesterol',
      '直接低密度脂蛋白胆固醇',
      ['dLDL'],
      ['Measured LDL cholesterol'],
    ),
    term('hb-mass', 'Hemoglobin mass', '', [], [], { code: '20509-6' }),
  ];
  const index = buildSuggestionIndex(lab);
  const top = (raw: string, context = {}) => suggest(index, raw, 5, context)[0];

  it('reads initials as an abbreviation', () => {
    expect(top('TIBC')).toMatchObject({
      termId: 'tibc',
      isExact: false,
      reason:
        'abbreviation of Total iron binding capacity (initials of "Total iron binding capacity")',
    });
  });

  it('matches words in any order, with the specimen as a word that steers', () => {
    expect(top('Potassium, Urine')).toMatchObject({ termId: 'uk', isExact: false });
    expect(top('Potassium, Urine')?.reason).toContain('same words in another order');
    expect(top('Cholesterol, LDL, Measured')?.termId).toBe('ldl-d');
  });

  it('lets a specimen from the context outrank an exact name of another specimen', () => {
    expect(top('Potassium')).toMatchObject({ termId: 'k', isExact: true, score: 1 });
    const inUrine = suggest(index, 'Potassium', 5, { specimen: 'Urine' });
    expect(inUrine[0]).toMatchObject({ termId: 'uk', isExact: false });
    expect(inUrine[0]?.reason).toContain('"urine" from the context');
    const serum = inUrine.find((suggestion) => suggestion.termId === 'k');
    expect(serum?.isExact).toBe(false);
    expect(serum?.score).toBeLessThan(1);
    expect(serum?.reason).toContain('specimen Urine does not fit Serum/Plasma');
  });

  it('weighs the unit, from the label or the context', () => {
    expect(top('Hb', { unit: 'g/dL' })).toMatchObject({
      termId: 'hb',
      score: 1,
      reason: 'exact abbreviation "Hb" of Hemoglobin; unit g/dL fits',
    });
    const counted = suggest(index, 'Hemoglobin (10^9/L)');
    expect(counted[0]).toMatchObject({ termId: 'hb', isExact: false });
    expect(counted[0]?.reason).toContain('unit 10^9/L does not fit (g/L, g/dL)');
    expect(top('Platelets (10^9/L)')?.reason).toContain('unit 10^9/L fits');
  });

  it('confirms a close reading with the abbreviation in brackets', () => {
    const found = top('Asparate Aminotransferase (AST)');
    expect(found?.termId).toBe('ast');
    expect(found?.reason).toContain('"AST" in brackets is its abbreviation');
  });

  it('takes an HL7 coded name by its code, or by its text', () => {
    expect(top('20509-6^Hemoglobin^LN')).toMatchObject({
      termId: 'hb-mass',
      isExact: true,
      reason: 'code 20509-6 (LOINC)',
    });
    expect(top('718-7^HGB^LN')).toMatchObject({ termId: 'hb', reason: 'code 718-7 (LOINC)' });
    expect(top('^HEMOGLOBIN^LN')).toMatchObject({ termId: 'hb', isExact: true });
  });
});

/** Generated dictionaries: a few shared words, so that names collide and differ slightly. */
const pool = ['serum', 'alpha', 'kinase', 'protein', 'total', 'free', 'iron', 'acid', 'urea'];
const name = fc
  .array(fc.constantFrom(...pool, 'glob', 'lin', 'mycin', 'ase'), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '));
const termSpec = fc.record({
  nameEn: name,
  abbreviations: fc.array(fc.stringMatching(/^[A-Z]{2,4}$/), { maxLength: 2 }),
  synonyms: fc.array(name, { maxLength: 2 }),
  isDeprecated: fc.boolean(),
});
const dictionary = fc.array(termSpec, { minLength: 1, maxLength: 12 }).map((specs) =>
  specs.map((spec, position) => ({
    ...term(`t${position}`, spec.nameEn, '', spec.abbreviations, spec.synonyms),
    status: spec.isDeprecated ? ('deprecated' as const) : ('active' as const),
  })),
);

describe('ranking over generated dictionaries', () => {
  it('ranks exact aliases first with score 1, and never suggests a deprecated term', () => {
    fc.assert(
      fc.property(dictionary, fc.nat(), fc.integer({ min: 1, max: 5 }), (terms, pick, limit) => {
        const index = buildSuggestionIndex(terms);
        const chosen = terms[pick % terms.length];
        if (!chosen) return;
        const raw = [chosen.nameEn, ...chosen.abbreviations, ...chosen.synonyms][pick % 3] ?? '';
        const results = suggest(index, raw, limit);
        const deprecated = new Set(terms.filter((t) => t.status !== 'active').map((t) => t.id));
        expect(results.filter((result) => deprecated.has(result.termId))).toEqual([]);
        const exactTerms = terms.filter(
          (t) =>
            t.status === 'active' &&
            [t.nameEn, ...t.abbreviations, ...t.synonyms].some(
              (a) => labelKey(a) === labelKey(raw),
            ),
        );
        if (exactTerms.length > 0) {
          expect(results[0]).toMatchObject({ score: 1, isExact: true });
          const firstFuzzy = results.findIndex((result) => !result.isExact);
          if (firstFuzzy >= 0)
            expect(results.slice(firstFuzzy).every((r) => !r.isExact)).toBe(true);
          if (exactTerms.length <= limit)
            for (const exact of exactTerms)
              expect(results.map((result) => result.termId)).toContain(exact.id);
        }
        results.forEach((result, position) => {
          expect(result.score).toBeGreaterThanOrEqual(minimumScore);
          expect(result.score).toBeLessThanOrEqual(1);
          expect(result.isExact || result.score < 1).toBe(true);
          if (position > 0)
            expect(result.score).toBeLessThanOrEqual(results[position - 1]?.score ?? 1);
        });
        expect(new Set(results.map((result) => result.termId)).size).toBe(results.length);
      }),
    );
  });

  it('finds every alias through the word prefilter, and a one-letter typo of it too', () => {
    fc.assert(
      fc.property(dictionary, fc.nat(), fc.nat(), (terms, pick, cut) => {
        const index = buildSuggestionIndex(terms);
        index.aliases.forEach((alias, id) => {
          if (alias.key === '' || (index.exact.get(alias.key)?.length ?? 0) > 10) return;
          expect(candidateAliases(index, readQuery(index, alias.key), null)).toContain(id);
        });
        const alias = index.aliases[pick % Math.max(1, index.aliases.length)];
        const long = alias?.words.find((word) => word.text.length >= 6);
        if (!alias || !long) return;
        const at = 1 + (cut % (long.text.length - 2));
        const typo = alias.key.replace(long.text, long.text.slice(0, at) + long.text.slice(at + 1));
        const sameKey = index.aliases.filter((other) => other.key === alias.key).length;
        if (sameKey > 10) return;
        expect(
          candidateAliases(index, readQuery(index, typo), null).map((id) => index.aliases[id]?.key),
        ).toContain(alias.key);
      }),
    );
  });

  it('learns: any learned synonym becomes an exact hit of its term', () => {
    fc.assert(
      fc.property(dictionary, fc.stringMatching(/^[A-Za-z][A-Za-z_ ]{2,15}$/), (terms, learned) => {
        const active = terms.find((t) => t.status === 'active');
        if (!active || labelKey(learned) === '') return;
        const taught = terms.map((t) =>
          t === active ? { ...t, learned: [{ text: learned, addedBy: 'u', addedAt: '' }] } : t,
        );
        const results = suggest(buildSuggestionIndex(taught), learned, 20);
        expect(results.find((result) => result.termId === active.id)).toMatchObject({
          score: 1,
          isExact: true,
        });
      }),
    );
  });
});
