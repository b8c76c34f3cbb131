import { beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import type { Profile } from '../../../shared/model/people';
import type { RecordEvidence } from '../../../shared/model/qa';
import { aliasKeysOf } from '../alias-keys';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { recordExport } from './exports';
import { createProfile } from './profiles';
import { createProject } from './projects';
import { createPair, reviewPair } from './qa';
import type { UnassignedBlock } from '../../../shared/ingest/blocks';
import {
  abandonImport,
  appendBlocks,
  beginImport,
  deleteSource,
  findSameFile,
  importSource,
  listSources,
  loadRecord,
  removeInterruptedImports,
} from './sources';
import { acceptMapping, loadFieldNames, readDictionaryVersion } from './terminology';

let db: TesseraDatabase;
let annotator: Profile;
let expert: Profile;

async function auditCount(): Promise<number> {
  return db.auditEvents.count();
}

/** Runs a mutation and returns how many audit events it wrote. */
async function eventsWrittenBy(mutation: () => Promise<unknown>): Promise<number> {
  const before = await auditCount();
  await mutation();
  return (await auditCount()) - before;
}

const maritalStatus = {
  id: 'record.marital-status',
  dictionaryId: 'clinical-record',
  domain: 'clinical-record' as const,
  system: 'LOINC' as const,
  code: '45404-1',
  nameEn: 'Marital status',
  nameZh: '婚姻状况',
  abbreviations: [],
  synonyms: [],
  units: [],
  category: 'Demographics',
  status: 'active' as const,
  learned: [],
  updatedAt: '',
};

function csvImport(projectId: string): Parameters<typeof importSource>[2] {
  return {
    projectId,
    fileName: 'ADMISSIONS.csv',
    format: 'csv',
    encoding: 'utf-8',
    size: 100,
    sha256: 'a'.repeat(64),
    mode: 'strict',
  };
}

const twoRows: UnassignedBlock[] = [
  {
    index: 0,
    firstRow: 0,
    lines: [2, 3],
    rows: [
      ['10006', 'SEPARATED'],
      ['10011', 'SINGLE'],
    ],
  },
];

function rowsOf(fields: string[]) {
  return { fields, rowCount: 2, skipped: [], profile: [] };
}

async function importRows(projectId: string, fields: string[], blocks = twoRows) {
  return importSource(db, annotator, csvImport(projectId), blocks, rowsOf(fields));
}

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  await db.terms.add({ ...maritalStatus, aliasKeys: aliasKeysOf(maritalStatus) });
  await db.meta.put({ key: 'dictionaryVersion', value: 1 });
  annotator = await createProfile(db, 'Li Na', 'annotator');
  expert = await createProfile(db, 'Dr. Wang', 'clinical-expert');
});

describe('every mutation writes exactly one audit event', () => {
  it('from project to export, the journey leaves one event per step and an intact chain', async () => {
    let projectId = '';
    expect(
      await eventsWrittenBy(
        async () => ({ id: projectId } = await createProject(db, annotator, 'Lab QA')),
      ),
    ).toBe(1);

    let sourceId = '';
    expect(
      await eventsWrittenBy(async () => {
        ({
          source: { id: sourceId },
        } = await importRows(projectId, ['SUBJECT_ID', 'MARITAL_STAT']));
      }),
    ).toBe(1);

    expect(
      await eventsWrittenBy(() =>
        acceptMapping(db, annotator, {
          projectId,
          sourceId,
          raw: 'MARITAL_STAT',
          termId: maritalStatus.id,
          score: 0.8,
          reason: 'r',
        }),
      ),
    ).toBe(1);

    const record = await loadRecord(db, sourceId, 1);
    expect(record).toEqual({
      sourceName: 'ADMISSIONS.csv',
      line: 3,
      fields: { SUBJECT_ID: '10011', MARITAL_STAT: 'SINGLE' },
    });
    const evidence: RecordEvidence = { kind: 'record', sourceId, row: 1, ...record! };
    let pairId = '';
    expect(
      await eventsWrittenBy(async () => {
        ({ id: pairId } = await createPair(db, annotator, {
          projectId,
          question: 'What is the marital status of patient 10011?',
          answer: 'Single.',
          evidence: [evidence],
          isSubmitted: true,
        }));
      }),
    ).toBe(1);
    expect(await eventsWrittenBy(() => reviewPair(db, expert, pairId, 'approve', ''))).toBe(1);
    expect((await db.qaPairs.get(pairId))?.state).toBe('approved');

    const manifest = {
      tessera: { version: '0.1.0' },
      createdAt: '',
      createdBy: 'x',
      project: 'Lab QA',
      dictionaryVersion: 2,
      filters: {},
      files: [],
    };
    expect(await eventsWrittenBy(() => recordExport(db, annotator, manifest, 'out'))).toBe(1);

    const events = await db.auditEvents.orderBy('seq').toArray();
    expect(events.map((event) => event.action)).toEqual([
      'profile.create',
      'profile.create',
      'project.create',
      'source.import',
      'mapping.accept',
      'qa.create',
      'qa.approve',
      'dataset.export',
    ]);
    expect(verifyChain(events)).toBeNull();
  });
});

describe('mappings teach the dictionary', () => {
  it('an accepted raw header becomes a synonym, so the next import maps it by itself', async () => {
    const project = await createProject(db, annotator, 'P');
    const { source } = await importRows(project.id, ['SUBJECT_ID', 'MARITAL_STAT']);
    expect(
      (await loadFieldNames(db, project.id, source.fields)).map((name) => name.canonical?.code),
    ).toEqual([undefined, undefined]);

    await acceptMapping(db, annotator, {
      projectId: project.id,
      sourceId: source.id,
      raw: 'MARITAL_STAT',
      termId: maritalStatus.id,
      score: 0.8,
      reason: 'r',
    });
    expect(await readDictionaryVersion(db)).toBe(2);
    const term = await db.terms.get(maritalStatus.id);
    expect(term?.learned).toEqual([
      expect.objectContaining({ text: 'MARITAL_STAT', addedBy: annotator.id, sourceId: source.id }),
    ]);

    const other = await createProject(db, annotator, 'Another project');
    const { automaticMappings } = await importRows(other.id, ['MARITAL_STAT']);
    expect(automaticMappings).toEqual([
      expect.objectContaining({
        raw: 'MARITAL_STAT',
        termId: maritalStatus.id,
        status: 'automatic',
        dictionaryVersion: 2,
      }),
    ]);
    const names = await loadFieldNames(db, other.id, ['MARITAL_STAT']);
    expect(names[0]?.canonical?.name).toBe('Marital status');
  });
});

describe('failed mutations store nothing', () => {
  it('an import whose blocks cannot be written leaves no source and no audit event', async () => {
    const project = await createProject(db, annotator, 'P');
    const before = await auditCount();
    await expect(importRows(project.id, ['A', 'B'], [...twoRows, ...twoRows])).rejects.toThrow();
    expect(await db.sources.count()).toBe(0);
    expect(await db.recordBlocks.count()).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('only a clinical expert can review, and a refused review changes nothing', async () => {
    const project = await createProject(db, annotator, 'P');
    const { source } = await importRows(project.id, ['A', 'B']);
    const record = await loadRecord(db, source.id, 0);
    const pair = await createPair(db, annotator, {
      projectId: project.id,
      question: 'Q?',
      answer: 'A.',
      evidence: [{ kind: 'record', sourceId: source.id, row: 0, ...record! }],
      isSubmitted: true,
    });
    const before = await auditCount();
    await expect(reviewPair(db, annotator, pair.id, 'approve', '')).rejects.toThrow(
      /Only a clinical expert/,
    );
    await expect(reviewPair(db, expert, pair.id, 'reject', '  ')).rejects.toThrow(/needs a reason/);
    expect((await db.qaPairs.get(pair.id))?.state).toBe('in-review');
    expect(await auditCount()).toBe(before);
    expect(await db.reviews.count()).toBe(0);
  });
});

describe('imports commit whole or not at all', () => {
  it('a cancelled import leaves the database exactly as it was', async () => {
    const project = await createProject(db, annotator, 'P');
    const before = { audit: await auditCount(), sources: await db.sources.count() };
    const source = await beginImport(db, annotator, csvImport(project.id));
    await appendBlocks(db, source.id, twoRows);
    expect(await listSources(db, project.id)).toEqual([]);
    await abandonImport(db, source.id);
    expect(await db.sources.count()).toBe(before.sources);
    expect(await db.recordBlocks.count()).toBe(0);
    expect(await auditCount()).toBe(before.audit);
  });

  it('an import interrupted by a crash is removed at the next start, a running one is not', async () => {
    const project = await createProject(db, annotator, 'P');
    const old = await beginImport(
      db,
      annotator,
      csvImport(project.id),
      new Date('2026-11-28T00:00:00Z'),
    );
    const running = await beginImport(
      db,
      annotator,
      csvImport(project.id),
      new Date('2026-11-29T09:59:00Z'),
    );
    expect(
      await removeInterruptedImports(db, 60 * 60 * 1000, new Date('2026-11-29T10:00:00Z')),
    ).toBe(1);
    expect(await db.sources.get(old.id)).toBeUndefined();
    expect(await db.sources.get(running.id)).toBeDefined();
  });

  it('the same bytes are found again, and deleting a source is audited and frees it for re-import', async () => {
    const project = await createProject(db, annotator, 'P');
    const { source } = await importRows(project.id, ['A', 'B']);
    expect((await findSameFile(db, project.id, 'a'.repeat(64))).map((found) => found.id)).toEqual([
      source.id,
    ]);
    expect(await eventsWrittenBy(() => deleteSource(db, annotator, source.id))).toBe(1);
    expect(await db.recordBlocks.where('sourceId').equals(source.id).count()).toBe(0);
    expect(await findSameFile(db, project.id, 'a'.repeat(64))).toEqual([]);
    const last = await db.auditEvents.orderBy('seq').last();
    expect(last).toMatchObject({
      action: 'source.delete',
      before: { fileName: 'ADMISSIONS.csv', rowCount: 2 },
    });
  });
});
