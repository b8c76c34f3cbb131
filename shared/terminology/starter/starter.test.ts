import { describe, expect, it } from 'vitest';
import { aliasesOf, type StarterDictionary, type StarterTerm } from '../../model/terminology';
import { labelKey } from '../normalize';
import { findStarterDictionary, starterDictionaries } from './index';

/** LOINC's mod-10 check digit: double every other digit from the right, starting with the last. */
function loincCheckDigit(base: string): number {
  let sum = 0;
  const digits = [...base].reverse();
  digits.forEach((digit, position) => {
    let value = Number(digit);
    if (position % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  });
  return (10 - (sum % 10)) % 10;
}

function isValidLoinc(code: string): boolean {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match?.[1] || !match[2]) return false;
  return loincCheckDigit(match[1]) === Number(match[2]);
}

function dictionary(id: string): StarterDictionary {
  const found = findStarterDictionary(id);
  if (!found) throw new Error(`no starter dictionary "${id}"`);
  return found;
}

function term(dictionaryId: string, termId: string): StarterTerm {
  const found = dictionary(dictionaryId).terms.find((candidate) => candidate.id === termId);
  if (!found) throw new Error(`no term "${termId}" in "${dictionaryId}"`);
  return found;
}

const allTerms = starterDictionaries.flatMap((d) =>
  d.terms.map((t) => ({ dictionary: d, term: t })),
);
const cjk = /\p{Script=Han}/u;

/** Column names of MIMIC-III ADMISSIONS and PATIENTS that must stay unmatched by an alias. */
const mimicColumns = [
  'ROW_ID',
  'SUBJECT_ID',
  'HADM_ID',
  'ADMITTIME',
  'DISCHTIME',
  'DEATHTIME',
  'ADMISSION_TYPE',
  'ADMISSION_LOCATION',
  'DISCHARGE_LOCATION',
  'INSURANCE',
  'LANGUAGE',
  'RELIGION',
  'MARITAL_STATUS',
  'ETHNICITY',
  'EDREGTIME',
  'EDOUTTIME',
  'DIAGNOSIS',
  'HOSPITAL_EXPIRE_FLAG',
  'HAS_CHARTEVENTS_DATA',
  'DOD_HOSP',
  'DOD_SSN',
  'EXPIRE_FLAG',
];

describe('LOINC check digit', () => {
  it('agrees with known codes', () => {
    for (const code of ['718-7', '2345-7', '2160-0', '4548-4', '1742-6', '1920-8', '2951-2']) {
      expect(isValidLoinc(code), code).toBe(true);
    }
    expect(isValidLoinc('718-6')).toBe(false);
    expect(isValidLoinc('2345-1')).toBe(false);
    expect(isValidLoinc('2160')).toBe(false);
  });

  it('holds for every LOINC code in the starter dictionaries', () => {
    const bad = allTerms
      .filter(({ term: t }) => t.system === 'LOINC' && !isValidLoinc(t.code))
      .map(({ term: t }) => `${t.id} ${t.code}`);
    expect(bad).toEqual([]);
  });
});

describe('starter dictionaries', () => {
  it('ship the five domains in order', () => {
    expect(starterDictionaries.map((d) => d.id)).toEqual([
      'clinical-lab',
      'clinical-record',
      'finance',
      'manufacturing',
      'retail',
    ]);
    for (const d of starterDictionaries) {
      expect(findStarterDictionary(d.id)).toBe(d);
      expect(d.nameEn, d.id).not.toBe('');
      expect(d.nameZh, d.id).toMatch(cjk);
      expect(d.sourceNote.length, d.id).toBeGreaterThan(20);
      for (const t of d.terms) expect(t.domain, t.id).toBe(d.domain);
    }
    expect(findStarterDictionary('no-such-dictionary')).toBeUndefined();
  });

  it('have term ids unique across all dictionaries', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const { term: t } of allTerms) {
      if (seen.has(t.id)) duplicates.push(t.id);
      seen.add(t.id);
    }
    expect(duplicates).toEqual([]);
  });

  it('have codes unique within each dictionary', () => {
    for (const d of starterDictionaries) {
      const codes = d.terms.map((t) => `${t.system}|${t.code}`);
      const duplicates = codes.filter((code, index) => codes.indexOf(code) !== index);
      expect(duplicates, d.id).toEqual([]);
    }
  });

  it('give every term an English name, a Chinese name and at least one other alias', () => {
    const bad = allTerms
      .filter(
        ({ term: t }) =>
          t.nameEn.trim() === '' ||
          !cjk.test(t.nameZh) ||
          t.abbreviations.length + t.synonyms.length === 0 ||
          t.category.trim() === '' ||
          t.code.trim() === '' ||
          [...t.abbreviations, ...t.synonyms, ...t.units].some((text) => text.trim() === ''),
      )
      .map(({ term: t }) => t.id);
    expect(bad).toEqual([]);
  });

  it('give no alias to two terms of one dictionary', () => {
    for (const d of starterDictionaries) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const t of d.terms) {
        // labelKey folds case, width, separators and spacing, so this is stricter than a
        // case-insensitive, trimmed comparison.
        const keys = new Set(aliasesOf(t).map((alias) => labelKey(alias.text)));
        for (const key of keys) {
          const other = owner.get(key);
          if (other !== undefined && other !== t.id) clashes.push(`"${key}": ${other} / ${t.id}`);
          owner.set(key, t.id);
        }
      }
      expect(clashes, d.id).toEqual([]);
    }
  });
});

describe('clinical-lab dictionary', () => {
  it('is large enough', () => {
    expect(dictionary('clinical-lab').terms.length).toBeGreaterThanOrEqual(330);
  });

  it('uses LOINC with a property, a specimen and units for concentrations', () => {
    for (const t of dictionary('clinical-lab').terms) {
      expect(t.system, t.id).toBe('LOINC');
      expect(t.id, t.id).toMatch(/^lab\.[a-z0-9-]+$/);
      expect(t.property, t.id).toBeTruthy();
      expect(t.specimen, t.id).toBeTruthy();
      if (t.property?.endsWith('Cnc')) expect(t.units.length, t.id).toBeGreaterThan(0);
    }
  });

  it('keeps well-known codes', () => {
    const hemoglobin = term('clinical-lab', 'lab.hemoglobin');
    expect(hemoglobin.code).toBe('718-7');
    expect(hemoglobin.abbreviations).toContain('HGB');
    expect(hemoglobin.nameZh).toBe('血红蛋白');
    const known: [string, string][] = [
      ['lab.glucose', '2345-7'],
      ['lab.creatinine', '2160-0'],
      ['lab.sodium', '2951-2'],
      ['lab.potassium', '2823-3'],
      ['lab.platelets', '777-3'],
      ['lab.wbc', '6690-2'],
      ['lab.hba1c', '4548-4'],
      ['lab.alt', '1742-6'],
      ['lab.ast', '1920-8'],
    ];
    for (const [id, code] of known) expect(term('clinical-lab', id).code, id).toBe(code);
    expect(term('clinical-lab', 'lab.alt').abbreviations).toEqual(
      expect.arrayContaining(['ALT', 'GPT', '谷丙转氨酶']),
    );
  });
});

describe('clinical-record dictionary', () => {
  it('is large enough', () => {
    expect(dictionary('clinical-record').terms.length).toBeGreaterThanOrEqual(25);
  });

  it('keeps MIMIC-III column names out of its aliases, so mapping them stays a fuzzy match', () => {
    const forbidden = new Set(mimicColumns.map(labelKey));
    const found = dictionary('clinical-record').terms.flatMap((t) =>
      [...t.abbreviations, ...t.synonyms]
        .filter((text) => forbidden.has(labelKey(text)))
        .map((text) => `${t.id}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('keeps well-known codes', () => {
    const birthDate = dictionary('clinical-record').terms.find((t) => t.code === '21112-8');
    expect(birthDate?.system).toBe('LOINC');
    expect(birthDate?.abbreviations).toContain('DOB');
    expect(birthDate?.nameZh).toBe('出生日期');
    const sex = term('clinical-record', 'rec.sex');
    expect([sex.system, sex.code]).toEqual(['LOINC', '46098-0']);
    const diagnosis = term('clinical-record', 'rec.diagnosis');
    expect([diagnosis.nameEn, diagnosis.system, diagnosis.code]).toEqual([
      'Diagnosis',
      'LOINC',
      '29308-4',
    ]);
  });
});

describe('business dictionaries', () => {
  it.each(['finance', 'manufacturing', 'retail'])('%s has 15 to 25 local terms', (id) => {
    const d = dictionary(id);
    expect(d.terms.length).toBeGreaterThanOrEqual(15);
    expect(d.terms.length).toBeLessThanOrEqual(25);
    for (const t of d.terms) {
      expect(t.system, t.id).toBe('local');
      expect(t.code, t.id).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
    }
  });
});
