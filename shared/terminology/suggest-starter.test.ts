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

  it('offers nothing rather than noise for names no term resembles', () => {
    expect(suggest(index, 'SUBJECT_ID')).toEqual([]);
    expect(suggest(index, 'HAS_CHARTEVENTS_DATA')).toEqual([]);
  });
});
