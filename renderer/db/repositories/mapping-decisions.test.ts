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
    await revertMapping(db, annotator, 'p', 'GLU', 'value:TEST');
    expect((await db.mappings.toArray()).map((mapping) => mapping.scope)).toEqual(['']);
  });
});
