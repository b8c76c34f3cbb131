import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowCountOf, rowsOf } from './block-rows';
import { BlockBuilder, type UnassignedBlock } from './blocks';
import { parseDelimited } from './delimited';
import { IngestError } from './errors';
import { detect, openStream } from './open';
import type { ImportMode, IngestItem } from './types';

/** Every CSV and TSV among the fixtures: MIMIC-III demo exports, encodings, QA drafts, terms. */
const delimitedFixtures = [
  'test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv',
  'test/fixtures/records/mimic-iii-demo/PATIENTS.csv',
  'test/fixtures/records/encodings/lab-gb18030.csv',
  'test/fixtures/records/encodings/lab-utf16le.tsv',
  'test/fixtures/records/encodings/lab-utf16be-nobom.tsv',
  'test/fixtures/qa/drafts-zh.csv',
  'test/fixtures/qa/drafts-zh-gb18030.csv',
  'test/fixtures/terminology/mimic-iii-demo/D_LABITEMS.csv',
  'test/fixtures/terminology/crafted/ward5-labs.csv',
  'test/fixtures/terminology/source-systems/lis-a-export.csv',
];

interface Read {
  /** Values and lines as the parser handed them over: what value blocks stored. */
  rows: string[][];
  lines: number[];
  blocks: UnassignedBlock[];
}

/** Blocks as IndexedDB gives them back: a structured clone, flat strings, no shared objects. */
const stored = (block: UnassignedBlock) => deserialize(serialize(block)) as UnassignedBlock;

function read(items: Iterable<IngestItem>, size: number): Read {
  const builder = new BlockBuilder(size);
  const result: Read = { rows: [], lines: [], blocks: [] };
  for (const item of items) {
    if (item.kind === 'row') {
      result.rows.push(item.values);
      result.lines.push(item.origin.line ?? 0);
    }
    const block = builder.add(item);
    if (block) result.blocks.push(stored(block));
  }
  const last = builder.flush();
  if (last) result.blocks.push(stored(last));
  return result;
}

const textBlock = (text: string, lines: number[]) => ({
  lines,
  delimited: { text, delimiter: ',', newline: '\n' as const },
});

function expectSameRows({ rows, lines, blocks }: Read): void {
  expect(blocks.flatMap((block) => rowsOf(block))).toEqual(rows);
  expect(blocks.flatMap((block) => block.lines)).toEqual(lines);
  let firstRow = 0;
  for (const block of blocks) {
    expect(block.firstRow).toBe(firstRow);
    firstRow += rowCountOf(block);
  }
}

async function fixtureItems(path: string): Promise<IngestItem[]> {
  const bytes = new Uint8Array(readFileSync(path));
  const { settings } = await detect(basename(path), bytes);
  const items: IngestItem[] = [];
  for await (const item of openStream(basename(path), bytes, settings)) items.push(item);
  return items;
}

describe('CSV/TSV blocks stored as text read back the rows the import read', () => {
  it.each(delimitedFixtures)('%s, in blocks of 1, 7 and 2000 rows', async (path) => {
    const items = await fixtureItems(path);
    for (const size of [1, 7, 2000]) {
      const result = read(items, size);
      expect(result.rows.length).toBeGreaterThan(0);
      expect(result.blocks.every((block) => 'delimited' in block)).toBe(true);
      expectSameRows(result);
    }
  });

  it('the 129 MIMIC-III admissions: row 1 and the last row, with their lines', async () => {
    const { blocks } = read(
      await fixtureItems('test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv'),
      50,
    );
    const rows = blocks.flatMap((block) => rowsOf(block));
    expect(rows).toHaveLength(129);
    expect(rows[0]?.[16]).toBe('SEPSIS');
    expect(blocks.at(-1)?.lines.at(-1)).toBe(130);
  });

  it('a block is one slice of the file when no line between its rows was skipped', () => {
    const text = 'a,b\n1,2\n\n3,"x\ny"\r\n4,5';
    const { blocks } = read(parseDelimited(text, options('strict')), 10);
    expect(blocks).toEqual([
      {
        index: 0,
        firstRow: 0,
        lines: [2, 4, 6],
        delimited: { text: '1,2\n\n3,"x\ny"\r\n4,5', delimiter: ',', newline: '\n' },
      },
    ]);
    // Papa drops the \r after a closing quote as space before the line break, then as now.
    expect(rowsOf(blocks[0]!)).toEqual([
      ['1', '2'],
      ['3', 'x\ny'],
      ['4', '5'],
    ]);
  });

  it('leaves out lines skipped in lenient mode', () => {
    const text = 'a,b\n1,2\n3\n4,5,6\n6,7\n';
    const { blocks, rows } = read(parseDelimited(text, options('lenient')), 10);
    expect(rows).toEqual([
      ['1', '2'],
      ['6', '7'],
    ]);
    expect(blocks[0]).toMatchObject({ lines: [2, 5], delimited: { text: '1,2\n6,7\n' } });
    expect(rowsOf(blocks[0]!)).toEqual(rows);
  });

  it('refuses a damaged block rather than showing other rows as the file', () => {
    expect(() => rowsOf(textBlock('1,2\n', [2, 3]))).toThrow('reads as 1 rows, not 2');
    expect(() => rowsOf(textBlock('"1,2\n', [2]))).toThrow('Quoted field unterminated');
  });

  it('still reads blocks written before, rows as values', () => {
    const old = { lines: [2, 3], rows: [['a'], ['b']] };
    expect(rowsOf(old)).toBe(old.rows);
    expect(rowCountOf(old)).toBe(2);
  });

  it('parses a text block once however often its rows are asked for', () => {
    const block = textBlock('x,y\n', [2]);
    expect(rowsOf(block)).toBe(rowsOf(block));
  });
});

const options = (mode: ImportMode, delimiter = ',') => ({ fileName: 'p.csv', mode, delimiter });

/** Text made of what trips CSV readers: quotes, delimiters, every line break, blanks, CJK. */
const csvText = fc
  .array(fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', '中'), {
    maxLength: 120,
  })
  .map((parts) => parts.join(''));

/** A cell, well or badly formed: quoted line breaks, stray and unclosed quotes, spaces, CJK. */
const cell = fc.oneof(
  fc.constantFrom('', ' ', 'x', '中文', 'a"b', '"q"', '"a,b"', '"l1\nl2"', '"r\r"', '"""'),
  fc.constantFrom('"x" ', ' "x"', '"x"y', '"open', '""', '\t', ';'),
  fc.string({ maxLength: 4 }),
);

/**
 * A header and rows that mostly fit it, joined by any mix of line breaks, with blank and
 * whitespace-only lines between: many rows per text, some of them skipped in lenient mode.
 */
const messyTable = fc
  .record({
    width: fc.integer({ min: 1, max: 3 }),
    rows: fc.array(
      fc.record({
        cells: fc.array(cell, { minLength: 1, maxLength: 4 }),
        after: fc.constantFrom('\n', '\n', '\r\n', '\r', '\n\n', '\n  \n', '\n,,\n'),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ width, rows }) => {
    const header = Array.from({ length: width }, (_, column) => `c${column}`).join(',') + '\n';
    const fit = (cells: string[]) =>
      cells.length % 3 === 0 ? cells : Array.from({ length: width }, (_, at) => cells[at] ?? '');
    return header + rows.map(({ cells, after }) => fit(cells).join(',') + after).join('');
  });

/** Well-formed CSV with a header: quoted fields with line breaks, blank and spaced lines. */
const csvTable = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    cells: fc.array(
      fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', ' ', '中文', 'a"b')), {
        minLength: 1,
        maxLength: 4,
      }),
      { maxLength: 30 },
    ),
    blanks: fc.array(fc.constantFrom('', '  ', ',,'), { maxLength: 30 }),
  })
  .map(({ width, newline, cells, blanks }) => {
    const field = (value: string) =>
      /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;
    const lines = [Array.from({ length: width }, (_, column) => `c${column}`).join(',')];
    cells.forEach((row, index) => {
      lines.push(row.map(field).join(','));
      const blank = blanks[index];
      if (blank !== undefined) lines.push(blank);
    });
    return lines.join(newline);
  });

/** The parse in both modes; an import that stops (no header, a bad line) stores nothing. */
function bothModes(text: string, size: number, delimiter = ','): Read[] {
  return (['lenient', 'strict'] as const).flatMap((mode) => {
    try {
      return [read(parseDelimited(text, options(mode, delimiter)), size)];
    } catch (error) {
      if (error instanceof IngestError) return [];
      throw error;
    }
  });
}

describe('property: a text block reads back exactly the rows the import parsed', () => {
  it('for arbitrary text in both modes and any block size', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 5 }), (text, size) => {
        for (const result of bothModes(text, size)) expectSameRows(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('for messy tables: stray quotes, mixed line breaks, rows that do not fit', () => {
    fc.assert(
      fc.property(messyTable, fc.integer({ min: 1, max: 6 }), (text, size) => {
        for (const result of bothModes(text, size)) expectSameRows(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('for well-formed tables with quoted line breaks, blank lines and any line break', () => {
    fc.assert(
      fc.property(csvTable, fc.integer({ min: 1, max: 9 }), (text, size) => {
        for (const result of bothModes(text, size)) expectSameRows(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('for tab-separated text', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 5 }), (text, size) => {
        for (const result of bothModes(text, size, '\t')) expectSameRows(result);
      }),
      { numRuns: 1000 },
    );
  });
});
