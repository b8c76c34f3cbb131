import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../ingest/delimited';
import { decodeText } from '../ingest/encoding';
import { starterDictionaries } from '../terminology/starter';
import { expandTemplate, layoutProblems, type NormalizedRecord } from './template-expand';
import { parseTemplate, type TemplateVocabulary } from './template-parse';

/**
 * Exact names, abbreviations and synonyms of the clinical starter dictionaries (the ones a
 * clinical project picks): a stand-in for the mapping step.
 */
const starterTerms = starterDictionaries
  .filter((dictionary) => dictionary.domain.startsWith('clinical'))
  .flatMap((dictionary) => dictionary.terms);
function canonical(raw: string): string | null {
  const term = starterTerms.find((candidate) =>
    [
      candidate.nameEn,
      candidate.nameZh,
      ...candidate.abbreviations,
      ...candidate.synonyms,
    ].includes(raw),
  );
  return term?.nameEn ?? null;
}
function labelOf(name: string): string {
  return starterTerms.find((term) => term.nameEn === name)?.nameZh ?? name;
}

/**
 * test/fixtures/records/encodings/lab-gb18030.csv, read with the import's own decoder and CSV
 * parser, its mapped headers renamed and its test names (检验项目) replaced by canonical names, as
 * the normalized view does.
 */
function normalizedLabRows(): NormalizedRecord[] {
  const fileName = 'lab-gb18030.csv';
  const bytes = readFileSync(`test/fixtures/records/encodings/${fileName}`);
  const text = decodeText(fileName, new Uint8Array(bytes), 'gb18030');
  let fields: string[] = [];
  const records: NormalizedRecord[] = [];
  for (const item of parseDelimited(text, { fileName, mode: 'strict', delimiter: ',' })) {
    if (item.kind === 'fields') fields = item.fields.map((field) => canonical(field) ?? field);
    if (item.kind !== 'row') continue;
    const values = Object.fromEntries(
      fields.map((field, index) => [field, item.values[index] ?? '']),
    );
    values['检验项目'] = canonical(values['检验项目'] ?? '') ?? values['检验项目'] ?? '';
    records.push({
      sourceId: 'src-gb18030',
      sourceName: fileName,
      row: records.length,
      line: item.origin.line ?? 0,
      fields: values,
    });
  }
  return records;
}

const labLayout = {
  kind: 'long',
  testField: '检验项目',
  valueField: '结果',
  unitField: '单位',
} as const;

describe('expandTemplate over long-format lab rows (a real GB18030 export)', () => {
  const records = normalizedLabRows();
  const vocabulary: TemplateVocabulary = {
    fields: Object.keys(records[0]!.fields),
    terms: ['Hemoglobin', 'Glucose'].map((name) => ({ name, label: labelOf(name) })),
  };

  it('normalizes the fixture as expected before expanding', () => {
    expect(records).toHaveLength(5);
    expect(records[0]!.fields).toMatchObject({ Sex: '男', 检验项目: 'Hemoglobin', 结果: '135' });
    expect(records[3]!.fields['检验项目']).toBe('谷丙转氨酶, ALT');
  });

  it('drafts one pair per hemoglobin row, marked generated, citing the fields used', () => {
    const parsed = parseTemplate(
      {
        question: '{Sex}性患者，{Hemoglobin}为{value}{unit}，参考范围{参考范围}，是否正常？',
        answer: '{血红蛋白}{value}{unit}，在参考范围{参考范围}内。',
      },
      vocabulary,
    );
    const expansion = expandTemplate(
      { id: 'tpl-hb', parsed, tags: { topic: '贫血', free: ['血常规'] } },
      records,
      labLayout,
    );
    expect(expansion.unmatched).toBe(3);
    expect(expansion.skipped).toEqual([]);
    expect(expansion.drafts).toEqual([
      {
        question: '男性患者，血红蛋白为135g/L，参考范围130-175，是否正常？',
        answer: '血红蛋白135g/L，在参考范围130-175内。',
        evidence: [
          {
            kind: 'record',
            sourceId: 'src-gb18030',
            sourceName: 'lab-gb18030.csv',
            row: 0,
            line: 2,
            fields: {
              Sex: '男',
              参考范围: '130-175',
              检验项目: 'Hemoglobin',
              结果: '135',
              单位: 'g/L',
            },
          },
        ],
        tags: { topic: '贫血', free: ['血常规'] },
        origin: 'generated',
        templateId: 'tpl-hb',
      },
      expect.objectContaining({
        question: '女性患者，血红蛋白为118g/L，参考范围115-150，是否正常？',
        evidence: [expect.objectContaining({ row: 2, line: 4 })],
      }),
    ]);
  });

  it('skips rows with a missing value and says which field and row', () => {
    const withGaps = records.map((record, index) =>
      index === 2 ? { ...record, fields: { ...record.fields, 结果: ' ' } } : record,
    );
    const parsed = parseTemplate(
      { question: '{Hemoglobin}为{value}{unit}？', answer: '-' },
      vocabulary,
    );
    const expansion = expandTemplate({ id: 't', parsed }, withGaps, labLayout);
    expect(expansion.drafts.map((draft) => draft.question)).toEqual(['血红蛋白为135g/L？']);
    expect(expansion.skipped).toEqual([
      {
        sourceName: 'lab-gb18030.csv',
        row: 2,
        line: 4,
        reason: 'the value of Hemoglobin: "结果" is empty.',
      },
    ]);
  });
});

describe('expandTemplate over wide records', () => {
  const base = { sourceId: 'src-visits', sourceName: 'visits.csv' };
  const records: NormalizedRecord[] = [
    { ...base, row: 0, line: 2, fields: { Age: '67', Hemoglobin: '98', 'Hb unit': 'g/L' } },
    { ...base, row: 1, line: 3, fields: { Age: '', Hemoglobin: '121', 'Hb unit': 'g/L' } },
    { ...base, row: 2, line: 4, fields: { Age: '54', Hemoglobin: '', 'Hb unit': 'g/L' } },
    { ...base, row: 3, line: 5, fields: { Age: '45', Hemoglobin: '13.2', 'Hb unit': '' } },
    { ...base, row: 4, line: 6, fields: { Age: '80', Glucose: '5.6' } },
  ];
  const vocabulary: TemplateVocabulary = {
    fields: ['Age', 'Hemoglobin', 'Hb unit'],
    terms: [{ name: 'Hemoglobin', label: '血红蛋白' }],
  };
  const parsed = parseTemplate(
    {
      question: '患者{Age}岁，{Hemoglobin}为{value}{unit}，是否贫血？',
      answer: '请结合性别判断。',
    },
    vocabulary,
  );

  it('fills from the term’s field and its unit field, skipping records with gaps', () => {
    const expansion = expandTemplate({ id: 't', parsed }, records, {
      kind: 'wide',
      unitFields: { Hemoglobin: 'Hb unit' },
    });
    expect(expansion.drafts.map((draft) => draft.question)).toEqual([
      '患者67岁，血红蛋白为98g/L，是否贫血？',
    ]);
    expect(expansion.drafts[0]!.evidence[0]).toMatchObject({
      fields: { Age: '67', Hemoglobin: '98', 'Hb unit': 'g/L' },
    });
    expect(expansion.skipped.map((skip) => [skip.line, skip.reason])).toEqual([
      [3, '{Age}: "Age" is empty.'],
      [4, 'the value of Hemoglobin: "Hemoglobin" is empty.'],
      [5, 'the unit of Hemoglobin: "Hb unit" is empty.'],
    ]);
    expect(expansion.unmatched).toBe(1);
  });

  it('refuses to print a unit nobody recorded rather than guessing one', () => {
    expect(layoutProblems(parsed, { kind: 'wide' })).toEqual([
      'The template uses {unit}, but no field holds the unit of Hemoglobin.',
    ]);
    expect(() => expandTemplate({ id: 't', parsed }, records, { kind: 'wide' })).toThrow(
      RangeError,
    );
  });

  it('expands a fields-only template over every record, reporting absent fields', () => {
    const fieldsOnly = parseTemplate(
      { question: '{Age}岁患者的年龄是多少？', answer: '{Age}岁。' },
      vocabulary,
    );
    const expansion = expandTemplate({ id: 'age', parsed: fieldsOnly }, records, { kind: 'wide' });
    expect(expansion.drafts.map((draft) => draft.answer)).toEqual([
      '67岁。',
      '54岁。',
      '45岁。',
      '80岁。',
    ]);
    expect(expansion.skipped.map((skip) => skip.reason)).toEqual(['{Age}: "Age" is empty.']);
    const missing = expandTemplate(
      { id: 'age', parsed: fieldsOnly },
      [{ ...base, row: 9, line: 11, fields: { Sex: 'F' } }],
      { kind: 'wide' },
    );
    expect(missing.skipped[0]!.reason).toBe('{Age}: the record has no field "Age".');
  });
});
