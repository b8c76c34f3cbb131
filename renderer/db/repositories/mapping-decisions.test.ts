import { beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/model/people';
import { aliasKeysOf } from '../alias-keys';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { labTerm } from '../test-terms';
import { createProfile } from './profiles';
import {
  acceptMapping,
  acceptMappings,
  decideMapping,
  loadFieldNames,
  readDictionaryVersion,
  revertMapping,
} from './terminology';

let db: TesseraDatabase;
let annotator: Profile;

const hemoglobin = labTerm('lab.hemoglobin', 'Hemoglobin', '718-7');
const glucose = labTerm('lab.glucose', 'Glucose', '2345-7');

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  for (const item of [hemoglobin, glucose])
    await db.terms.add({ ...item, aliasKeys: aliasKeysOf(item) });
  await db.meta.put({ key: 'dictionaryVersion', value: 1 });
  annotator = await createProfile(db, 'Li Na', 'annotator');
});

const accept = (raw: string, termId: string) => ({
  projectId: 'p',
  sourceId: 's',
  raw,
  termId,
  score: 0.9,
  reason: 'r',
});

describe('mapping decisions', () => {
  it('bulk acceptance is one dictionary version and one audit event, and teaches every synonym', async () => {
    const before = await db.auditEvents.count();
    await acceptMappings(db, annotator, [
      accept('HGB_X', hemoglobin.id),
      accept('GLU_X', glucose.id),
    ]);
    expect(await db.auditEvents.count()).toBe(before + 1);
    expect(await readDictionaryVersion(db)).toBe(2);
    expect((await db.terms.get(glucose.id))?.learned.map((synonym) => synonym.text)).toEqual([
      'GLU_X',
    ]);
    const names = await loadFieldNames(db, 'p', ['HGB_X', 'GLU_X']);
    expect(names.map((name) => name.canonical?.code)).toEqual(['718-7', '2345-7']);
  });

  it('rejected and flagged names are decided but not mapped, and learn nothing', async () => {
    await decideMapping(db, annotator, {
      projectId: 'p',
      raw: 'HB?',
      status: 'rejected',
      termId: hemoglobin.id,
      score: 0.7,
      reason: 'r',
    });
    await decideMapping(db, annotator, {
      projectId: 'p',
      raw: 'XYZ',
      status: 'flagged',
      termId: '',
      score: 0,
      reason: '',
    });
    const names = await loadFieldNames(db, 'p', ['HB?', 'XYZ']);
    expect(names.map((name) => [name.mapping?.status, name.canonical])).toEqual([
      ['rejected', undefined],
      ['flagged', undefined],
    ]);
    expect((await db.terms.get(hemoglobin.id))?.learned).toEqual([]);
    expect(await readDictionaryVersion(db)).toBe(1);
  });

  it('undo takes an acceptance back and unlearns its synonym', async () => {
    await acceptMapping(db, annotator, accept('Hb (g/L)', hemoglobin.id));
    expect(
      (await db.terms.where('aliasKeys').equals('hb').toArray()).map((found) => found.id),
    ).toEqual([hemoglobin.id]);
    await revertMapping(db, annotator, 'p', 'Hb (g/L)');
    expect(await db.mappings.count()).toBe(0);
    expect(await db.terms.where('aliasKeys').equals('hb').count()).toBe(0);
    expect(await readDictionaryVersion(db)).toBe(3);
    const last = await db.auditEvents.orderBy('seq').last();
    expect(last).toMatchObject({
      action: 'mapping.revert',
      after: { unlearnedSynonym: 'Hb (g/L)' },
    });
  });
});

describe('column names and column values are mapped apart', () => {
  it('the same text as a column name and as a value of a column are two decisions', async () => {
    await acceptMapping(db, annotator, { ...accept('GLU', glucose.id), scope: 'value:TEST' });
    await decideMapping(db, annotator, {
      projectId: 'p',
      raw: 'GLU',
      status: 'flagged',
      termId: '',
      score: 0,
      reason: '',
    });
    expect(await db.mappings.count()).toBe(2);
    expect((await loadFieldNames(db, 'p', ['GLU']))[0]?.mapping?.status).toBe('flagged');
    expect((await loadFieldNames(db, 'p', ['GLU'], 'value:TEST'))[0]?.canonical?.code).toBe(
      '2345-7',
    );
    await revertMapping(db, annotator, 'p', 'GLU', { scope: 'value:TEST' });
    expect((await db.mappings.toArray()).map((mapping) => mapping.scope)).toEqual(['']);
  });
});

describe('decisions for one source system', () => {
  const values = 'value:OBX-3.1';
  const atLisA = { scope: values, sourceSystem: 'LIS-A', isForSourceSystem: true };
  const mappedAt = async (system: string) =>
    (await loadFieldNames(db, 'p', ['HGB-7'], values, system))[0]?.canonical?.code;

  it('teach a synonym scoped to the system, and hold for its sources only', async () => {
    const before = await db.auditEvents.count();
    await acceptMapping(db, annotator, { ...accept('HGB-7', hemoglobin.id), ...atLisA });
    expect(await db.auditEvents.count()).toBe(before + 1);
    expect((await db.terms.get(hemoglobin.id))?.learned).toEqual([
      {
        text: 'HGB-7',
        addedBy: annotator.id,
        addedAt: expect.any(String) as unknown,
        sourceId: 's',
        sourceSystem: 'LIS-A',
      },
    ]);
    expect(await mappedAt('LIS-A')).toBe('718-7');
    expect(await mappedAt(' lis-a ')).toBe('718-7');
    expect(await mappedAt('LIS-B')).toBeUndefined();
    expect(await mappedAt('')).toBeUndefined();
  });

  it('outrank a decision for every system, which still holds everywhere else', async () => {
    await acceptMapping(db, annotator, {
      ...accept('HGB-7', glucose.id),
      scope: values,
      sourceSystem: 'LIS-B',
    });
    await acceptMapping(db, annotator, { ...accept('HGB-7', hemoglobin.id), ...atLisA });
    expect(await db.mappings.count()).toBe(2);
    expect(await mappedAt('LIS-A')).toBe('718-7');
    expect(await mappedAt('LIS-B')).toBe('2345-7');
    expect(await mappedAt('')).toBe('2345-7');
  });

  it('are replaced, synonym and all, by a decision for every system made on their sources', async () => {
    await acceptMapping(db, annotator, { ...accept('HGB-7', hemoglobin.id), ...atLisA });
    await acceptMapping(db, annotator, {
      ...accept('HGB-7', glucose.id),
      scope: values,
      sourceSystem: 'LIS-A',
    });
    expect(
      (await db.mappings.toArray()).map(({ sourceSystem, termId }) => ({ sourceSystem, termId })),
    ).toEqual([{ sourceSystem: '', termId: glucose.id }]);
    expect((await db.terms.get(hemoglobin.id))?.learned).toEqual([]);
    expect(
      (await db.terms.get(glucose.id))?.learned.map((synonym) => synonym.sourceSystem),
    ).toEqual([undefined]);
    const last = await db.auditEvents.orderBy('seq').last();
    expect(last?.action).toBe('mapping.accept');
    expect(last?.after).toMatchObject({ replaced: expect.any(String) as unknown });
    expect(await mappedAt('LIS-A')).toBe('2345-7');
  });

  it('are rejected and undone by their own key, and need a system to be made', async () => {
    await decideMapping(db, annotator, {
      projectId: 'p',
      raw: 'HGB-7',
      ...atLisA,
      status: 'rejected',
      termId: hemoglobin.id,
      score: 0.8,
      reason: 'r',
    });
    expect((await loadFieldNames(db, 'p', ['HGB-7'], values, 'LIS-A'))[0]?.mapping?.status).toBe(
      'rejected',
    );
    expect((await loadFieldNames(db, 'p', ['HGB-7'], values, 'LIS-B'))[0]?.mapping).toBeUndefined();
    await revertMapping(db, annotator, 'p', 'HGB-7', { scope: values });
    expect(await db.mappings.count()).toBe(1);
    await revertMapping(db, annotator, 'p', 'HGB-7', { scope: values, sourceSystem: 'LIS-A' });
    expect(await db.mappings.count()).toBe(0);
    await expect(
      acceptMapping(db, annotator, {
        ...accept('HGB-7', hemoglobin.id),
        isForSourceSystem: true,
        sourceSystem: ' ',
      }),
    ).rejects.toThrow('The file has no source system to decide "HGB-7" for.');
  });
});
