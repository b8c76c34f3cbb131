import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/ingest/block-rows';
import { BlockBuilder, type UnassignedBlock } from '../../../shared/ingest/blocks';
import { collect } from '../../../shared/ingest/collect';
import { detect, openStream } from '../../../shared/ingest/open';
import type { Profile } from '../../../shared/model/people';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { createProfile } from './profiles';
import { loadNormalizedRecords } from './qa-records';
import { importSource, loadRecord, loadSourceRows } from './sources';

let db: TesseraDatabase;
let annotator: Profile;

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  annotator = await createProfile(db, 'Li Na', 'annotator');
});

/** A fixture as the import worker reads it: its settings, the parser's rows, and its blocks. */
async function read(path: string, blockSize: number) {
  const fileName = basename(path);
  const bytes = new Uint8Array(readFileSync(path));
  const { settings } = await detect(fileName, bytes);
  const table = await collect(openStream(fileName, bytes, settings));
  const builder = new BlockBuilder(blockSize);
  const blocks: UnassignedBlock[] = [];
  for await (const item of openStream(fileName, bytes, settings)) {
    const block = builder.add(item);
    if (block) blocks.push(block);
  }
  const last = builder.flush();
  if (last) blocks.push(last);
  return { fileName, settings, table, blocks };
}

/** The same blocks as the code before text blocks wrote them: rows as values. */
const asValueBlocks = (blocks: UnassignedBlock[]): UnassignedBlock[] =>
  blocks.map(({ index, firstRow, lines, ...block }) => ({
    index,
    firstRow,
    lines,
    rows: rowsOf({ lines, ...block }),
  }));

async function store(fileName: string, fields: string[], blocks: UnassignedBlock[]) {
  const rowCount = blocks.reduce((sum, block) => sum + block.lines.length, 0);
  const { source } = await importSource(
    db,
    annotator,
    {
      projectId: 'p',
      fileName,
      format: 'csv',
      encoding: 'utf-8',
      size: 1,
      sha256: fileName.padEnd(64, '0'),
      mode: 'strict',
      sourceSystem: '',
    },
    blocks,
    { fields, rowCount, skipped: [], profile: [] },
  );
  return source.id;
}

const fixtures = [
  'test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv',
  'test/fixtures/records/encodings/lab-gb18030.csv',
  'test/fixtures/records/encodings/lab-utf16le.tsv',
];

describe('every reader gets the rows the parser read, from text blocks and from value blocks', () => {
  it.each(fixtures)('%s', async (path) => {
    const { fileName, table, blocks } = await read(path, 50);
    expect(blocks.every((block) => 'delimited' in block)).toBe(true);
    const fromText = await store(fileName, table.fields, blocks);
    const fromValues = await store(`old-${fileName}`, table.fields, asValueBlocks(blocks));
    const expected = {
      rows: table.rows.map((row) => row.values),
      lines: table.rows.map((row) => row.origin.line),
    };
    for (const sourceId of [fromText, fromValues]) {
      expect(await loadSourceRows(db, sourceId)).toEqual(expected);
      const last = table.rows.length - 1;
      for (const row of [0, Math.min(50, last), last]) {
        const record = await loadRecord(db, sourceId, row);
        expect(record?.line).toBe(table.rows[row]?.origin.line);
        expect(Object.values(record?.fields ?? {})).toEqual(table.rows[row]?.values);
      }
      expect(await loadRecord(db, sourceId, table.rows.length)).toBeNull();
      const { records } = await loadNormalizedRecords(db, 'p', sourceId);
      expect(records.map((record) => Object.values(record.fields))).toEqual(expected.rows);
    }
  });

  it('the 129 MIMIC-III admissions: row 128 is on line 130, found by its block of 2,000', async () => {
    const { fileName, table, blocks } = await read(
      'test/fixtures/records/mimic-iii-demo/ADMISSIONS.csv',
      2000,
    );
    const sourceId = await store(fileName, table.fields, blocks);
    const record = await loadRecord(db, sourceId, 128);
    expect(record).toMatchObject({ sourceName: 'ADMISSIONS.csv', line: 130 });
    expect(record?.fields['ROW_ID']).toBe(table.rows[128]?.values[0]);
    expect(record?.fields['DIAGNOSIS']).toBe(table.rows[128]?.values[16]);
  });
});
