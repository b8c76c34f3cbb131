import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../ingest/block-rows';
import { BlockBuilder } from '../ingest/blocks';
import { detect, openStream } from '../ingest/open';
import type { FieldProfile } from '../ingest/profile';
import type { Term } from '../model/terminology';
import {
  columnNameContext,
  findSiblings,
  mostValues,
  splitQuantity,
  ValueContextCollector,
} from './observed-context';
import { starterDictionaries } from './starter';
import { buildSuggestionIndex, suggest } from './suggest';

/** A fixture as the app stores it: the column names and the rows under them. */
async function stored(path: string): Promise<{ fields: string[]; rows: string[][] }> {
  const bytes = new Uint8Array(readFileSync(path));
  const { settings } = await detect(basename(path), bytes);
  const builder = new BlockBuilder();
  const rows: string[][] = [];
  for await (const item of openStream(basename(path), bytes, settings)) {
    const block = builder.add(item);
    if (block) rows.push(...rowsOf(block));
  }
  const last = builder.flush();
  if (last) rows.push(...rowsOf(last));
  return { fields: builder.fieldNames, rows };
}

async function contextsOf(path: string, column: string) {
  const { fields, rows } = await stored(path);
  const at = fields.indexOf(column);
  const collector = new ValueContextCollector(column, at, findSiblings(fields, at));
  for (const row of rows) collector.add(row);
  return collector.contexts();
}

const named = (fields: string[], siblings: Record<string, number | null>) =>
  Object.fromEntries(
    Object.entries(siblings).map(([role, at]) => [role, at === null ? null : fields[at]]),
  );

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

describe('findSiblings', () => {
  it('finds the unit, result, specimen and category beside a test-name column in real exports', async () => {
    const hl7 = await stored('test/fixtures/records/hl7v2/LAB-ORU-2.hl7');
    expect(named(hl7.fields, findSiblings(hl7.fields, hl7.fields.indexOf('OBX-3.2')))).toEqual({
      unit: 'OBX-6.1',
      value: 'OBX-5',
      specimen: null,
      category: null,
    });
    const chinese = await stored('test/fixtures/records/encodings/lab-gb18030.csv');
    expect(named(chinese.fields, findSiblings(chinese.fields, 3))).toEqual({
      unit: '单位',
      value: '结果',
      specimen: null,
      category: null,
    });
    const mimic = await stored('test/fixtures/terminology/mimic-iii-demo/D_LABITEMS.csv');
    expect(named(mimic.fields, findSiblings(mimic.fields, 2))).toEqual({
      unit: null,
      value: null,
      specimen: 'FLUID',
      category: 'CATEGORY',
    });
    const json = await stored('test/fixtures/records/json/lab-results.ndjson');
    expect(named(json.fields, findSiblings(json.fields, json.fields.indexOf('test')))).toEqual({
      unit: 'unit',
      value: 'value',
      specimen: null,
      category: null,
    });
  });

  it('knows a column by the term it is mapped to before its own name', () => {
    const fields = ['项目', 'DW', 'JG', 'unit'];
    expect(findSiblings(fields, 0, [undefined, 'Result unit', 'Result value', undefined])).toEqual({
      unit: 1,
      value: 2,
      specimen: null,
      category: null,
    });
    expect(findSiblings(fields, 0)).toEqual({
      unit: 3,
      value: null,
      specimen: null,
      category: null,
    });
  });

  it('never names the column itself, nor one column for two roles', () => {
    const names = [
      'unit',
      'units',
      'value',
      'result',
      'specimen',
      'fluid',
      'category',
      'x',
      '单位',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (fields, pick) => {
          const column = pick % fields.length;
          const found = Object.values(findSiblings(fields, column)).filter((at) => at !== null);
          expect(found).not.toContain(column);
          expect(new Set(found).size).toBe(found.length);
        },
      ),
    );
  });
});

describe('splitQuantity', () => {
  it('reads a result written with its unit', () => {
    expect(splitQuantity('13.4 g/L')).toEqual({ number: '13.4', unit: 'g/L' });
    expect(splitQuantity('<5 mmol/L')).toEqual({ number: '<5', unit: 'mmol/L' });
    expect(splitQuantity('72%')).toEqual({ number: '72', unit: '%' });
    expect(splitQuantity('4,1 10*9/L')).toEqual({ number: '4.1', unit: '10*9/L' });
    expect(splitQuantity('135')).toBeNull();
    expect(splitQuantity('2 tablets')).toBeNull();
    expect(splitQuantity('Negative')).toBeNull();
  });

  it('splits any number followed by a unit back into the two', () => {
    const units = ['g/L', 'mg/dL', 'mmol/L', '%', '10^9/L', 'U/L', 'fL', 'pg', 'mmHg'];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(...units),
        fc.constantFrom('', ' ', '  '),
        (value, unit, space) => {
          // "010^9/L" is ambiguous to a person too: a unit starting with a digit needs a space.
          if (/^\d/.test(unit) && space === '') return;
          const number = String(Math.round(value * 100) / 100);
          expect(splitQuantity(`${number}${space}${unit}`)).toEqual({ number, unit });
        },
      ),
    );
  });
});

describe('ValueContextCollector', () => {
  it('keeps the unit and results of each test name in a Chinese export', async () => {
    const contexts = await contextsOf(
      'test/fixtures/records/encodings/lab-gb18030.csv',
      '检验项目',
    );
    expect(contexts.get('血红蛋白')).toEqual({
      column: '检验项目',
      unit: 'g/L',
      values: ['135', '118'],
    });
    expect(contexts.get('谷丙转氨酶, ALT')).toEqual({
      column: '检验项目',
      unit: 'U/L',
      values: ['32'],
    });
  });

  it('keeps, per value, the most frequent unit and only results from its own rows', () => {
    const row = fc.tuple(
      fc.constantFrom('HGB', 'NEUT', ' ', ''),
      fc.constantFrom('g/L', '%', '', '10*9/L'),
      fc.oneof(fc.constantFrom('', 'n/a'), fc.nat({ max: 500 }).map(String)),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
        const collector = new ValueContextCollector('TEST', 0, {
          unit: 1,
          value: 2,
          specimen: null,
          category: null,
        });
        for (const cells of rows) collector.add(cells);
        const contexts = collector.contexts();
        const names = new Set(rows.map(([name]) => name).filter((name) => name.trim() !== ''));
        expect(new Set(contexts.keys())).toEqual(names);
        for (const [name, context] of contexts) {
          const own = rows.filter(([raw]) => raw === name);
          const results = own.map(([, , value]) => value).filter((value) => value !== '');
          expect(context.values ?? []).toEqual(results.slice(0, mostValues));
          const counts = new Map<string, number>();
          for (const [, unit] of own)
            if (unit !== '') counts.set(unit, (counts.get(unit) ?? 0) + 1);
          if (counts.size === 0) expect(context.unit).toBeUndefined();
          else expect(counts.get(context.unit ?? '')).toBe(Math.max(...counts.values()));
        }
      }),
    );
  });
});

describe('context from the rows changes the ranking', () => {
  it('reads NEUT as an absolute count where the unit column says 10*9/L, as a percentage where it says %', async () => {
    const folder = 'test/fixtures/terminology/source-systems';
    const lisA = await contextsOf(`${folder}/lis-a-week1.hl7`, 'OBX-3.1');
    const lisB = await contextsOf(`${folder}/lis-b.hl7`, 'OBX-3.1');
    expect(suggest(index, 'NEUT')[0]?.termId).toBe('lab.neutrophils-pct');
    const absolute = suggest(index, 'NEUT', 5, lisA.get('NEUT'))[0];
    expect(absolute?.termId).toBe('lab.neutrophils-abs');
    expect(absolute?.reason).toContain('unit 10*9/L fits');
    expect(suggest(index, 'NEUT', 5, lisB.get('NEUT'))[0]).toMatchObject({
      termId: 'lab.neutrophils-pct',
      reason: expect.stringContaining('unit % fits') as unknown,
    });
    // The same code with a unit that rules the suggestion down.
    expect(suggest(index, 'HGB-7', 5, lisB.get('HGB-7'))[0]?.reason).toContain(
      'unit % does not fit (g/L, g/dL)',
    );
    expect(suggest(index, 'HGB-7', 5, lisA.get('HGB-7'))[0]?.reason).toContain('unit g/L fits');
  });

  it('reads MIMIC-III labels by the fluid beside them', async () => {
    const contexts = await contextsOf(
      'test/fixtures/terminology/mimic-iii-demo/D_LABITEMS.csv',
      'LABEL',
    );
    const changes: [string, string, string][] = [
      ['Bilirubin', 'lab.bilirubin-total', 'lab.urine-bilirubin'],
      ['Blood, Occult', 'lab.urine-blood', 'lab.fecal-occult-blood'],
      ['Protein', 'lab.total-protein', 'lab.urine-protein'],
    ];
    for (const [label, alone, beside] of changes) {
      expect(suggest(index, label)[0]?.termId, label).toBe(alone);
      expect(suggest(index, label, 5, contexts.get(label))[0]?.termId, label).toBe(beside);
    }
  });
});

describe('columnNameContext', () => {
  const profile = (values: string[], type: FieldProfile['type'] = 'text'): FieldProfile => ({
    field: 'x',
    type,
    emptyCount: 0,
    emptyRate: 0,
    distinctCount: values.length,
    isDistinctCapped: false,
    topValues: values.map((value) => ({ value, count: 1 })),
  });

  it('takes the unit written after the values, and the values as numbers', () => {
    const context = columnNameContext(profile(['13.4 g/L', '12.1 g/L', '14 g/L', '']));
    expect(context).toEqual({ values: ['13.4', '12.1', '14'], unit: 'g/L' });
    expect(suggest(index, 'HB', 5, context)[0]?.reason).toContain('unit g/L fits');
    expect(columnNameContext(profile(['1', '2', '3'], 'integer'))).toEqual({
      values: ['1', '2', '3'],
    });
  });

  it('says nothing about dates, empty columns or a missing profile', () => {
    expect(columnNameContext(profile(['2024-03-01'], 'date'))).toEqual({});
    expect(columnNameContext(profile([], 'empty'))).toEqual({});
    expect(columnNameContext(undefined)).toEqual({});
  });
});
