import { beforeEach, describe, expect, it } from 'vitest';
import type { OcrResult, ScanPage } from '../../../shared/model/scans';
import type { OcrWord } from '../../../shared/ocr/types';
import type { Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import {
  addScan,
  decideWords,
  deleteScan,
  findSameScan,
  listCorrections,
  listPages,
  saveOcrResult,
  undoDecision,
} from './scans';

let db: TesseraDatabase;
const actor: Actor = { id: 'profile-1', name: 'Li Na' };

const words: OcrWord[] = [
  { text: 'Hb', confidence: 96, bbox: [10, 10, 40, 30], line: 0 },
  { text: '1O4', confidence: 42, bbox: [50, 10, 90, 30], line: 0 },
];

function result(confidence = 69): OcrResult {
  return {
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
    text: 'Hb 1O4',
    confidence,
    words,
    at: '2026-11-29T10:00:00.000Z',
    durationMs: 640,
  };
}

async function twoPageScan(): Promise<ScanPage[]> {
  const scan = await addScan(
    db,
    actor,
    {
      projectId: 'project-1',
      fileName: 'ward.tif',
      kind: 'tiff',
      size: 2048,
      sha256: 'ab'.repeat(32),
    },
    [
      { width: 100, height: 40, image: new Blob(['page one']) },
      { width: 100, height: 40, image: new Blob(['page two']) },
    ],
  );
  return listPages(db, scan.id);
}

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
});

describe('scans repository', () => {
  it('stores a scan with its pages, unread, and finds it again by hash', async () => {
    const pages = await twoPageScan();
    expect(pages.map((page) => [page.page, page.ocr])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect((await findSameScan(db, 'project-1', 'ab'.repeat(32)))?.fileName).toBe('ward.tif');
    expect(await findSameScan(db, 'project-2', 'ab'.repeat(32))).toBeUndefined();
    const audit = await db.auditEvents.toArray();
    expect(audit.map((event) => event.action)).toEqual(['scan:import']);
  });

  it('keeps the engine reading and each decision apart, and undo removes only the decision', async () => {
    const [page] = await twoPageScan();
    if (!page) throw new Error('no page');
    await saveOcrResult(db, actor, page.id, result());
    const ref = { page, wordIndex: 1, engineText: '1O4', bbox: words[1]!.bbox, confidence: 42 };
    await decideWords(db, actor, [ref], '104');
    await decideWords(db, actor, [ref], '10.4');
    const decisions = await listCorrections(db, { pageId: page.id });
    expect(decisions.map((decision) => [decision.engineText, decision.text])).toEqual([
      ['1O4', '10.4'],
    ]);
    expect((await db.scanPages.get(page.id))?.ocr?.words[1]?.text).toBe('1O4');
    await undoDecision(db, actor, decisions[0]!.id);
    expect(await listCorrections(db, { pageId: page.id })).toEqual([]);
    const actions = (await db.auditEvents.toArray()).map((event) => event.action);
    expect(actions).toEqual([
      'scan:import',
      'scan:ocr',
      'scan:correct-word',
      'scan:correct-word',
      'scan:undo-word',
    ]);
  });

  it('applies one correction across a batch as one audited decision', async () => {
    const pages = await twoPageScan();
    for (const page of pages) await saveOcrResult(db, actor, page.id, result());
    const refs = pages.map((page) => ({
      page,
      wordIndex: 1,
      engineText: '1O4',
      bbox: words[1]!.bbox,
      confidence: 42,
    }));
    await decideWords(db, actor, refs, '104');
    const decided = await listCorrections(db, { projectId: 'project-1' });
    expect(decided.map((c) => `${c.pageId}:${c.text}`).sort()).toEqual(
      pages.map((page) => `${page.id}:104`).sort(),
    );
    const last = (await db.auditEvents.toArray()).at(-1);
    expect(last?.action).toBe('scan:correct-word');
    expect(last?.after).toEqual({ text: '104', words: pages.map((page) => `${page.id}#1`) });
  });

  it('sets decisions aside when a page is read again: word numbers no longer match', async () => {
    const [page] = await twoPageScan();
    if (!page) throw new Error('no page');
    await saveOcrResult(db, actor, page.id, result());
    await decideWords(
      db,
      actor,
      [{ page, wordIndex: 0, engineText: 'Hb', bbox: words[0]!.bbox, confidence: 96 }],
      'Hb',
    );
    await saveOcrResult(db, actor, page.id, result(80));
    expect(await listCorrections(db, { pageId: page.id })).toEqual([]);
    expect((await db.auditEvents.toArray()).at(-1)?.before).toEqual({
      confidence: 69,
      words: 2,
      corrections: 1,
    });
  });

  it('deletes a scan with its pages and decisions, audited', async () => {
    const [page] = await twoPageScan();
    if (!page) throw new Error('no page');
    await saveOcrResult(db, actor, page.id, result());
    await decideWords(
      db,
      actor,
      [{ page, wordIndex: 1, engineText: '1O4', bbox: words[1]!.bbox, confidence: 42 }],
      '104',
    );
    await deleteScan(db, actor, page.scanId);
    expect(await db.scanPages.count()).toBe(0);
    expect(await db.ocrCorrections.count()).toBe(0);
    expect((await db.auditEvents.toArray()).at(-1)?.action).toBe('scan:delete');
  });
});
