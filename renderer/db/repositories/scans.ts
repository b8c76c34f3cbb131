import { newId } from '../../../shared/model/ids';
import type {
  LanguagePack,
  OcrCorrection,
  OcrResult,
  Scan,
  ScanPage,
  StoredTemplate,
} from '../../../shared/model/scans';
import type { BBox } from '../../../shared/ocr/types';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';

export interface NewScan {
  projectId: string;
  fileName: string;
  kind: Scan['kind'];
  size: number;
  sha256: string;
}

export interface NewPage {
  width: number;
  height: number;
  image: Blob;
  dpi?: number;
}

/** Stores a scan and all its page images at once: a scan is either wholly there or not at all. */
export async function addScan(
  db: TesseraDatabase,
  actor: Actor,
  file: NewScan,
  pages: readonly NewPage[],
  now = new Date(),
): Promise<Scan> {
  const scan: Scan = {
    id: newId('scan', now),
    ...file,
    pageCount: pages.length,
    importedBy: actor.id,
    importedAt: now.toISOString(),
  };
  await db.transaction('rw', db.scans, db.scanPages, db.auditEvents, async () => {
    await db.scans.add(scan);
    await db.scanPages.bulkAdd(
      pages.map((page, index) => ({
        id: `${scan.id}:${index + 1}`,
        scanId: scan.id,
        projectId: scan.projectId,
        page: index + 1,
        width: page.width,
        height: page.height,
        image: page.image,
        ...(page.dpi === undefined ? {} : { dpi: page.dpi }),
        ocr: null,
      })),
    );
    await appendAudit(
      db,
      actor,
      { action: 'scan:import', entity: 'scan', entityId: scan.id, before: null, after: scan },
      now,
    );
  });
  return scan;
}

export async function findSameScan(
  db: TesseraDatabase,
  projectId: string,
  sha256: string,
): Promise<Scan | undefined> {
  return db.scans.where({ projectId, sha256 }).first();
}

export async function listScans(db: TesseraDatabase, projectId: string): Promise<Scan[]> {
  const scans = await db.scans.where({ projectId }).toArray();
  return scans.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
}

export async function listPages(db: TesseraDatabase, scanId: string): Promise<ScanPage[]> {
  const pages = await db.scanPages.where({ scanId }).toArray();
  return pages.sort((a, b) => a.page - b.page);
}

export async function listProjectPages(
  db: TesseraDatabase,
  projectId: string,
): Promise<ScanPage[]> {
  return db.scanPages.where({ projectId }).toArray();
}

export async function deleteScan(db: TesseraDatabase, actor: Actor, scanId: string): Promise<void> {
  await db.transaction(
    'rw',
    [db.scans, db.scanPages, db.ocrCorrections, db.auditEvents],
    async () => {
      const scan = await db.scans.get(scanId);
      if (scan === undefined) return;
      await db.scanPages.where({ scanId }).delete();
      await db.ocrCorrections.where({ scanId }).delete();
      await db.scans.delete(scanId);
      await appendAudit(db, actor, {
        action: 'scan:delete',
        entity: 'scan',
        entityId: scanId,
        before: scan,
        after: null,
      });
    },
  );
}

/** Saved as each page finishes, so closing the window loses at most the page in flight. */
export async function saveOcrResult(
  db: TesseraDatabase,
  actor: Actor,
  pageId: string,
  result: OcrResult,
  upright?: Pick<ScanPage, 'image' | 'width' | 'height'>,
): Promise<void> {
  await db.transaction('rw', db.scanPages, db.ocrCorrections, db.auditEvents, async () => {
    const page = await db.scanPages.get(pageId);
    if (page === undefined) return;
    // Word indexes change with a new reading, so earlier decisions no longer apply to it.
    const dropped = await db.ocrCorrections.where({ pageId }).count();
    await db.ocrCorrections.where({ pageId }).delete();
    // A page found sideways is kept upright from then on: the words are read on that image.
    await db.scanPages.update(pageId, { ocr: result, ...(upright ?? {}) });
    await appendAudit(db, actor, {
      action: 'scan:ocr',
      entity: 'scan',
      entityId: pageId,
      before:
        page.ocr === null
          ? null
          : { confidence: page.ocr.confidence, words: page.ocr.words.length, corrections: dropped },
      after: {
        engine: result.engine,
        settings: result.settings,
        steps: result.steps,
        ...(upright === undefined ? {} : { turnedTo: [upright.width, upright.height] }),
        confidence: result.confidence,
        words: result.words.length,
      },
    });
  });
}

export async function listCorrections(
  db: TesseraDatabase,
  scope: { pageId: string } | { projectId: string },
): Promise<OcrCorrection[]> {
  const corrections = await db.ocrCorrections.where(scope).toArray();
  return corrections.sort((a, b) => a.at.localeCompare(b.at));
}

export interface WordRef {
  page: Pick<ScanPage, 'id' | 'scanId' | 'projectId'>;
  wordIndex: number;
  engineText: string;
  bbox: BBox;
  confidence: number;
}

/**
 * Records a person's reading of words (a correction, or acceptance when text equals the engine's).
 * Several words at once — the same misreading across a batch — are one audit event.
 */
export async function decideWords(
  db: TesseraDatabase,
  actor: Actor,
  words: readonly WordRef[],
  text: string,
  now = new Date(),
): Promise<OcrCorrection[]> {
  const first = words[0];
  if (first === undefined) return [];
  return db.transaction('rw', db.ocrCorrections, db.auditEvents, async () => {
    const saved: OcrCorrection[] = [];
    const replaced: OcrCorrection[] = [];
    for (const word of words) {
      const previous = await db.ocrCorrections
        .where({ pageId: word.page.id })
        .filter((correction) => correction.wordIndex === word.wordIndex)
        .first();
      if (previous !== undefined) {
        replaced.push(previous);
        await db.ocrCorrections.delete(previous.id);
      }
      const correction: OcrCorrection = {
        id: newId('correction', now),
        pageId: word.page.id,
        scanId: word.page.scanId,
        projectId: word.page.projectId,
        wordIndex: word.wordIndex,
        engineText: word.engineText,
        text,
        bbox: word.bbox,
        confidence: word.confidence,
        by: actor.id,
        at: now.toISOString(),
      };
      await db.ocrCorrections.add(correction);
      saved.push(correction);
    }
    await appendAudit(
      db,
      actor,
      {
        action: text === first.engineText ? 'scan:accept-word' : 'scan:correct-word',
        entity: 'scan',
        entityId: first.page.id,
        before: { engineText: first.engineText, replaced: replaced.map((c) => c.text) },
        after: { text, words: words.map((word) => `${word.page.id}#${word.wordIndex}`) },
      },
      now,
    );
    return saved;
  });
}

/** Takes back a decision; the engine's reading shows again. */
export async function undoDecision(
  db: TesseraDatabase,
  actor: Actor,
  correctionId: string,
): Promise<void> {
  await db.transaction('rw', db.ocrCorrections, db.auditEvents, async () => {
    const correction = await db.ocrCorrections.get(correctionId);
    if (correction === undefined) return;
    await db.ocrCorrections.delete(correctionId);
    await appendAudit(db, actor, {
      action: 'scan:undo-word',
      entity: 'scan',
      entityId: correction.pageId,
      before: correction,
      after: null,
    });
  });
}

export async function saveTemplate(
  db: TesseraDatabase,
  actor: Actor,
  template: Omit<StoredTemplate, 'id' | 'createdBy' | 'createdAt'>,
  now = new Date(),
): Promise<StoredTemplate> {
  const stored: StoredTemplate = {
    ...template,
    id: newId('template', now),
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await db.transaction('rw', db.formTemplates, db.auditEvents, async () => {
    await db.formTemplates.add(stored);
    await appendAudit(db, actor, {
      action: 'template:create',
      entity: 'template',
      entityId: stored.id,
      before: null,
      after: stored,
    });
  });
  return stored;
}

export async function listFormTemplates(
  db: TesseraDatabase,
  projectId: string,
): Promise<StoredTemplate[]> {
  const templates = await db.formTemplates.where({ projectId }).toArray();
  return templates.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function addLanguagePack(
  db: TesseraDatabase,
  actor: Actor,
  pack: LanguagePack,
): Promise<void> {
  await db.transaction('rw', db.languagePacks, db.auditEvents, async () => {
    const before = (await db.languagePacks.get(pack.code)) ?? null;
    await db.languagePacks.put(pack);
    await appendAudit(db, actor, {
      action: 'language-pack:add',
      entity: 'language-pack',
      entityId: pack.code,
      before,
      after: pack,
    });
  });
}

export async function listLanguagePacks(db: TesseraDatabase): Promise<LanguagePack[]> {
  return db.languagePacks.orderBy('code').toArray();
}
