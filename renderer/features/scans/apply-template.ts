import type { Source } from '../../../shared/model/records';
import type { Scan, ScanPage, StoredTemplate } from '../../../shared/model/scans';
import { applyTemplate, formTemplateSchema } from '../../../shared/ocr/template';
import type { OcrEngine } from '../../../shared/ocr/tesseract';
import type { BBox } from '../../../shared/ocr/types';
import type { Actor } from '../../db/audit';
import type { TesseraDatabase } from '../../db/database';
import { importSource } from '../../db/repositories/sources';
import { requestProfile } from '../../workers/view-client';
import { grayImage } from '../../workers/scan-client';
import { createEngines } from './engines';
import { sha256Hex } from './import-scans';

export interface ZoneDraft {
  name: string;
  kind: 'text' | 'checkbox';
  box: BBox;
  whitelist: '' | 'digits' | 'decimal' | 'date';
}

export interface TemplateOutcome {
  source: Source;
  rows: number;
  lowConfidence: number;
}

let zoneEngine: { key: string; engine: OcrEngine } | null = null;

/** Zones are read one at a time with their own whitelist, so one engine of their own does. */
async function engineFor(languages: readonly string[]): Promise<OcrEngine> {
  const key = languages.join('+');
  if (zoneEngine?.key === key) return zoneEngine.engine;
  await zoneEngine?.engine.terminate();
  zoneEngine = null;
  const [engine] = await createEngines(languages, 1);
  if (engine === undefined) throw new Error('The OCR engine did not start.');
  zoneEngine = { key, engine };
  return engine;
}

/**
 * Reads the first page of each chosen scan through the template and stores the results as one
 * records source, a row per scan, so they flow into the records table and mapping like imports.
 */
export async function applyTemplateToScans(
  db: TesseraDatabase,
  actor: Actor,
  stored: StoredTemplate,
  scanIds: readonly string[],
  scans: readonly Scan[],
  pages: readonly ScanPage[],
): Promise<TemplateOutcome> {
  const template = formTemplateSchema.parse(stored.definition);
  const zoneNames = template.zones.map((zone) => zone.name);
  const fields = ['file', 'page', ...zoneNames, 'low confidence'];
  const rows: string[][] = [];
  const origins: NonNullable<Parameters<typeof importSource>[3][number]['origins']> = [];
  let lowConfidence = 0;
  for (const scanId of scanIds) {
    const scan = scans.find((candidate) => candidate.id === scanId);
    const page = pages
      .filter((candidate) => candidate.scanId === scanId && candidate.ocr !== null)
      .sort((a, b) => a.page - b.page)[0];
    if (scan === undefined || page?.ocr === null || page === undefined) continue;
    const engine = await engineFor(page.ocr.settings.languages);
    const gray = await grayImage(page.image);
    const result = await applyTemplate(template, { gray, words: page.ocr.words }, (zone) =>
      engine.recognize({
        image: page.image,
        rectangle: {
          left: zone.box[0],
          top: zone.box[1],
          width: zone.box[2] - zone.box[0],
          height: zone.box[3] - zone.box[1],
        },
        ...(zone.whitelist === undefined ? {} : { whitelist: zone.whitelist }),
        mode: zone.mode,
      }),
    );
    const low = zoneNames.filter((name) => result.fields[name]?.lowConfidence === true);
    lowConfidence += low.length;
    rows.push([
      scan.fileName,
      String(page.page),
      ...zoneNames.map((name) => result.fields[name]?.value ?? ''),
      low.join(', '),
    ]);
    origins.push({
      scanId,
      page: page.page,
      zones: Object.fromEntries(
        zoneNames.map((name) => [name, result.fields[name]?.box ?? [0, 0, 0, 0]]),
      ),
    });
  }
  if (rows.length === 0) throw new Error('None of the chosen scans has a page read by OCR yet.');
  const content = new TextEncoder().encode(JSON.stringify({ template: stored.id, rows }));
  const outcome = await importSource(
    db,
    actor,
    {
      projectId: stored.projectId,
      fileName: `${template.name} (${rows.length})`,
      format: 'ocr-form',
      encoding: 'OCR',
      size: content.length,
      sha256: await sha256Hex(content),
      mode: 'strict',
    },
    [{ index: 0, firstRow: 0, lines: rows.map((_, index) => index + 1), rows, origins }],
    { fields, rowCount: rows.length, skipped: [], profile: [] },
  );
  requestProfile(outcome.source.id);
  return { source: outcome.source, rows: rows.length, lowConfidence };
}
