import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collect } from './collect';
import { parseDelimited, detectDelimiter } from './delimited';
import { decodeText, detectEncoding } from './encoding';
import type { ImportMode } from './types';
import { asyncFailureOf as failureOf } from './test-support';

const admissionsPath = 'test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv';

function read(text: string, mode: ImportMode = 'strict', fileName = 'test.csv') {
  return collect(
    parseDelimited(text, { fileName, mode, delimiter: detectDelimiter(text, fileName) }),
  );
}

describe('the MIMIC-III demo ADMISSIONS export', () => {
  const bytes = new Uint8Array(readFileSync(admissionsPath));

  it('is detected as UTF-8, comma-separated', () => {
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', evidence: 'valid-utf8' });
    expect(detectDelimiter(decodeText('ADMISSIONS.csv', bytes, 'utf-8'))).toBe(',');
  });

  it('reads the 19 columns and 129 admissions a reader can count in the file, with their lines', async () => {
    const table = await read(decodeText('ADMISSIONS.csv', bytes, 'utf-8'));
    expect(table.fields).toHaveLength(19);
    expect(table.fields.slice(0, 4)).toEqual(['ROW_ID', 'SUBJECT_ID', 'HADM_ID', 'ADMITTIME']);
    expect(table.fields.at(-3)).toBe('DIAGNOSIS');
    expect(table.rows).toHaveLength(129);
    expect(table.rows[0]).toMatchObject({ origin: { line: 2 } });
    expect(table.rows[0]?.values[16]).toBe('SEPSIS');
    expect(table.rows.at(-1)?.origin.line).toBe(130);
  });
});

describe('errors name the file and line', () => {
  it('an unterminated quote, at the line where the field opens', async () => {
    const error = await failureOf(() => read('a,b\n1,2\n3,"open\n4,5\n', 'strict', 'bad.csv'));
    expect(error.message).toBe(
      'bad.csv, line 3: a quoted field is never closed (unterminated quote)',
    );
  });

  it('a row with the wrong number of fields', async () => {
    const error = await failureOf(() => read('a,b,c\n1,2,3\n4,5\n', 'strict', 'short.csv'));
    expect(error.message).toBe('short.csv, line 3: has 2 fields but the header has 3');
  });

  it('duplicate and empty column names, on line 1', async () => {
    expect((await failureOf(() => read('a,a\n1,2\n'))).message).toContain('"a" appears twice');
    expect((await failureOf(() => read('a,,c\n1,2,3\n'))).line).toBe(1);
  });

  it('an empty file, binary junk named .csv, and invalid UTF-8', () => {
    expect(() => decodeText('empty.csv', new Uint8Array(), 'utf-8')).toThrow(
      'empty.csv: the file is empty',
    );
    const junk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    expect(() => decodeText('photo.csv', junk, 'utf-8')).toThrow(
      'photo.csv, line 2: contains binary data',
    );
    const latin = new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n'), 0xc3, 0x28, 0x0a]);
    expect(() => decodeText('latin.csv', latin, 'utf-8')).toThrow(
      'latin.csv, line 3: is not valid UTF-8 text',
    );
  });
});

describe('lenient mode', () => {
  it('skips bad rows with their reasons and keeps the rest', async () => {
    const table = await read('a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n', 'lenient');
    expect(table.rows.map((row) => row.values)).toEqual([
      ['1', '2'],
      ['4', '5'],
      ['9', '10'],
    ]);
    expect(table.skipped).toEqual([
      { origin: { line: 3 }, reason: 'has 1 fields but the header has 2' },
      { origin: { line: 5 }, reason: 'has 3 fields but the header has 2' },
    ]);
  });
});

describe('delimiters', () => {
  it('detects tab, semicolon and pipe', () => {
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('only\n1\n')).toBe(',');
    expect(detectDelimiter('a,b\n1,2\n', 'x.tsv')).toBe('\t');
  });
});

describe('properties', () => {
  const cell = fc.string({
    unit: fc.constantFrom('a', 'b', ',', '\t', '"', '\n', '\r\n', ' ', '血', '1'),
  });
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.tuple(
      fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/), {
        minLength: width,
        maxLength: width,
      }),
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 30 }),
      fc.constantFrom(',', '\t', ';'),
    ),
  );

  it('round-trips any table Papa Parse writes, with the line each row starts on', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ([fields, rows, delimiter]) => {
        const kept = rows.filter((row) => row.some((value) => value.trim() !== ''));
        const text = Papa.unparse(
          { fields, data: kept },
          { quotes: true, newline: '\n', delimiter },
        );
        const parsed = await collect(
          parseDelimited(text, { fileName: 'p.csv', mode: 'strict', delimiter }),
        );
        expect(parsed.fields).toEqual(fields);
        expect(parsed.rows.map((row) => row.values)).toEqual(kept);
        let line = 2;
        parsed.rows.forEach((row, index) => {
          expect(row.origin.line).toBe(line);
          line += (kept[index] ?? []).join('').split('\n').length;
        });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every row and line across the pauses of a long file', async () => {
    const rows = Array.from({ length: 4500 }, (_, index) => [
      String(index),
      index % 7 === 0 ? 'two\nlines' : 'x',
    ]);
    const text = Papa.unparse({ fields: ['n', 'v'], data: rows }, { newline: '\n' });
    const parsed = await collect(
      parseDelimited(text, { fileName: 'long.csv', mode: 'strict', delimiter: ',' }),
    );
    expect(parsed.rows).toHaveLength(4500);
    expect(parsed.rows[4499]?.values).toEqual(['4499', 'x']);
    const expectedLast = 2 + 4499 + Math.floor(4498 / 7) + 1;
    expect(parsed.rows[4499]?.origin.line).toBe(expectedLast);
  });
});
