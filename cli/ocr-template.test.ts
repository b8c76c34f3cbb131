/**
 * Form templates end to end on real scans: the template made on medical-notes.png (three zones)
 * applied with the real engine to that page and to a second "scan" of it at 92% shifted by
 * (41, 27) px; and the checkbox reader on real checkboxes cut from a filled CMS-1500 claim form.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckbox } from '../shared/ocr/checkbox';
import { noPreprocessing, toGray } from '../shared/ocr/preprocess';
import { parseTemplate } from '../shared/ocr/template';
import type { BBox } from '../shared/ocr/types';
import { createEngines, resolveLanguages, type EngineSet } from './ocr-engines';
import { openScan } from './ocr-images';
import { RasterDecoder } from './ocr-raster';
import { recognizeScans } from './ocr-run';

const scans = 'test/fixtures/scans';
const decoder = new RasterDecoder();
let english: EngineSet;

beforeAll(async () => {
  english = await createEngines(resolveLanguages(['eng'], []), 2);
}, 60_000);

afterAll(async () => {
  decoder.close();
  await english.close();
});

describe('a form template applied with the real engine', () => {
  it('reads the same three values from the template page and from a shifted, scaled scan', async () => {
    const templatePath = `${scans}/crafted/medical-notes.template.json`;
    const template = parseTemplate(readFileSync(templatePath, 'utf8'), templatePath);
    const files = await Promise.all(
      ['textract-code-samples/medical-notes.png', 'crafted/medical-notes-shifted.png'].map(
        (image) => openScan(`${scans}/${image}`, { decoder }),
      ),
    );
    const { pages, failures } = await recognizeScans(files, {
      engines: english.engines,
      mode: 'auto',
      preprocess: noPreprocessing,
      template,
    });
    expect(failures).toEqual([]);
    const [original, shifted] = pages.map((page) => page.template);
    for (const result of [original, shifted]) {
      expect(result?.transform.method).toBe('anchors');
      expect(result?.fields).toMatchObject({
        Lungs: { value: 'clear', lowConfidence: false },
        Heart: { value: 'Regular rhythm', lowConfidence: false },
        'Vyvanse mg': { value: '50', lowConfidence: false },
      });
    }
    expect(original?.transform.scaleX).toBeCloseTo(1, 2);
    expect(Math.abs(original?.transform.offsetX ?? 99)).toBeLessThan(1.5);
    // The second scan was made at 92% and placed 41 px right, 27 px down.
    expect(shifted?.transform.scaleX).toBeCloseTo(0.92, 2);
    expect(shifted?.transform.scaleY).toBeCloseTo(0.92, 2);
    expect(shifted?.transform.offsetX).toBeGreaterThan(39);
    expect(shifted?.transform.offsetX).toBeLessThan(43);
    expect(shifted?.transform.offsetY).toBeGreaterThan(25);
    expect(shifted?.transform.offsetY).toBeLessThan(29);
    const lungs = template.zones.find((zone) => zone.name === 'Lungs');
    const box = shifted?.fields['Lungs']?.box;
    expect(box?.[0]).toBeCloseTo((lungs?.box[0] ?? 0) * 0.92 + 41, -1);
    expect(box?.[1]).toBeCloseTo((lungs?.box[1] ?? 0) * 0.92 + 27, -1);
  }, 60_000);
});

describe('readCheckbox on a real claim form', () => {
  // From CMS1500-sample.jpg: EMPLOYMENT? YES [X] NO [ ] / AUTO ACCIDENT? YES [ ] NO [X] / OTHER
  // ACCIDENT? YES [ ] NO [X]. Red printed squares, black crosses; boxes measured on the crop.
  const boxes: [string, BBox, boolean][] = [
    ['employment yes', [171, 59, 217, 106], true],
    ['employment no', [350, 59, 396, 106], false],
    ['auto accident yes', [171, 160, 217, 206], false],
    ['auto accident no', [350, 160, 396, 206], true],
    ['other accident yes', [171, 259, 217, 305], false],
    ['other accident no', [350, 259, 396, 305], true],
  ];

  it('reads each box, drawn exactly, loosely, tightly or a few pixels off', async () => {
    const scan = await openScan(`${scans}/crafted/cms1500-checkboxes.png`, { decoder });
    const gray = toGray(await scan.readPage(1));
    const ways: [string, number[]][] = [
      ['exact', [0, 0, 0, 0]],
      ['loose', [-8, -8, 8, 8]],
      ['tight', [3, 3, -3, -3]],
      ['off down-right', [5, 5, 5, 5]],
      ['off up-left', [-5, -5, -5, -5]],
    ];
    for (const [name, box, ticked] of boxes) {
      for (const [way, delta] of ways) {
        const moved = box.map((value, index) => value + (delta[index] ?? 0)) as unknown as BBox;
        const reading = readCheckbox(gray, moved);
        expect(reading.ticked, `${name}, ${way}`).toBe(ticked);
        expect(reading.confidence, `${name}, ${way}`).toBeGreaterThanOrEqual(90);
      }
    }
  });
});
