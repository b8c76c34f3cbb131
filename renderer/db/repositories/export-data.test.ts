import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import { defaultOutputSettings } from '../../../shared/export/dataset-files';
import { defaultPairFilter } from '../../../shared/export/filters';
import { noSplit } from '../../../shared/export/splits';
import { writeDataset } from '../../../shared/export/write-dataset';
import { valuesOf } from '../../../shared/model/mapping';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import {
  buildWardProject,
  wardFixtureFiles,
  type WardFiles,
  type WardProject,
} from './bundle-ward-project';
import {
  loadExportableRecords,
  exportablePairSource,
  loadExportablePairs,
  loadExportOverview,
  mappingTableSssom,
  recordDatasetExport,
} from './export-data';
import { acceptMapping } from './terminology';

let db: TesseraDatabase;
let ward: WardProject;

beforeAll(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  const files = Object.fromEntries(
    Object.entries(wardFixtureFiles).map(([name, path]) => [
      name,
      new Uint8Array(readFileSync(join('test/fixtures', path))),
    ]),
  ) as WardFiles;
  ward = await buildWardProject(db, files);
});

describe('what an export reads', () => {
  it('counts pairs per state, records, mapping decisions and OCR corrections', async () => {
    const overview = await loadExportOverview(db, ward.project.id);
    expect(overview.pairsByState).toMatchObject({ approved: 45, rejected: 1, 'in-review': 0 });
    expect(overview).toMatchObject({ records: 229, mappings: 11, corrections: 1 });
  });

  it('adapts pairs as the command line does, with who approved them', async () => {
    const pairs = await loadExportablePairs(db, ward.project.id);
    expect(pairs).toHaveLength(46);
    const twoExpert = pairs.filter((pair) => pair.isTwoExpert);
    expect(twoExpert).toHaveLength(ward.twoExpert);
    expect(twoExpert[0]?.reviewerIds).toEqual([ward.people.wang.id, ward.people.liu.id].sort());
    const cited = pairs.find((pair) => pair.question.includes('patient 10006 in admission'));
    expect(cited?.groupKeys).toEqual(['patient:10006']);
    expect(cited?.tags).toEqual(['department:icu', 'topic:emergency', 'difficulty:easy']);
  });

  it('reads the same pairs a batch at a time, and by id in the order asked', async () => {
    // Another project's pairs with ids between the ward's, which a key-range read passes over.
    const [first] = await db.qaPairs.where('projectId').equals(ward.project.id).toArray();
    if (!first) throw new Error('the ward has pairs');
    const wardIds = await db.qaPairs.where('projectId').equals(ward.project.id).primaryKeys();
    await db.qaPairs.bulkAdd(
      wardIds.map((id) => ({ ...first, id: `${id}~other`, projectId: 'another-project' })),
    );
    const whole = await loadExportablePairs(db, ward.project.id);
    const source = exportablePairSource(db, ward.project.id);
    const scanned = [];
    for await (const batch of source.scan()) scanned.push(...batch);
    const byId = (left: { id: string }, right: { id: string }) => (left.id < right.id ? -1 : 1);
    expect([...scanned].sort(byId)).toEqual([...whole].sort(byId));
    const ids = whole.map((pair) => pair.id).reverse();
    expect((await source.read(ids)).map((pair) => pair.id)).toEqual(ids);
    await expect(source.read(['no-such-pair'])).rejects.toThrow(
      'Pair no-such-pair is no longer there',
    );
    await db.qaPairs.where('projectId').equals('another-project').delete();
  });

  it('reads records under canonical names and codes, a mapped value as its term', async () => {
    const sepsis = await db.terms.where('code').equals('29308-4').first();
    if (!sepsis) throw new Error('the starter dictionary has Diagnosis');
    const hemoglobin = await db.terms.where('code').equals('718-7').first();
    if (!hemoglobin) throw new Error('the starter dictionary has hemoglobin');
    await acceptMapping(db, ward.people.annotator, {
      projectId: ward.project.id,
      raw: 'SEPSIS',
      scope: valuesOf('DIAGNOSIS'),
      sourceId: ward.admissions.id,
      termId: hemoglobin.id,
      score: 1,
      reason: 'a value mapping, to see it travel',
    });
    const records = await loadExportableRecords(db, ward.project.id);
    expect(records).toHaveLength(229);
    const first = records[0];
    expect(first).toMatchObject({ source: 'ADMISSIONS.csv', line: 2 });
    expect(first?.fields.find((field) => field.raw === 'DIAGNOSIS')).toEqual({
      raw: 'DIAGNOSIS',
      rawValue: 'SEPSIS',
      name: 'Diagnosis',
      code: `LOINC:29308-4`,
      value: hemoglobin.nameEn,
      valueCode: `LOINC:718-7`,
    });
    expect(first?.fields.find((field) => field.raw === 'HADM_ID')).toEqual({
      raw: 'HADM_ID',
      rawValue: '142345',
      name: 'HADM_ID',
      value: '142345',
    });
    expect(await mappingTableSssom(db, ward.project)).toMatch(
      /^# mapping_set_title: Ward 7 field mappings$/m,
    );
  });

  it('records an export as exactly one audit event, keeping the chain whole', async () => {
    const before = await db.auditEvents.count();
    const { manifest } = await writeDataset(
      exportablePairSource(db, ward.project.id),
      {
        curation: {
          filter: defaultPairFilter,
          dedupe: null,
          split: { ratios: noSplit, seed: 0 },
          deidentify: null,
        },
        output: defaultOutputSettings,
      },
      { appVersion: '0.1.0', dictionaryVersion: 1, createdAt: '2026-11-23T10:00:00.000Z' },
      { writeFile: () => Promise.resolve() },
    );
    await recordDatasetExport(db, ward.people.engineer, manifest, 'tessera-Ward-7.zip');
    const events = await db.auditEvents.orderBy('seq').toArray();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      action: 'dataset.export',
      entity: 'export',
      actorName: 'Chen Hao',
      after: {
        location: 'tessera-Ward-7.zip',
        manifest: { kind: 'tessera-dataset', counts: { filtered: 45 } },
      },
    });
    expect(verifyChain(events)).toBeNull();
  });
});
