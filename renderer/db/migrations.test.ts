import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { TesseraDatabase } from './database';
import { loadRecord, loadSourceRows } from './repositories/sources';
import { latestSchemaVersion } from './schema';

/** The version-1 schema exactly as it was released; never import it from schema.ts. */
const version1Stores = {
  profiles: 'id, name',
  projects: 'id, createdAt',
  sources: 'id, projectId, sha256',
  recordBlocks: '[sourceId+index], sourceId',
  terms: 'id, dictionaryId, code',
  mappings: 'id, projectId, &[projectId+raw], termId',
  qaPairs: 'id, projectId, state, [projectId+state]',
  reviews: 'id, qaPairId, reviewerId',
  auditEvents: '++seq, entity, entityId',
  meta: 'key',
};

describe('schema migrations', () => {
  it('opens a version-1 database with the current code and keeps every row', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tessera-old', { indexedDB, IDBKeyRange });
    old.version(1).stores(version1Stores);
    await old.open();
    await old.table('terms').add({
      id: 'lab.hemoglobin',
      dictionaryId: 'clinical-lab',
      domain: 'clinical-lab',
      system: 'LOINC',
      code: '718-7',
      nameEn: 'Hemoglobin',
      nameZh: '血红蛋白',
      abbreviations: ['HGB'],
      synonyms: [],
      units: ['g/L'],
      category: 'Hematology',
      status: 'active',
      learned: [{ text: 'Hb (g/L)', addedBy: 'user_1', addedAt: '2026-11-01T00:00:00Z' }],
      updatedAt: '2026-11-01T00:00:00Z',
    });
    await old
      .table('recordBlocks')
      .add({ sourceId: 's1', index: 0, firstRow: 0, lines: [2, 3], rows: [['a'], ['b']] });
    await old.table('auditEvents').add({ action: 'source.import', hash: 'h1' });
    await old
      .table('mappings')
      .add({ id: 'm1', projectId: 'p1', raw: 'HGB', termId: 'lab.hemoglobin' });
    await old
      .table('sources')
      .add({ id: 's1', projectId: 'p1', sha256: 'ab', fileName: 'a.csv', rowCount: 2 });
    old.close();

    const current = new TesseraDatabase('tessera-old', { indexedDB, IDBKeyRange });
    await current.open();
    expect(current.verno).toBe(latestSchemaVersion);
    expect(await current.recordBlocks.get(['s1', 0])).toMatchObject({
      rows: [['a'], ['b']],
      lines: [2, 3],
    });
    expect(await current.auditEvents.count()).toBe(1);
    expect(
      await current.mappings.where({ projectId: 'p1', scope: '', raw: 'HGB' }).first(),
    ).toMatchObject({ id: 'm1' });
    expect(await current.sources.get('s1')).toMatchObject({
      fileName: 'a.csv',
      rowCount: 2,
      status: 'ready',
      format: 'csv',
      mode: 'strict',
      skipped: [],
      profile: [],
    });
    const term = await current.terms.get('lab.hemoglobin');
    expect(term?.aliasKeys).toEqual(['hemoglobin', '血红蛋白', 'hgb', 'hb']);
    const byAlias = await current.terms.where('aliasKeys').equals('hb').toArray();
    expect(byAlias.map((found) => found.id)).toEqual(['lab.hemoglobin']);
    current.close();
  });

  it('recomputes stale alias keys of a version-3 database', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tessera-v3', { indexedDB, IDBKeyRange });
    old.version(3).stores({
      ...version1Stores,
      terms: 'id, dictionaryId, code, *aliasKeys',
      sources: 'id, projectId, sha256, status',
    });
    await old.open();
    await old.table('terms').add({
      id: 'lab.hemoglobin',
      dictionaryId: 'clinical-lab',
      nameEn: 'Hemoglobin',
      nameZh: '血红蛋白',
      abbreviations: [],
      synonyms: ['血紅蛋白'],
      learned: [],
      status: 'active',
      aliasKeys: ['stale'],
    });
    old.close();
    const current = new TesseraDatabase('tessera-v3', { indexedDB, IDBKeyRange });
    await current.open();
    expect(await current.terms.where('aliasKeys').equals('stale').count()).toBe(0);
    // The traditional spelling now folds to the simplified key.
    expect((await current.terms.get('lab.hemoglobin'))?.aliasKeys).toEqual([
      'hemoglobin',
      '血红蛋白',
    ]);
    current.close();
  });

  it('keys the mappings of a version-5 database by source system too', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tessera-v5', { indexedDB, IDBKeyRange });
    old.version(5).stores({
      ...version1Stores,
      terms: 'id, dictionaryId, code, *aliasKeys',
      sources: 'id, projectId, sha256, status',
      mappings: 'id, projectId, &[projectId+scope+raw], termId',
    });
    await old.open();
    await old.table('mappings').add({
      id: 'm1',
      projectId: 'p1',
      scope: 'value:OBX-3.1',
      raw: 'HGB-7',
      termId: 'lab.hemoglobin',
      status: 'accepted',
    });
    old.close();

    const current = new TesseraDatabase('tessera-v5', { indexedDB, IDBKeyRange });
    await current.open();
    const key = { projectId: 'p1', scope: 'value:OBX-3.1', raw: 'HGB-7' };
    expect(await current.mappings.where({ ...key, sourceSystem: '' }).first()).toMatchObject({
      id: 'm1',
      sourceSystem: '',
    });
    // One decision per system now fits beside the one for every system, but not a second one.
    await current.mappings.add({
      ...key,
      id: 'm2',
      sourceSystem: 'LIS-B',
      termId: 'lab.hba1c',
      status: 'accepted',
      score: 1,
      reason: '',
      decidedBy: 'u',
      decidedAt: '2026-11-29T00:00:00.000Z',
      dictionaryVersion: 2,
    });
    await expect(
      current.mappings.add({
        ...key,
        id: 'm3',
        sourceSystem: '',
        termId: 'lab.glucose',
        status: 'accepted',
        score: 1,
        reason: '',
        decidedBy: 'u',
        decidedAt: '2026-11-29T00:00:00.000Z',
        dictionaryVersion: 2,
      }),
    ).rejects.toThrow(/ConstraintError|unique/i);
    expect(await current.mappings.where({ ...key, sourceSystem: 'LIS-B' }).count()).toBe(1);
    current.close();
  });

  it('gives every QA pair of a version-7 database its content as version 1', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tessera-v7', { indexedDB, IDBKeyRange });
    old.version(7).stores({
      ...version1Stores,
      terms: 'id, dictionaryId, code, *aliasKeys',
      sources: 'id, projectId, sha256, status',
      mappings: 'id, projectId, &[projectId+scope+sourceSystem+raw], termId',
      scans: 'id, projectId, [projectId+sha256]',
      scanPages: 'id, scanId, projectId',
      ocrCorrections: 'id, pageId, scanId, projectId',
      formTemplates: 'id, projectId',
      languagePacks: 'code',
    });
    await old.open();
    // A pair as the first release stored it: no tags, no origin.
    const evidence = {
      kind: 'record',
      sourceId: 's1',
      sourceName: 'ADMISSIONS.csv',
      row: 0,
      line: 2,
      fields: { DIAGNOSIS: 'SEPSIS' },
    };
    await old.table('qaPairs').add({
      id: 'qa_1',
      projectId: 'p1',
      question: 'What was the admitting diagnosis?',
      answer: 'Sepsis.',
      evidence: [evidence],
      state: 'approved',
      authorId: 'user_1',
      createdAt: '2026-11-01T08:00:00.000Z',
      updatedAt: '2026-11-02T08:00:00.000Z',
      version: 1,
    });
    await old.table('reviews').add({
      id: 'review_1',
      qaPairId: 'qa_1',
      pairVersion: 1,
      reviewerId: 'user_2',
      decision: 'approve',
      comment: '',
      at: '2026-11-02T08:00:00.000Z',
    });
    old.close();

    const current = new TesseraDatabase('tessera-v7', { indexedDB, IDBKeyRange });
    await current.open();
    expect(current.verno).toBe(latestSchemaVersion);
    expect(await current.qaVersions.where('qaPairId').equals('qa_1').toArray()).toEqual([
      {
        id: 'qa_1@1',
        qaPairId: 'qa_1',
        version: 1,
        question: 'What was the admitting diagnosis?',
        answer: 'Sepsis.',
        tags: { free: [] },
        evidence: [evidence],
        editedBy: 'user_1',
        editedAt: '2026-11-01T08:00:00.000Z',
        changed: [],
      },
    ]);
    expect(await current.qaPairs.get('qa_1')).toMatchObject({ state: 'approved', version: 1 });
    // The new indexes hold the rows stored before them.
    const changedSince = await current.qaPairs
      .where('[projectId+updatedAt]')
      .aboveOrEqual(['p1', '2026-11-02T00:00:00.000Z'])
      .primaryKeys();
    expect(changedSince).toEqual(['qa_1']);
    expect(await current.reviews.where('at').aboveOrEqual('2026-11-02').primaryKeys()).toEqual([
      'review_1',
    ]);
    expect(await current.qaTemplates.count()).toBe(0);
    current.close();
  });

  it('reads the blocks of a version-8 database, rows as values, as before text blocks', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tessera-v8', { indexedDB, IDBKeyRange });
    old.version(8).stores({
      ...version1Stores,
      terms: 'id, dictionaryId, code, *aliasKeys',
      sources: 'id, projectId, sha256, status',
      mappings: 'id, projectId, &[projectId+scope+sourceSystem+raw], termId',
      scans: 'id, projectId, [projectId+sha256]',
      scanPages: 'id, scanId, projectId',
      ocrCorrections: 'id, pageId, scanId, projectId',
      formTemplates: 'id, projectId',
      languagePacks: 'code',
      qaVersions: 'id, qaPairId',
      qaTemplates: 'id, projectId',
      qaPairs: 'id, projectId, state, [projectId+state], [projectId+updatedAt]',
      reviews: 'id, qaPairId, reviewerId, at',
    });
    await old.open();
    await old.table('sources').add({
      id: 's1',
      projectId: 'p1',
      fileName: 'ADMISSIONS.csv',
      fields: ['ROW_ID', 'DIAGNOSIS'],
      status: 'ready',
    });
    await old.table('recordBlocks').bulkAdd([
      {
        sourceId: 's1',
        index: 0,
        firstRow: 0,
        lines: [2, 3],
        rows: [
          ['21', 'SEPSIS'],
          ['22', 'HYPOTENSION'],
        ],
      },
      { sourceId: 's1', index: 1, firstRow: 2, lines: [5], rows: [['23', 'FEVER, "HIGH"']] },
    ]);
    old.close();

    const current = new TesseraDatabase('tessera-v8', { indexedDB, IDBKeyRange });
    await current.open();
    expect(await loadSourceRows(current, 's1')).toEqual({
      rows: [
        ['21', 'SEPSIS'],
        ['22', 'HYPOTENSION'],
        ['23', 'FEVER, "HIGH"'],
      ],
      lines: [2, 3, 5],
    });
    expect(await loadRecord(current, 's1', 2)).toEqual({
      sourceName: 'ADMISSIONS.csv',
      line: 5,
      fields: { ROW_ID: '23', DIAGNOSIS: 'FEVER, "HIGH"' },
    });
    current.close();
  });
});
