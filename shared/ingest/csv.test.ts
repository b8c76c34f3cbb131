import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { IngestError } from './errors';
import { decodeUtf8 } from './text';

const admissionsPath = 'test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv';

function failureOf(run: () => unknown): IngestError {
  try {
    run();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected an IngestError');
}

describe('parseCsv on the MIMIC-III demo ADMISSIONS export', () => {
  const bytes = new Uint8Array(readFileSync(admissionsPath));
  const table = parseCsv('ADMISSIONS.csv', decodeUtf8('ADMISSIONS.csv', bytes));

  it('reads the 19 columns and 129 admissions a reader can count in the file', () => {
    expect(table.fields).toHaveLength(19);
    expect(table.fields.slice(0, 4)).toEqual(['ROW_ID', 'SUBJECT_ID', 'HADM_ID', 'ADMITTIME']);
    expect(table.fields.at(-3)).toBe('DIAGNOSIS');
    expect(table.rows).toHaveLength(129);
  });

  it('keeps each row with the line it starts on and its values', () => {
    const first = table.rows[0];
    expect(first?.line).toBe(2);
    expect(first?.values[1]).toBe('10006');
    expect(first?.values[16]).toBe('SEPSIS');
    expect(table.rows.at(-1)?.line).toBe(130);
  });
});

describe('parseCsv errors name the file and line', () => {
  it('reports an unterminated quote at the line where the field opens', () => {
    const error = failureOf(() => parseCsv('bad.csv', 'a,b\n1,2\n3,"open\n4,5\n'));
    expect(error.fileName).toBe('bad.csv');
    expect(error.line).toBe(3);
    expect(error.message).toContain('unterminated quote');
  });

  it('reports a row with the wrong number of fields', () => {
    const error = failureOf(() => parseCsv('short.csv', 'a,b,c\n1,2,3\n4,5\n'));
    expect(error.message).toBe('short.csv, line 3: has 2 fields but the header has 3');
  });

  it('reports duplicate and empty column names on line 1', () => {
    expect(failureOf(() => parseCsv('dup.csv', 'a,a\n1,2\n')).message).toContain(
      '"a" appears twice',
    );
    expect(failureOf(() => parseCsv('gap.csv', 'a,,c\n1,2,3\n')).line).toBe(1);
  });

  it('refuses an empty file and binary junk named .csv', () => {
    expect(failureOf(() => decodeUtf8('empty.csv', new Uint8Array())).message).toBe(
      'empty.csv: the file is empty',
    );
    const junk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    const error = failureOf(() => decodeUtf8('photo.csv', junk));
    expect(error.line).toBe(2);
    expect(error.message).toContain('not a text file');
  });

  it('refuses invalid UTF-8 with the line it is on', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n'), 0xc3, 0x28, 0x0a]);
    const error = failureOf(() => decodeUtf8('latin.csv', bytes));
    expect(error.line).toBe(3);
    expect(error.message).toContain('not valid UTF-8');
  });

  it('strips a UTF-8 byte order mark from the first header', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('名称,值\n血红蛋白,135\n'),
    ]);
    expect(parseCsv('bom.csv', decodeUtf8('bom.csv', bytes)).fields).toEqual(['名称', '值']);
  });
});

describe('parseCsv properties', () => {
  const cell = fc.string({
    unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '血', '1'),
  });
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.tuple(
      fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/), {
        minLength: width,
        maxLength: width,
      }),
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 20 }),
    ),
  );

  it('round-trips any table that Papa Parse writes, with the line each row starts on', () => {
    fc.assert(
      fc.property(table, ([fields, rows]) => {
        const nonBlank = rows.filter((row) => row.some((value) => value.trim() !== ''));
        const text = Papa.unparse({ fields, data: nonBlank }, { quotes: true, newline: '\n' });
        const parsed = parseCsv('p.csv', text);
        expect(parsed.fields).toEqual(fields);
        expect(parsed.rows.map((row) => row.values)).toEqual(nonBlank);
        let line = 2;
        parsed.rows.forEach((row, index) => {
          expect(row.line).toBe(line);
          line += (nonBlank[index] ?? []).join('').split('\n').length;
        });
      }),
      { numRuns: 200 },
    );
  });
});
