import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect } from './collect';
import { detectDelimiter, parseDelimited } from './delimited';
import { decodeText, detectEncoding } from './encoding';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(`test/fixtures/records/encodings/${name}`));

async function readText(name: string) {
  const bytes = fixture(name);
  const { encoding } = detectEncoding(bytes);
  const text = decodeText(name, bytes, encoding);
  return {
    encoding,
    table: await collect(
      parseDelimited(text, {
        fileName: name,
        mode: 'strict',
        delimiter: detectDelimiter(text, name),
      }),
    ),
  };
}

describe('encodings of real-world exports', () => {
  it('reads a GB18030 CSV with Chinese headers', async () => {
    const { encoding, table } = await readText('lab-gb18030.csv');
    expect(encoding).toBe('gb18030');
    expect(table.fields).toEqual([
      '患者编号',
      '姓名',
      '性别',
      '检验项目',
      '结果',
      '单位',
      '参考范围',
    ]);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[3]?.values).toEqual([
      'P002',
      '李娜',
      '女',
      '谷丙转氨酶, ALT',
      '32',
      'U/L',
      '7-40',
    ]);
  });

  it('reads UTF-16 TSV with and without a byte order mark', async () => {
    for (const [name, expected] of [
      ['lab-utf16le.tsv', 'utf-16le'],
      ['lab-utf16be-nobom.tsv', 'utf-16be'],
    ] as const) {
      const { encoding, table } = await readText(name);
      expect(encoding).toBe(expected);
      expect(table.fields).toEqual(['Patient', 'Test', 'Value', 'Unit']);
      expect(table.rows.map((row) => row.values[1])).toEqual([
        'Hemoglobin',
        '血红蛋白',
        'Glucose',
        '肌酐',
      ]);
      expect(table.rows[3]?.values[3]).toBe('μmol/L');
    }
  });

  it('names the line where bytes cannot be decoded in the chosen encoding', () => {
    expect(() => decodeText('lab-gb18030.csv', fixture('lab-gb18030.csv'), 'utf-8')).toThrow(
      'lab-gb18030.csv, line 1: is not valid UTF-8 text',
    );
  });

  it('detects UTF-8 for any text that is valid UTF-8, BOM or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.boolean(), (text, hasBom) => {
        const body = new TextEncoder().encode(text);
        const bytes = hasBom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
        const detected = detectEncoding(bytes);
        if (body.includes(0)) return;
        expect(detected.encoding).toBe('utf-8');
        expect(decodeText('x.csv', bytes, detected.encoding)).toBe(text);
      }),
    );
  });
});
