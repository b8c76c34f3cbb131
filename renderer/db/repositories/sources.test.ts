import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockBuilder, type UnassignedBlock } from '../../../shared/ingest/blocks';
import { parseHl7v2 } from '../../../shared/ingest/hl7v2';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { aliasKeysOf } from '../alias-keys';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { labTerm } from '../test-terms';
import { createProfile } from './profiles';
import { importSource, setSourceSystem, type SourceFile } from './sources';
import { loadFieldNames } from './terminology';

let db: TesseraDatabase;
let annotator: Profile;

const taughtAt = (text: string, sourceSystem: string): Term['learned'][number] => ({
  text,
  addedBy: 'profile_elsewhere',
  addedAt: '2026-11-20T08:00:00.000Z',
  sourceSystem,
});
const hemoglobin: Term = {
  ...labTerm('lab.hemoglobin', 'Hemoglobin', '718-7', ['HGB']),
  learned: [taughtAt('W5_HB01', 'Ward 5 LIS')],
};
const glucose: Term = {
  ...labTerm('lab.glucose', 'Glucose', '2345-7', ['GLU', 'HB01']),
  learned: [taughtAt('W5_GLU01', 'Ward 5 LIS')],
};

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  for (const term of [hemoglobin, glucose])
    await db.terms.add({ ...term, aliasKeys: aliasKeysOf(term) });
  await db.meta.put({ key: 'dictionaryVersion', value: 1 });
  annotator = await createProfile(db, 'Li Na', 'annotator');
});

const file = (fileName: string, more: Partial<SourceFile> = {}): SourceFile => ({
  projectId: 'p',
  fileName,
  format: 'csv',
  encoding: 'utf-8',
  size: 100,
  sha256: fileName.padEnd(64, '0'),
  mode: 'strict',
  ...more,
});

const oneRow = (values: string[]): UnassignedBlock[] => [
  { index: 0, firstRow: 0, lines: [2], rows: [values] },
];

async function importCsv(fileName: string, fields: string[], more: Partial<SourceFile> = {}) {
  return importSource(db, annotator, file(fileName, more), oneRow(fields.map(() => '1')), {
    fields,
    rowCount: 1,
    skipped: [],
    profile: [],
  });
}

describe('the source system of an import', () => {
  it('is read from HL7 MSH-3, sending application, when the import does not name one', async () => {
    const path = 'test/fixtures/terminology/source-systems/lis-b.hl7';
    const builder = new BlockBuilder();
    const blocks: UnassignedBlock[] = [];
    for (const item of parseHl7v2(readFileSync(path, 'utf8'), {
      fileName: 'lis-b.hl7',
      mode: 'strict',
    })) {
      const block = builder.add(item);
      if (block) blocks.push(block);
    }
    const last = builder.flush();
    if (last) blocks.push(last);
    const { source } = await importSource(
      db,
      annotator,
      file('lis-b.hl7', { format: 'hl7v2' }),
      blocks,
      { fields: builder.fieldNames, rowCount: builder.rowsSeen, skipped: [], profile: [] },
    );
    expect(source.sourceSystem).toBe('LIS-B');
    expect((await db.sources.get(source.id))?.sourceSystem).toBe('LIS-B');
  });

  it('is what the import names, else empty for a file that does not say', async () => {
    expect((await importCsv('a.csv', ['X'])).source.sourceSystem).toBe('');
    expect(
      (await importCsv('b.csv', ['X'], { sourceSystem: '  HIS   Beijing ' })).source.sourceSystem,
    ).toBe('HIS Beijing');
  });
});

describe('headers mapped by synonyms scoped to a source system', () => {
  it('wait until the source is known to come from that system, then map for it only', async () => {
    const { automaticMappings } = await importCsv('ward5.csv', ['W5_HB01', 'GLU']);
    expect(automaticMappings.map((mapping) => mapping.raw)).toEqual(['GLU']);
    const { source } = await importCsv('ward5-again.csv', ['W5_HB01']);

    const events = await db.auditEvents.count();
    const named = await setSourceSystem(db, annotator, source.id, 'ward 5 lis');
    expect(await db.auditEvents.count()).toBe(events + 1);
    expect(named.source.sourceSystem).toBe('ward 5 lis');
    expect(named.automaticMappings).toEqual([
      expect.objectContaining({
        raw: 'W5_HB01',
        termId: hemoglobin.id,
        status: 'automatic',
        sourceSystem: 'ward 5 lis',
        reason: 'exact synonym "W5_HB01" of Hemoglobin for source system Ward 5 LIS',
      }),
    ]);
    expect(await db.auditEvents.orderBy('seq').last()).toMatchObject({
      action: 'source.set-system',
      entityId: source.id,
      before: { sourceSystem: '' },
      after: { sourceSystem: 'ward 5 lis' },
    });
    const codeAt = async (system: string) =>
      (await loadFieldNames(db, 'p', ['W5_HB01'], '', system))[0]?.canonical?.code;
    expect(await codeAt('Ward 5 LIS')).toBe('718-7');
    expect(await codeAt('Ward 6 LIS')).toBeUndefined();
    expect(await codeAt('')).toBeUndefined();
  });

  it('outrank an alias for every system at their system, and are no alias elsewhere', async () => {
    const scoped: Term = { ...hemoglobin, learned: [taughtAt('HB01', 'LIS-A')] };
    await db.terms.put({ ...scoped, aliasKeys: aliasKeysOf(scoped) });
    const atLisA = await importCsv('lis-a.csv', ['HB01'], { sourceSystem: 'LIS-A' });
    expect(
      atLisA.automaticMappings.map(({ termId, sourceSystem }) => ({ termId, sourceSystem })),
    ).toEqual([{ termId: hemoglobin.id, sourceSystem: 'LIS-A' }]);
    const elsewhere = await importCsv('lis-b.csv', ['HB01'], { sourceSystem: 'LIS-B' });
    expect(
      elsewhere.automaticMappings.map(({ termId, sourceSystem }) => ({ termId, sourceSystem })),
    ).toEqual([{ termId: glucose.id, sourceSystem: '' }]);
  });

  it('refuse a source that does not exist', async () => {
    await expect(setSourceSystem(db, annotator, 'source_none', 'LIS-A')).rejects.toThrow(
      'No source source_none.',
    );
  });
});
