import { describe, expect, it } from 'vitest';
import type { Term } from '../model/terminology';
import { starterDictionaries } from './starter';
import { buildSuggestionIndex, suggest } from './suggest';

const terms: Term[] = starterDictionaries.flatMap((dictionary) =>
  dictionary.terms.map((term) => ({
    ...term,
    dictionaryId: dictionary.id,
    status: 'active' as const,
    learned: [],
    updatedAt: '',
  })),
);
const index = buildSuggestionIndex(terms);
const topOf = (raw: string) => suggest(index, raw)[0];

describe('suggestions over the shipped dictionaries', () => {
  it('maps the many spellings of one lab test to one term', () => {
    for (const raw of ['Hemoglobin', 'Hb', 'HGB', '血红蛋白', 'hemoglobn', 'Haemoglobin (g/L)']) {
      expect(topOf(raw)?.termId, raw).toBe('lab.hemoglobin');
    }
    expect(topOf('ALT')?.termId).toBe('lab.alt');
    expect(topOf('谷丙转氨酶')?.termId).toBe('lab.alt');
  });

  it('maps MIMIC-III export headers: exact ones certainly, close ones for a person to confirm', () => {
    expect(topOf('DIAGNOSIS')).toMatchObject({ termId: 'rec.diagnosis', isExact: true, score: 1 });
    expect(topOf('GENDER')).toMatchObject({ termId: 'rec.sex', isExact: true });
    expect(topOf('DOB')).toMatchObject({ termId: 'rec.birth-date', isExact: true });
    const admitted = topOf('ADMITTIME');
    expect(admitted).toMatchObject({ termId: 'rec.admit-time', isExact: false });
    expect(admitted?.reason).toBe('synonym "Admit time" of Admission date/time, 1 edit');
  });

  it('folds traditional Chinese, width, word order and a trailing unit', () => {
    expect(topOf('血紅蛋白')).toMatchObject({ termId: 'lab.hemoglobin', isExact: true });
    expect(topOf('總膽紅素')).toMatchObject({ termId: 'lab.bilirubin-total', isExact: true });
    expect(topOf('ＡＬＴ（U/L）')).toMatchObject({ termId: 'lab.alt', isExact: true });
    expect(topOf('Bilirubin, Total')?.termId).toBe('lab.bilirubin-total');
    expect(topOf('谷丙转氨酶, ALT')?.termId).toBe('lab.alt');
    expect(topOf('NEUTROPHILS/100 LEUKOCYTES')?.termId).toBe('lab.neutrophils-pct');
  });

  it('lets the specimen, the unit and the values steer between close terms', () => {
    const inUrine = (raw: string) => suggest(index, raw, 5, { specimen: 'Urine' })[0]?.termId;
    expect(inUrine('pH')).toBe('lab.urine-ph');
    expect(inUrine('WBC')).toBe('lab.urine-wbc');
    expect(inUrine('Bilirubin')).toBe('lab.urine-bilirubin');
    expect(suggest(index, 'Neutrophils', 5, { unit: '10^9/L' })[0]?.termId).toBe(
      'lab.neutrophils-abs',
    );
    expect(suggest(index, 'Neutrophils', 5, { unit: '%' })[0]?.termId).toBe('lab.neutrophils-pct');
    const numbers = suggest(index, 'Protein', 5, { values: ['65', '72.5', '80'] });
    expect(numbers[0]?.termId).toBe('lab.total-protein');
    expect(numbers.find((found) => found.termId === 'lab.urine-protein')?.reason).toContain(
      'values are numbers',
    );
  });

  it('offers nothing rather than noise for names no term resembles', () => {
    expect(suggest(index, 'SUBJECT_ID')).toEqual([]);
    expect(suggest(index, 'HAS_CHARTEVENTS_DATA')).toEqual([]);
  });
});
