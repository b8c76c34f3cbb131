/**
 * Test support: a project built the way people build one in the app, through the app's
 * repositories, from the real fixtures (see `wardFixtureFiles` for which): MIMIC-III demo
 * admissions and patients imported with the app's parsers, the starter dictionaries, a mapping
 * decision, a scanned page with an OCR correction, the planted-identifier pairs of
 * test/fixtures/deid imported as drafts, and pairs written from MIMIC admissions (some repeated
 * or reworded, as people do) reviewed by two clinical experts.
 *
 * The bundle tests build it in memory; test/fixtures/bundle/make-bundle.mjs exports it as the
 * bundle the end-to-end tests import. The caller reads the files, so this module runs anywhere.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BlockBuilder, type UnassignedBlock } from '../../../shared/ingest/blocks';
import { detect, openStream } from '../../../shared/ingest/open';
import type { Profile } from '../../../shared/model/people';
import type { QaDraft, QaPair, RecordEvidence } from '../../../shared/model/qa';
import type { Project, Source } from '../../../shared/model/records';
import type { OcrWord } from '../../../shared/ocr/types';
import type { TesseraDatabase } from '../database';
import { createProfile } from './profiles';
import { createProject } from './projects';
import { createPair, importDrafts, reviewPair, setReviewPolicy } from './qa';
import { addScan, decideWords, saveOcrResult } from './scans';
import { importSource } from './sources';
import { acceptMapping, installStarterDictionaries } from './terminology';

/** The fixture files the project is built from, by path under test/fixtures. */
export const wardFixtureFiles = {
  admissions: 'records/mimic-iii-demo/ADMISSIONS.csv',
  patients: 'records/mimic-iii-demo/PATIENTS.csv',
  plantedPairs: 'deid/pairs.jsonl',
  page: 'scans/tesseract-test/phototest.png',
} as const;

export type WardFiles = Record<keyof typeof wardFixtureFiles, Uint8Array>;

export interface WardProject {
  project: Project;
  people: Record<'annotator' | 'wang' | 'liu' | 'lead' | 'engineer', Profile>;
  admissions: Source;
  /** Pairs approved at the end, and how many of them two experts approved. */
  approved: number;
  twoExpert: number;
}

/** Minutes after a fixed morning, so every run writes the same times. */
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, 0) + minute * 60_000);

async function importCsv(
  db: TesseraDatabase,
  actor: Profile,
  projectId: string,
  path: string,
  bytes: Uint8Array,
): Promise<Source> {
  const fileName = path.split('/').at(-1) ?? path;
  const { settings } = await detect(fileName, bytes);
  const builder = new BlockBuilder();
  const blocks: UnassignedBlock[] = [];
  for await (const item of openStream(fileName, bytes, settings)) {
    const block = builder.add(item);
    if (block) blocks.push(block);
  }
  const last = builder.flush();
  if (last) blocks.push(last);
  const { source } = await importSource(
    db,
    actor,
    {
      projectId,
      fileName,
      format: settings.format,
      encoding: settings.encoding,
      delimiter: settings.delimiter,
      size: bytes.byteLength,
      sha256: bytesToHex(sha256(bytes)),
      mode: 'strict',
    },
    blocks,
    { fields: builder.fieldNames, rowCount: builder.rowsSeen, skipped: [], profile: [] },
  );
  return source;
}

function csvRows(bytes: Uint8Array): Record<string, string>[] {
  const [header = '', ...lines] = new TextDecoder().decode(bytes).trim().split('\n');
  const names = header.split(',');
  // The MIMIC demo's quoted fields hold no commas in the columns read here.
  return lines.map((line) => {
    const values = line.split(',').map((value) => value.replace(/^"|"$/g, ''));
    return Object.fromEntries(names.map((name, index) => [name, values[index] ?? '']));
  });
}

function sentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export async function buildWardProject(
  db: TesseraDatabase,
  files: WardFiles,
): Promise<WardProject> {
  await installStarterDictionaries(db, at(0));
  const people = {
    annotator: await createProfile(db, 'Li Na', 'annotator', at(1)),
    wang: await createProfile(db, 'Dr. Wang', 'clinical-expert', at(2)),
    liu: await createProfile(db, 'Dr. Liu', 'clinical-expert', at(3)),
    lead: await createProfile(db, 'Zhao Min', 'governance-lead', at(4)),
    engineer: await createProfile(db, 'Chen Hao', 'ml-engineer', at(5)),
  };
  const project = await createProject(db, people.annotator, 'Ward 7', at(6));
  const admissions = await importCsv(
    db,
    people.annotator,
    project.id,
    wardFixtureFiles.admissions,
    files.admissions,
  );
  await importCsv(db, people.annotator, project.id, wardFixtureFiles.patients, files.patients);
  const admitTime = await db.terms.where('code').equals('REC-ADMIT-TIME').first();
  if (admitTime)
    await acceptMapping(
      db,
      people.annotator,
      {
        projectId: project.id,
        raw: 'ADMITTIME',
        sourceId: admissions.id,
        termId: admitTime.id,
        score: 0.93,
        reason: 'synonym "Admit time" of Admission date/time, 1 edit',
      },
      at(9),
    );

  await addScanWithCorrection(db, people.annotator, project.id, files.page);

  // The planted-identifier pairs, as a file of drafts sent to review.
  const planted = new TextDecoder()
    .decode(files.plantedPairs)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as QaPair);
  const drafts: QaDraft[] = planted.map((pair) => ({
    question: pair.question,
    answer: pair.answer,
    evidence: pair.evidence,
    tags: { department: 'general', free: ['planted-identifiers'] },
    origin: 'imported',
  }));
  const imported = await importDrafts(
    db,
    people.annotator,
    { projectId: project.id, fileName: 'pairs.jsonl', drafts, isSubmitted: true },
    at(20),
  );

  // Pairs written from admissions: one per admission of the first 30, two repeats of the same
  // question and two rewordings, so dedupe has something to find.
  const rows = csvRows(files.admissions).slice(0, 30);
  const written: QaPair[] = [];
  let minute = 40;
  const write = async (row: number, question: string, answer: string, topic: string) => {
    const fields = rows[row] ?? {};
    const evidence: RecordEvidence = {
      kind: 'record',
      sourceId: admissions.id,
      sourceName: admissions.fileName,
      row,
      line: row + 2,
      fields: {
        SUBJECT_ID: fields['SUBJECT_ID'] ?? '',
        HADM_ID: fields['HADM_ID'] ?? '',
        ADMISSION_TYPE: fields['ADMISSION_TYPE'] ?? '',
        DIAGNOSIS: fields['DIAGNOSIS'] ?? '',
      },
    };
    written.push(
      await createPair(
        db,
        people.annotator,
        {
          projectId: project.id,
          question,
          answer,
          evidence: [evidence],
          tags: {
            department: 'icu',
            topic,
            difficulty: 'easy',
            free: [],
          },
          isSubmitted: true,
        },
        at(minute++),
      ),
    );
  };
  for (const [index, row] of rows.entries())
    await write(
      index,
      `What was the admitting diagnosis of patient ${row['SUBJECT_ID']} in admission ${row['HADM_ID']}?`,
      `${sentenceCase(row['DIAGNOSIS'] ?? '')}.`,
      (row['ADMISSION_TYPE'] ?? 'other').toLowerCase(),
    );
  const first = rows[0] ?? {};
  await write(
    0,
    `What was the admitting diagnosis of patient ${first['SUBJECT_ID']} in admission ${first['HADM_ID']}?`,
    `${sentenceCase(first['DIAGNOSIS'] ?? '')}.`,
    'emergency',
  );
  await write(
    0,
    `what was the admitting diagnosis of patient ${first['SUBJECT_ID']} in admission ${first['HADM_ID']} ?`,
    `${sentenceCase(first['DIAGNOSIS'] ?? '')}.`,
    'emergency',
  );
  await write(
    0,
    `What was the admitting diagnosis for patient ${first['SUBJECT_ID']} in admission ${first['HADM_ID']}?`,
    `${sentenceCase(first['DIAGNOSIS'] ?? '')}.`,
    'emergency',
  );

  // Dr. Wang approves nearly everything, rejects one and leaves two in review.
  let approved = 0;
  const toReview = [...imported, ...written];
  for (const [index, pair] of toReview.entries()) {
    if (index === 5) {
      await reviewPair(
        db,
        people.wang,
        pair.id,
        'reject',
        'The answer does not follow from the record.',
        {
          now: at(200 + index),
        },
      );
      continue;
    }
    if (index === 6 || index === 7) continue;
    await reviewPair(db, people.wang, pair.id, 'approve', '', { now: at(200 + index) });
    approved++;
  }
  // Under the two-expert rule, Dr. Wang and Dr. Liu both approve the two left in review.
  await setReviewPolicy(db, people.lead, project.id, { isTwoExpertRule: true }, at(300));
  for (const [offset, pair] of [toReview[6], toReview[7]].entries()) {
    if (!pair) continue;
    await reviewPair(db, people.wang, pair.id, 'approve', '', { now: at(301 + offset) });
    await reviewPair(db, people.liu, pair.id, 'approve', '', { now: at(303 + offset) });
    approved++;
  }
  return { project, people, admissions, approved, twoExpert: 2 };
}

async function addScanWithCorrection(
  db: TesseraDatabase,
  actor: Profile,
  projectId: string,
  png: Uint8Array,
): Promise<void> {
  const scan = await addScan(
    db,
    actor,
    {
      projectId,
      fileName: 'phototest.png',
      kind: 'png',
      size: png.byteLength,
      sha256: '0'.repeat(64),
    },
    [{ width: 640, height: 480, image: new Blob([png as BlobPart], { type: 'image/png' }) }],
    at(10),
  );
  const pageId = `${scan.id}:1`;
  // The first words of the page as an engine reads them, one of them misread.
  const words: OcrWord[] = [
    { text: 'This', confidence: 95, bbox: [36, 92, 96, 116], line: 0 },
    { text: 'is', confidence: 94, bbox: [109, 92, 129, 116], line: 0 },
    { text: 'a', confidence: 96, bbox: [141, 98, 156, 116], line: 0 },
    { text: '1ot', confidence: 41, bbox: [169, 92, 201, 116], line: 0 },
  ];
  await saveOcrResult(db, actor, pageId, {
    engine: 'tesseract.js 7.0.0 (LSTM)',
    settings: {
      languages: ['eng'],
      mode: 'auto',
      contrast: false,
      threshold: false,
      deskew: false,
      upscale: false,
      orientation: false,
    },
    steps: [],
    text: 'This is a 1ot',
    confidence: 81,
    words,
    at: at(11).toISOString(),
    durationMs: 640,
  });
  await decideWords(
    db,
    actor,
    [
      {
        page: { id: pageId, scanId: scan.id, projectId },
        wordIndex: 3,
        engineText: '1ot',
        bbox: [169, 92, 201, 116],
        confidence: 41,
      },
    ],
    'lot',
    at(12),
  );
}
