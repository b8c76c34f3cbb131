import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignPage,
  anchorKey,
  fitAnchors,
  fitInk,
  identityTransform,
  inkBox,
  mapBox,
  mapPoint,
  matchAnchors,
  type PageTransform,
} from './template-align';
import { formTemplateSchema } from './template';
import type { BBox, GrayImage, OcrWord } from './types';

/** The OCR words of a real page (medical-notes.png), as the fixture template keeps them. */
const template = formTemplateSchema.parse(
  JSON.parse(readFileSync('test/fixtures/scans/crafted/medical-notes.template.json', 'utf8')),
);
const blank = (width: number, height: number): GrayImage => ({
  width,
  height,
  data: new Uint8Array(width * height).fill(255),
});

/** A scan of the template's page size: the scale prior is then 1. */
const samePage = blank(template.page.width, template.page.height);

function word(text: string, bbox: BBox, confidence = 95, line = 0): OcrWord {
  return { text, confidence, bbox, line };
}

/** The words as a scan moved by `transform` would show them: boxes rounded to whole pixels. */
function moved(words: readonly OcrWord[], transform: PageTransform): OcrWord[] {
  return words.map((entry) => {
    const [x0, y0] = mapPoint(transform, entry.bbox[0], entry.bbox[1]);
    const [x1, y1] = mapPoint(transform, entry.bbox[2], entry.bbox[3]);
    return { ...entry, bbox: [Math.round(x0), Math.round(y0), Math.round(x1), Math.round(y1)] };
  });
}

const transform = fc.record({
  scaleX: fc.double({ min: 0.9, max: 1.1, noNaN: true }),
  scaleY: fc.double({ min: 0.9, max: 1.1, noNaN: true }),
  offsetX: fc.double({ min: -40, max: 40, noNaN: true }),
  offsetY: fc.double({ min: -40, max: 40, noNaN: true }),
});

/** Largest distance between the corners of each zone mapped by `found` and by `truth`. */
function zoneError(found: PageTransform, truth: Omit<PageTransform, 'method' | 'anchors'>): number {
  let worst = 0;
  for (const zone of template.zones) {
    for (const [x, y] of [
      [zone.box[0], zone.box[1]],
      [zone.box[2], zone.box[3]],
    ] as const) {
      const [fx, fy] = mapPoint(found, x, y);
      const [tx, ty] = mapPoint({ ...truth, method: 'anchors', anchors: 0 }, x, y);
      worst = Math.max(worst, Math.abs(fx - tx), Math.abs(fy - ty));
    }
  }
  return worst;
}

describe('anchorKey', () => {
  it('folds case, full-width forms and punctuation at the edges only', () => {
    expect(anchorKey('HEENT')).toBe('heent');
    expect(anchorKey('(Current')).toBe('current');
    expect(anchorKey('Clonidine.')).toBe('clonidine');
    expect(anchorKey('Follow-up')).toBe('follow-up');
    expect(anchorKey('ＤＯＢ：')).toBe('dob');
    expect(anchorKey('--')).toBe('');
  });
});

describe('matchAnchors', () => {
  it('pairs words found exactly once on each page, confident and with two letters or digits', () => {
    const left = [
      word('Name:', [0, 0, 50, 10]),
      word('Date', [0, 20, 40, 30]),
      word('Date', [0, 40, 40, 50]),
      word('a', [50, 40, 60, 50]),
      word('Birth', [70, 40, 110, 50]),
      word('Ward', [0, 60, 40, 70], 40),
      word('Sex', [0, 80, 30, 90]),
    ];
    const right = [
      word('NAME', [5, 5, 55, 15]),
      word('Date', [5, 25, 45, 35]),
      word('a', [55, 45, 65, 55]),
      word('Birth', [75, 45, 115, 55]),
      word('Ward', [5, 65, 45, 75]),
      word('Sex', [5, 85, 35, 95]),
      word('Sex', [5, 105, 35, 115]),
    ];
    expect(matchAnchors(left, right).map(([from, to]) => [from.text, to.text])).toEqual([
      ['Name:', 'NAME'],
      ['Birth', 'Birth'],
    ]);
  });
});

describe('fitAnchors', () => {
  it('recovers a scale of 0.9–1.1 and a shift of ±40 px to within a pixel on a real page', () => {
    fc.assert(
      fc.property(transform, (truth) => {
        const pairs = matchAnchors(
          template.anchors,
          moved(template.anchors, { ...truth, ...identityRest }),
        );
        const found = fitAnchors(pairs);
        expect(found?.method).toBe('anchors');
        expect(zoneError(found ?? identityTransform, truth)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('still does when a third of the words are missing and a fifth of the rest moved elsewhere', () => {
    fc.assert(
      fc.property(
        transform,
        fc.integer(),
        fc.integer({ min: 20, max: 300 }),
        fc.boolean(),
        (truth, seed, size, back) => {
          const jump = back ? -size : size;
          // Words ranked by a mix of the seed and their index (mulberry32): the first 30% go missing,
          // the next 20% move elsewhere, the rest stay in place.
          const mix = (index: number): number => {
            let value = (seed + Math.imul(index + 1, 0x6d2b79f5)) >>> 0;
            value = Math.imul(value ^ (value >>> 15), value | 1);
            value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
            return (value ^ (value >>> 14)) >>> 0;
          };
          const ranked = template.anchors.map((_, index) => index).sort((a, b) => mix(a) - mix(b));
          const share = (index: number): number => ranked.indexOf(index) / ranked.length;
          const fate = (index: number): number =>
            share(index) < 0.3 ? 0 : share(index) < 0.5 ? 3 : 9;
          const target = moved(template.anchors, { ...truth, ...identityRest }).flatMap(
            (entry, index) => {
              if (fate(index) < 3) return [];
              if (fate(index) < 5) {
                const [x0, y0, x1, y1] = entry.bbox;
                return [{ ...entry, bbox: [x0 + jump, y0 - jump, x1 + jump, y1 - jump] as BBox }];
              }
              return [entry];
            },
          );
          const found = alignPage(template, { gray: samePage, words: target });
          expect(found.method).toBe('anchors');
          expect(zoneError(found, truth)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('takes the horizontal scale for the vertical one when all anchors sit on one line', () => {
    const line = ['Patient', 'visit', 'notes', 'for', 'today'].map((text, index) =>
      word(text, [100 + index * 120, 50, 180 + index * 120, 70]),
    );
    const truth = { scaleX: 1.05, scaleY: 1.05, offsetX: 12, offsetY: -7 };
    const found = fitAnchors(matchAnchors(line, moved(line, { ...truth, ...identityRest })));
    expect(found?.scaleX).toBeCloseTo(1.05, 2);
    expect(found?.scaleY).toBeCloseTo(1.05, 2);
    const [x, y] = mapPoint(found ?? identityTransform, 400, 60);
    expect(Math.abs(x - (1.05 * 400 + 12))).toBeLessThanOrEqual(1);
    expect(Math.abs(y - (1.05 * 60 - 7))).toBeLessThanOrEqual(1);
  });

  it('gives up on too few anchors, or on anchors that disagree', () => {
    const two = template.anchors.slice(0, 2);
    expect(fitAnchors(matchAnchors(two, two))).toBeNull();
    const scrambled = template.anchors.map((entry, index) => {
      const other = template.anchors[(index * 7 + 3) % template.anchors.length] ?? entry;
      return { ...entry, bbox: other.bbox };
    });
    expect(fitAnchors(matchAnchors(template.anchors, scrambled))).toBeNull();
  });
});

/** A form-like page: a frame and a few bars of "text", drawn black on white. */
function formPage(width: number, height: number, frame: BBox): GrayImage {
  const page = blank(width, height);
  const ink = (x: number, y: number): void => {
    if (x >= 0 && y >= 0 && x < width && y < height) page.data[y * width + x] = 0;
  };
  const [x0, y0, x1, y1] = frame;
  for (let x = x0; x < x1; x++) for (const y of [y0, y0 + 1, y1 - 2, y1 - 1]) ink(x, y);
  for (let y = y0; y < y1; y++) for (const x of [x0, x0 + 1, x1 - 2, x1 - 1]) ink(x, y);
  for (let bar = y0 + 20; bar < y1 - 20; bar += 30) {
    for (let y = bar; y < bar + 8; y++) for (let x = x0 + 15; x < x1 - 40; x++) ink(x, y);
  }
  return page;
}

describe('inkBox', () => {
  it('finds the ink and ignores a few specks of dust', () => {
    const page = formPage(400, 300, [50, 40, 350, 260]);
    page.data[5 * 400 + 5] = 0;
    page.data[295 * 400 + 390] = 0;
    expect(inkBox(page)).toEqual([50, 40, 350, 260]);
  });

  it('finds nothing on a blank page', () => {
    expect(inkBox(blank(50, 50))).toBeNull();
  });
});

describe('fitInk and alignPage without anchors', () => {
  it('lays the template ink box onto the scan ink box', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 80 }),
        fc.integer({ min: 20, max: 80 }),
        fc.integer({ min: 250, max: 320 }),
        fc.integer({ min: 180, max: 230 }),
        (left, top, width, height) => {
          const from: BBox = [40, 30, 340, 240];
          const to: BBox = [left, top, left + width, top + height];
          const found = fitInk(from, to);
          expect(found?.method).toBe('ink');
          const corner = mapPoint(found ?? identityTransform, 340, 240);
          expect(corner[0]).toBeCloseTo(left + width, 6);
          expect(corner[1]).toBeCloseTo(top + height, 6);
        },
      ),
    );
  });

  it('falls back to the ink box when too few anchors match, and to the page as it is without one', () => {
    const inkOnly = { anchors: [], ink: [50, 40, 350, 260] as BBox };
    const scan = formPage(460, 340, [80, 60, 410, 302]);
    const found = alignPage(inkOnly, { gray: scan, words: [] });
    expect(found.method).toBe('ink');
    expect(found.scaleX).toBeCloseTo(1.1, 6);
    expect(found.offsetX).toBeCloseTo(80 - 1.1 * 50, 6);
    expect(alignPage({ anchors: [] }, { gray: scan, words: [] })).toEqual(identityTransform);
  });
});

describe('alignPage with a scan of another resolution', () => {
  it('fits a scan at half the template page’s resolution, shifted', () => {
    const truth = { scaleX: 0.5, scaleY: 0.5, offsetX: 13, offsetY: -6 };
    const words = moved(template.anchors, { ...truth, ...identityRest });
    const found = alignPage(template, { gray: blank(549, 346), words });
    expect(found.method).toBe('anchors');
    expect(zoneError(found, truth)).toBeLessThanOrEqual(1);
  });

  it('stretches the template over the page when there is nothing to align on', () => {
    const bare = { anchors: [], page: template.page };
    expect(alignPage(bare, { gray: blank(2194, 1382), words: [] })).toEqual({
      ...identityTransform,
      scaleX: 2,
      scaleY: 2,
    });
  });
});

describe('mapBox', () => {
  it('covers the exactly mapped box in whole pixels and stays on the page', () => {
    fc.assert(
      fc.property(
        transform,
        fc.tuple(
          fc.nat(500),
          fc.nat(500),
          fc.integer({ min: 1, max: 300 }),
          fc.integer({ min: 1, max: 300 }),
        ),
        (truth, [x, y, width, height]) => {
          const full = { ...truth, ...identityRest };
          const box = mapBox(full, [x, y, x + width, y + height], { width: 700, height: 600 });
          const [fx0, fy0] = mapPoint(full, x, y);
          const [fx1, fy1] = mapPoint(full, x + width, y + height);
          expect(box.every(Number.isInteger)).toBe(true);
          expect(box[0]).toBe(Math.min(700, Math.max(0, Math.floor(fx0))));
          expect(box[1]).toBe(Math.min(600, Math.max(0, Math.floor(fy0))));
          expect(box[2]).toBe(Math.min(700, Math.max(0, Math.ceil(fx1))));
          expect(box[3]).toBe(Math.min(600, Math.max(0, Math.ceil(fy1))));
        },
      ),
    );
  });
});

const identityRest = { method: 'anchors', anchors: 0 } as const;

describe('alignment across resolutions', () => {
  it('lines up a scan at half the template page resolution (a 300-DPI form, a 150-DPI scan)', () => {
    const double = {
      scaleX: 2,
      scaleY: 2,
      offsetX: 0,
      offsetY: 0,
      method: 'none',
      anchors: 0,
    } as const;
    const big = {
      ...template,
      page: { width: template.page.width * 2, height: template.page.height * 2 },
      anchors: moved(template.anchors, double),
    };
    const half = {
      scaleX: 0.5,
      scaleY: 0.5,
      offsetX: 12,
      offsetY: -7,
      method: 'none',
      anchors: 0,
    } as const;
    const found = alignPage(big, { gray: samePage, words: moved(big.anchors, half) });
    expect(found.method).toBe('anchors');
    expect(found.scaleX).toBeCloseTo(0.5, 2);
    expect(found.offsetX).toBeCloseTo(12, 0);
    // Without the page sizes, a factor of two is beyond what a scan of the same form may differ by.
    const unsized = { anchors: big.anchors };
    expect(alignPage(unsized, { gray: samePage, words: moved(big.anchors, half) }).method).toBe(
      'none',
    );
  });
});
