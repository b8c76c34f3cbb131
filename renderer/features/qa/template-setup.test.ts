import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../shared/ingest/delimited';
import { decodeText } from '../../../shared/ingest/encoding';
import { expandTemplate, type NormalizedRecord } from '../../../shared/qa/template-expand';
import { parseTemplate, templateErrors } from '../../../shared/qa/template-parse';
import { starterDictionaries } from '../../../shared/terminology/starter';
import {
  aboutTerm,
  candidateTerms,
  guessLayout,
  placeholderNames,
  vocabularyFor,
} from './template-setup';

const terms = starterDictionaries.flatMap((dictionary) =>
  dictionary.domain.startsWith('clinical') ? dictionary.terms : [],
);

/** A delimited fixture's rows by column name, as loadNormalizedRecords gives them unmapped. */
function rowsOf(
  path: string,
  encoding: 'gb18030' | 'utf-8',
): { fields: string[]; records: NormalizedRecord[] } {
  const fileName = path.split('/').at(-1)!;
  const text = decodeText(fileName, new Uint8Array(readFileSync(path)), encoding);
  let fields: string[] = [];
  const records: NormalizedRecord[] = [];
  for (const item of parseDelimited(text, { fileName, mode: 'strict', delimiter: ',' })) {
    if (item.kind === 'fields') fields = item.fields;
    if (item.kind !== 'row') continue;
    records.push({
      sourceId: 's',
      sourceName: fileName,
      row: records.length,
      line: item.origin.line ?? 0,
      fields: Object.fromEntries(fields.map((field, index) => [field, item.values[index] ?? ''])),
    });
  }
  return { fields, records };
}

describe('a long-format lab export (lab-gb18030.csv, test names unmapped)', () => {
  const { fields, records } = rowsOf('test/fixtures/records/encodings/lab-gb18030.csv', 'gb18030');

  it('is recognised as long, with its test, result and unit columns', () => {
    expect(guessLayout(fields, records, terms)).toEqual({
      kind: 'long',
      testField: '检验项目',
      valueField: '结果',
      unitField: '单位',
    });
  });

  it('offers the tests it holds, and expands a Chinese template about the one named', () => {
    const layout = guessLayout(fields, records, terms);
    const candidates = candidateTerms(terms, fields, records, layout);
    expect(candidates.map((term) => term.nameEn)).toEqual(
      expect.arrayContaining(['Hemoglobin', 'White blood cell count']),
    );
    const template = {
      question: '{性别}性患者{血红蛋白}为{value}{unit}，是否贫血？',
      answer: '参考范围{参考范围}。',
    };
    const about = aboutTerm(template, candidates);
    expect(about?.nameEn).toBe('Hemoglobin');
    const vocabulary = vocabularyFor(fields, about, template);
    expect(templateErrors(template, vocabulary)).toEqual([]);
    const { drafts } = expandTemplate(
      { id: 't', parsed: parseTemplate(template, vocabulary) },
      records,
      layout,
    );
    expect(drafts.map((draft) => draft.question)).toEqual([
      '男性患者血红蛋白为135g/L，是否贫血？',
      '女性患者血红蛋白为118g/L，是否贫血？',
    ]);
  });
});

describe('a wide export (PATIENTS.csv, headers mapped to canonical names)', () => {
  it('offers no term to be about: sex and dates are fields, not measurements', () => {
    const { records } = rowsOf('test/fixtures/records/mimic-iii-demo/PATIENTS.csv', 'utf-8');
    const fields = ['ROW_ID', 'SUBJECT_ID', 'Sex', 'Birth date', 'DOD'];
    const layout = guessLayout(fields, records, terms);
    expect(layout).toEqual({ kind: 'wide' });
    expect(candidateTerms(terms, fields, records, layout)).toEqual([]);
    const withAge = [...fields, 'Age'];
    expect(candidateTerms(terms, withAge, records, layout).map((term) => term.nameEn)).toEqual([
      'Age',
    ]);
  });
});

describe('aboutTerm', () => {
  const age = { nameEn: 'Age', nameZh: '年龄', units: ['years'] };
  const hemoglobin = { nameEn: 'Hemoglobin', nameZh: '血红蛋白', units: ['g/L'] };

  it('takes the term named last before {value}, so a second measured column stays a field', () => {
    const template = {
      question: '患者{Age}岁，{Hemoglobin}为{value}{unit}，是否贫血？',
      answer: '',
    };
    expect(aboutTerm(template, [age, hemoglobin])).toBe(hemoglobin);
    const vocabulary = vocabularyFor(
      ['Age', 'Hemoglobin', 'Hemoglobin unit'],
      hemoglobin,
      template,
    );
    expect(vocabulary).toEqual({
      fields: ['Age', 'Hemoglobin unit'],
      terms: [{ name: 'Hemoglobin', label: '血红蛋白' }],
    });
    expect(parseTemplate(template, vocabulary).fields).toEqual(['Age']);
  });

  it('labels the term in English for an English template, and finds none when none is named', () => {
    const template = { question: 'Is a {Hemoglobin} of {value} low?', answer: 'See {{range}}.' };
    expect(vocabularyFor([], hemoglobin, template).terms).toEqual([
      { name: 'Hemoglobin', label: 'Hemoglobin' },
    ]);
    expect(aboutTerm({ question: '{Age}?', answer: '' }, [hemoglobin])).toBeNull();
    expect(placeholderNames(template.answer)).toEqual([]);
  });
});
