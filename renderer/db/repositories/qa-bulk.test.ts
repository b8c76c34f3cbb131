import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockBuilder, type UnassignedBlock } from '../../../shared/ingest/blocks';
import { parseDelimited } from '../../../shared/ingest/delimited';
import { decodeText } from '../../../shared/ingest/encoding';
import type { Profile } from '../../../shared/model/people';
import { importDraftFile } from '../../../shared/qa/import/file';
import { expandTemplate } from '../../../shared/qa/template-expand';
import { parseTemplate } from '../../../shared/qa/template-parse';
import { aliasKeysOf } from '../alias-keys';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { labTerm } from '../test-terms';
import { createProfile } from './profiles';
import { createProject } from './projects';
import {
  createFromTemplate,
  importDrafts,
  listPairs,
  listTemplates,
  listVersions,
  loadNormalizedRecords,
} from './qa';
import { importSource } from './sources';
import { acceptMapping } from './terminology';

let db: TesseraDatabase;
let annotator: Profile;
let projectId: string;

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  annotator = await createProfile(db, 'Li Na', 'annotator');
  projectId = (await createProject(db, annotator, 'Lab QA')).id;
});

const medquadFile = '9_CDC_QA/0000030.xml';
const medquad = () =>
  importDraftFile(
    '0000030.xml',
    new Uint8Array(readFileSync(`test/fixtures/qa/medquad/${medquadFile}`)),
    'strict',
  );

describe('importDrafts', () => {
  it('stores a MedQuAD file as pairs in review, in file order, with one audit event', async () => {
    const { drafts } = medquad();
    const events = await db.auditEvents.count();
    const pairs = await importDrafts(db, annotator, {
      projectId,
      fileName: '0000030.xml',
      drafts,
      isSubmitted: true,
    });
    expect(await db.auditEvents.count()).toBe(events + 1);
    expect(await db.auditEvents.orderBy('seq').last()).toMatchObject({
      action: 'qa.import',
      entity: 'project',
      entityId: projectId,
      after: { fileName: '0000030.xml', count: 5, state: 'in-review' },
    });
    const stored = (await listPairs(db, projectId)).sort((a, b) => a.id.localeCompare(b.id));
    expect(stored.map((pair) => pair.importedFrom?.line)).toEqual([10, 14, 21, 25, 31]);
    expect(stored.map((pair) => pair.id)).toEqual(pairs.map((pair) => pair.id));
    expect(stored[0]).toMatchObject({
      origin: 'imported',
      state: 'in-review',
      authorId: annotator.id,
      evidence: [{ kind: 'document', fileName: '0000030.xml', line: 10 }],
    });
    for (const pair of stored) expect(await listVersions(db, pair.id)).toHaveLength(1);
  });

  it('stores nothing when one draft is unusable, and says which line', async () => {
    const { drafts } = medquad();
    const broken = drafts.map((draft, index) => (index === 3 ? { ...draft, answer: ' ' } : draft));
    await expect(
      importDrafts(db, annotator, {
        projectId,
        fileName: '0000030.xml',
        drafts: broken,
        isSubmitted: false,
      }),
    ).rejects.toThrow('0000030.xml, line 25: the answer is empty.');
    expect(await db.qaPairs.count()).toBe(0);
    expect(await db.qaVersions.count()).toBe(0);
  });

  it('is not for clinical experts', async () => {
    const expert = await createProfile(db, 'Dr. Wang', 'clinical-expert');
    await expect(
      importDrafts(db, expert, {
        projectId,
        fileName: 'x.xml',
        drafts: medquad().drafts,
        isSubmitted: true,
      }),
    ).rejects.toThrow(/cannot draft/);
  });
});

/** test/fixtures/records/encodings/lab-gb18030.csv, imported as the app imports it. */
async function importLabFile(): Promise<string> {
  const fileName = 'lab-gb18030.csv';
  const bytes = new Uint8Array(readFileSync(`test/fixtures/records/encodings/${fileName}`));
  const builder = new BlockBuilder();
  const blocks: UnassignedBlock[] = [];
  const text = decodeText(fileName, bytes, 'gb18030');
  for (const item of parseDelimited(text, { fileName, mode: 'strict', delimiter: ',' })) {
    const block = builder.add(item);
    if (block) blocks.push(block);
  }
  const last = builder.flush();
  if (last) blocks.push(last);
  const { source } = await importSource(
    db,
    annotator,
    {
      projectId,
      fileName,
      format: 'csv',
      encoding: 'gb18030',
      size: bytes.length,
      sha256: 'c'.repeat(64),
      mode: 'strict',
    },
    blocks,
    { fields: builder.fieldNames, rowCount: builder.rowsSeen, skipped: [], profile: [] },
  );
  return source.id;
}

describe('templates over normalized records', () => {
  const hemoglobin = { ...labTerm('lab.hemoglobin', 'Hemoglobin', '718-7', ['HGB']) };

  beforeEach(async () => {
    const term = { ...hemoglobin, nameZh: '血红蛋白' };
    await db.terms.add({ ...term, aliasKeys: aliasKeysOf(term) });
    await db.meta.put({ key: 'dictionaryVersion', value: 1 });
  });

  it('read mapped test names under their canonical name, and draft one pair per measurement', async () => {
    const sourceId = await importLabFile();
    await acceptMapping(db, annotator, {
      projectId,
      sourceId,
      scope: 'value:检验项目',
      raw: '血红蛋白',
      termId: hemoglobin.id,
      score: 1,
      reason: 'exact',
    });
    const { fields, records } = await loadNormalizedRecords(db, projectId, sourceId);
    expect(fields).toEqual(['患者编号', '姓名', '性别', '检验项目', '结果', '单位', '参考范围']);
    expect(records.map((record) => record.fields['检验项目'])).toEqual([
      'Hemoglobin',
      '白细胞计数',
      'Hemoglobin',
      '谷丙转氨酶, ALT',
      expect.any(String),
    ]);

    const text = {
      question: '{性别}性患者{Hemoglobin}为{value}{unit}，是否贫血？',
      answer: '需结合参考范围{参考范围}判断。',
    };
    const parsed = parseTemplate(text, {
      fields,
      terms: [{ name: 'Hemoglobin', label: '血红蛋白' }],
    });
    const layout = {
      kind: 'long',
      testField: '检验项目',
      valueField: '结果',
      unitField: '单位',
    } as const;
    const { drafts, unmatched } = expandTemplate({ id: 'preview', parsed }, records, layout);
    expect(unmatched).toBe(3);
    const events = await db.auditEvents.count();
    const { template, pairs } = await createFromTemplate(db, annotator, {
      projectId,
      template: { name: 'Anaemia', ...text, tags: { free: ['贫血'] }, sourceId, layout },
      drafts,
      isSubmitted: true,
    });
    expect(await db.auditEvents.count()).toBe(events + 1);
    expect(pairs.map((pair) => pair.question)).toEqual([
      '男性患者血红蛋白为135g/L，是否贫血？',
      '女性患者血红蛋白为118g/L，是否贫血？',
    ]);
    expect(pairs[0]).toMatchObject({
      origin: 'generated',
      templateId: template.id,
      state: 'in-review',
      answer: '需结合参考范围130-175判断。',
      evidence: [{ kind: 'record', sourceId, sourceName: 'lab-gb18030.csv', line: 2 }],
    });
    expect(await listTemplates(db, projectId)).toEqual([template]);
  });
});
