import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors';
import type { ImportMode, IngestItem } from './types';
import { dateKindOfFormat, formatNumber, listSheets, parseXlsx } from './xlsx';
import { asyncFailureOf as failureOf } from './test-support';

const fixtureDir = 'test/fixtures/records/xlsx';
const lab = new Uint8Array(readFileSync(`${fixtureDir}/lab-two-sheets.xlsx`));
const truncated = new Uint8Array(readFileSync(`${fixtureDir}/truncated.xlsx`));

// The fixture writer is plain JavaScript without type declarations: load it through a path.
type Cell =
  | null
  | string
  | number
  | boolean
  | { date: string; style?: 'date' | 'datetime' }
  | { blank: string };
interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
  inlineStrings?: boolean;
  omitRefs?: boolean;
}
interface WorkbookSpec {
  sheets: SheetSpec[];
  date1904?: boolean;
}
interface FixtureWriter {
  buildXlsx(workbook: WorkbookSpec): Uint8Array;
  buildXlsxParts(workbook: WorkbookSpec): Record<string, string>;
  zipParts(parts: Record<string, string>): Uint8Array;
  labWorkbook: WorkbookSpec;
}
const writerPath = fileURLToPath(new URL('../../test/fixtures/make-xlsx.mjs', import.meta.url));
const writer = (await import(writerPath)) as FixtureWriter;

async function collect(
  bytes: Uint8Array,
  sheet: string,
  fileName = 'lab-two-sheets.xlsx',
  mode: ImportMode = 'strict',
): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of parseXlsx(bytes, { fileName, mode, sheet })) items.push(item);
  return items;
}

async function table(bytes: Uint8Array, sheet: string) {
  const items = await collect(bytes, sheet);
  const [head, ...rest] = items;
  if (head?.kind !== 'fields') throw new Error('the first item is not the fields');
  const rows = rest.map((item) => {
    if (item.kind !== 'row') throw new Error(`unexpected ${item.kind} item`);
    return item;
  });
  return { fields: head.fields, rows, values: rows.map((row) => row.values) };
}

describe('the crafted two-sheet lab workbook', () => {
  it('lists exactly its two sheets, in workbook order', async () => {
    expect(await listSheets('lab-two-sheets.xlsx', lab)).toEqual(['Results', 'Patients']);
  });

  it('names the Results columns from the merged two-row header', async () => {
    const { fields } = await table(lab, 'Results');
    expect(fields).toEqual([
      'Patient',
      'Date',
      'Blood count / Hb',
      'Blood count / WBC',
      'Blood count / PLT',
      'Chemistry / Glucose',
      'Chemistry / Creatinine',
      'Collected',
      'Fasting',
      'Notes',
    ]);
  });

  it('reads every Results cell as the text a reader of the workbook expects', async () => {
    const { values } = await table(lab, 'Results');
    // prettier-ignore
    expect(values).toEqual([
      ['Alice Martin', '2024-03-05', '135', '6.2', '250', '5.4', '88', '2024-03-05T08:30:00', 'TRUE', ''],
      ['王小明', '2024-03-06', '142', '7.1', '198', '6.1', '102', '2024-03-06T09:15:00', 'FALSE', 'Repeat tomorrow'],
      ['José Álvarez', '2024-03-07', '128', '', '310', '5', '95', '2024-03-07T00:00:00', 'TRUE', 'Haemolysed sample'],
      ['Chen Jing', '2023-12-31', '150', '5.8', '275', '4.9', '#DIV/0!', '2023-12-31T23:59:59', 'FALSE', 'Result < ref & "flagged"'],
      ['Fatima Zahra', '2024-02-29', '118', '4.3', '180', '5.1', '70', '2024-02-29T14:05:30', 'TRUE', ''],
      ['李华', '1999-01-01', '160', '9.75', '402', '7.25', '110', '', 'TRUE', 'Line one\nLine two'],
    ]);
  });

  it('gives each row its sheet and 1-based sheet row, skipping the empty row 6', async () => {
    const { rows } = await table(lab, 'Results');
    expect(rows.map((row) => row.origin)).toEqual(
      [3, 4, 5, 7, 8, 9].map((row) => ({ sheet: 'Results', row })),
    );
  });

  it('reads Patients with its own one-row header', async () => {
    const { fields, values, rows } = await table(lab, 'Patients');
    expect(fields).toEqual(['ID', '姓名', 'Sex', 'Birth date']);
    expect(values).toEqual([
      ['1001', 'Alice Martin', 'F', '1980-05-17'],
      ['1002', '王小明', 'M', '1975-11-02'],
      ['1003', 'José Álvarez', 'M', '1990-01-30'],
      ['1004', 'Chen Jing', 'F', '1968-08-08'],
      ['1005', '李华', 'F', '2001-07-09'],
    ]);
    expect(rows[0]?.origin).toEqual({ sheet: 'Patients', row: 2 });
    expect(rows.at(-1)?.origin).toEqual({ sheet: 'Patients', row: 6 });
  });

  it('is what test/fixtures/make-xlsx.mjs writes, byte for byte', () => {
    expect(writer.buildXlsx(writer.labWorkbook)).toEqual(lab);
    expect(truncated).toEqual(lab.subarray(0, Math.floor(lab.length / 2)));
  });
});

describe('the header rule', () => {
  const fieldsOf = async (sheet: Omit<SheetSpec, 'name'>) =>
    (await table(writer.buildXlsx({ sheets: [{ name: 'S', ...sheet }] }), 'S')).fields;

  it('names empty header cells by position and numbers repeated names', async () => {
    const rows = [
      ['id', null, 'x', 'x', 'x (2)', ''],
      [1, 2, 3, 4, 5, 6],
    ];
    expect(await fieldsOf({ rows })).toEqual([
      'id',
      'Column 2',
      'x',
      'x (2)',
      'x (2) (2)',
      'Column 6',
    ]);
  });

  it('starts at the first non-empty row and column, and widens for stray data', async () => {
    const rows = [[], [null, ' a ', 'b'], [null, 1, 2, 'stray']];
    expect(await fieldsOf({ rows })).toEqual(['a', 'b', 'Column 3']);
  });

  it('uses the top name alone where the row below is empty, and fills merges down', async () => {
    const rows = [
      ['Vitals', null, 'Ward'],
      ['BP', null, null],
      [120, 70, 'A'],
    ];
    const fields = await fieldsOf({ rows, merges: ['A1:B1', 'C1:C2'] });
    expect(fields).toEqual(['Vitals / BP', 'Vitals', 'Ward']);
  });

  it('treats a header cell merged down as a two-row header even without horizontal merges', async () => {
    const rows = [
      ['Name', 'Score'],
      [null, 'max 10'],
      ['Ann', 9],
    ];
    const { fields, rows: data } = await table(
      writer.buildXlsx({ sheets: [{ name: 'S', rows, merges: ['A1:A2'] }] }),
      'S',
    );
    expect(fields).toEqual(['Name', 'Score / max 10']);
    expect(data.map((row) => [row.origin.row, ...row.values])).toEqual([[3, 'Ann', '9']]);
  });

  it('keeps a plain one-row header when nothing is merged', async () => {
    const rows = [
      ['Name', 'Score'],
      ['Ann', 9],
    ];
    expect(await fieldsOf({ rows })).toEqual(['Name', 'Score']);
  });
});

describe('cell values', () => {
  it('reads the 1904 date system', async () => {
    const rows: Cell[][] = [
      ['d', 't'],
      [{ date: '2024-03-05' }, { date: '1904-01-01T06:00:00', style: 'datetime' }],
    ];
    const bytes = writer.buildXlsx({ date1904: true, sheets: [{ name: 'S', rows }] });
    expect((await table(bytes, 'S')).values).toEqual([['2024-03-05', '1904-01-01T06:00:00']]);
  });

  it('drops binary noise beyond Excel’s 15 significant digits', () => {
    expect(formatNumber(7.1000000000000005)).toBe('7.1');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(123456789012)).toBe('123456789012');
    expect(formatNumber(-2.5e-7)).toBe('-2.5e-7');
  });

  it('tells date formats from number formats', () => {
    expect(dateKindOfFormat('yyyy-mm-dd')).toBe('date');
    expect(dateKindOfFormat('yyyy"年"m"月"d"日"')).toBe('date');
    expect(dateKindOfFormat('[$-F800]dddd\\, mmmm dd\\, yyyy')).toBe('date');
    expect(dateKindOfFormat('d-mmm-yy h:mm')).toBe('datetime');
    expect(dateKindOfFormat('h:mm AM/PM')).toBe('time');
    expect(dateKindOfFormat('mm:ss')).toBe('time');
    expect(dateKindOfFormat('[h]:mm:ss')).toBe('elapsed');
    expect(dateKindOfFormat('General')).toBeNull();
    expect(dateKindOfFormat('0.0" days"')).toBeNull();
    expect(dateKindOfFormat('[Red]0;[Blue]-0')).toBeNull();
    expect(dateKindOfFormat('#,##0.00_);[Red](#,##0.00)')).toBeNull();
  });
});

describe('errors are IngestErrors that name the file', () => {
  it('reports a truncated workbook, with no line', async () => {
    for (const run of [
      () => listSheets('truncated.xlsx', truncated),
      () => collect(truncated, 'Results', 'truncated.xlsx'),
    ]) {
      const error = await failureOf(run);
      expect(error.fileName).toBe('truncated.xlsx');
      expect(error.line).toBeNull();
      expect(error.message).toBe(
        'truncated.xlsx: is not a readable .xlsx workbook: the zip archive is truncated or corrupt',
      );
    }
  });

  it('reports a text file renamed .xlsx, an empty file and a legacy .xls', async () => {
    const text = new TextEncoder().encode('Patient,Date\nAlice,2024-03-05\n');
    expect((await failureOf(() => listSheets('notes.xlsx', text))).message).toBe(
      'notes.xlsx: is not an .xlsx workbook (it is not a zip archive)',
    );
    expect((await failureOf(() => collect(text, 'Sheet1', 'notes.xlsx'))).fileName).toBe(
      'notes.xlsx',
    );
    expect((await failureOf(() => listSheets('empty.xlsx', new Uint8Array()))).message).toBe(
      'empty.xlsx: the file is empty',
    );
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await failureOf(() => listSheets('old.xlsx', ole))).message).toContain('legacy .xls');
  });

  it('reports a zip archive that is not a workbook', async () => {
    const zip = zipSync({ 'readme.txt': new TextEncoder().encode('hello') });
    expect((await failureOf(() => listSheets('archive.xlsx', zip))).message).toBe(
      'archive.xlsx: is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
    );
  });

  it('reports malformed XML inside the package', async () => {
    const parts = writer.buildXlsxParts(writer.labWorkbook);
    const sheet = parts['xl/worksheets/sheet1.xml'] ?? '';
    parts['xl/worksheets/sheet1.xml'] = sheet.slice(0, sheet.length - 40);
    const error = await failureOf(() => collect(writer.zipParts(parts), 'Results', 'cut.xlsx'));
    expect(error.line).toBeNull();
    expect(error.message).toMatch(
      /^cut\.xlsx: is corrupt: xl\/worksheets\/sheet1\.xml is not well-formed XML/,
    );
  });

  it('lists the available sheets when the chosen one does not exist', async () => {
    const error = await failureOf(() => collect(lab, 'Labs'));
    expect(error.message).toBe(
      'lab-two-sheets.xlsx: has no sheet named "Labs"; its sheets are "Results", "Patients"',
    );
  });

  it('stops a strict import at an unreadable cell and skips its row in a lenient one', async () => {
    const parts = writer.buildXlsxParts(writer.labWorkbook);
    const sheet = parts['xl/worksheets/sheet1.xml'] ?? '';
    expect(sheet).toContain('<c r="A4" t="s"><v>13</v></c>');
    parts['xl/worksheets/sheet1.xml'] = sheet.replace(
      '<c r="A4" t="s"><v>13</v></c>',
      '<c r="A4" t="s"><v>99</v></c>',
    );
    const bytes = writer.zipParts(parts);
    const reason = 'cell A4 refers to shared string 99, but the file has 22';
    expect((await failureOf(() => collect(bytes, 'Results', 'bad.xlsx'))).message).toBe(
      `bad.xlsx: sheet "Results", ${reason}`,
    );
    const items = await collect(bytes, 'Results', 'bad.xlsx', 'lenient');
    expect(items.filter((item) => item.kind === 'row')).toHaveLength(5);
    expect(items[2]).toEqual({ kind: 'skip', origin: { sheet: 'Results', row: 4 }, reason });
  });

  it('throws nothing but IngestError for damaged copies of the workbook', async () => {
    const damage = fc.oneof(
      fc.array(fc.tuple(fc.nat(lab.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.nat(lab.length - 1),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (change) => {
        const bytes = typeof change === 'number' ? lab.slice(0, change) : lab.slice();
        if (typeof change !== 'number') for (const [at, byte] of change) bytes[at] = byte;
        try {
          await collect(bytes, 'Results', 'damaged.xlsx');
        } catch (error) {
          expect(error).toBeInstanceOf(IngestError);
          expect((error as IngestError).fileName).toBe('damaged.xlsx');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseXlsx properties', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'Z', '1', ' ', '血', 'é', '😀', '&', '<', '"', "'", '\n', '\r\n'),
    maxLength: 8,
  });
  const escapes = fc.constantFrom('_x0041_', '_x000D_', '\u0001', '\t', '  padded  ');
  const decimal = fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }))
    .map(([digits, places]) => digits / 10 ** places);
  // Whole seconds from the first regular day of the date system (1900-03-01: the 1900 system
  // counts a 29 February 1900; 1904-01-01: day 0 of the 1904 system) to the end of 9999.
  const instant = (date1904: boolean) =>
    fc
      .tuple(
        fc.integer({
          min: (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1900, 2, 1)) / 1000,
          max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000,
        }),
        fc.boolean(),
        fc.constantFrom('date' as const, 'datetime' as const),
      )
      .map(([seconds, midnight, style]) => {
        const at = midnight ? Math.floor(seconds / 86_400) * 86_400 : seconds;
        return { date: new Date(at * 1000).toISOString().slice(0, 19), style };
      });
  const cell = (date1904: boolean): fc.Arbitrary<Cell> =>
    fc.oneof(
      fc.constant(null),
      text,
      escapes,
      fc.integer({ min: -1e12, max: 1e12 }),
      decimal,
      fc.boolean(),
      instant(date1904),
    );
  const workbook = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.boolean())
    .chain(([width, date1904]) =>
      fc.record({
        name: fc.constantFrom('Sheet1', 'Données & résultats', '数据', "O'Brien <2>"),
        fields: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/), {
          minLength: width,
          maxLength: width,
        }),
        rows: fc.array(fc.array(cell(date1904), { minLength: width, maxLength: width }), {
          maxLength: 12,
        }),
        inlineStrings: fc.boolean(),
        omitRefs: fc.boolean(),
        date1904: fc.constant(date1904),
      }),
    );

  const expected = (value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if ('blank' in value) return '';
    const [day, time] = value.date.split('T');
    return value.style === 'date' && time === '00:00:00' ? (day ?? '') : value.date;
  };

  it('reads back the strings of any table the fixture writer writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        workbook,
        async ({ name, fields, rows, inlineStrings, omitRefs, date1904 }) => {
          const bytes = writer.buildXlsx({
            date1904,
            sheets: [{ name, rows: [fields, ...rows], inlineStrings, omitRefs }],
          });
          expect(await listSheets('p.xlsx', bytes)).toEqual([name]);
          const parsed = await table(bytes, name);
          const want = rows
            .map((row, index) => ({ row: index + 2, values: row.map(expected) }))
            .filter(({ values }) => values.some((value) => value.trim() !== ''));
          expect(parsed.fields).toEqual(fields);
          expect(parsed.values).toEqual(want.map((row) => row.values));
          expect(parsed.rows.map((row) => row.origin)).toEqual(
            want.map((row) => ({ sheet: name, row: row.row })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
