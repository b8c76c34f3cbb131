/**
 * Pages fed in sideways or upside down: the real engine finds which way up they are and the
 * page then reads as well as an upright one.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterErrorRate } from '../shared/ocr/cer';
import { detectOrientation } from '../shared/ocr/orientation';
import { encodePgm } from '../shared/ocr/pgm';
import { noPreprocessing, preprocess, rotateQuarter, toGray } from '../shared/ocr/preprocess';
import type { GrayImage } from '../shared/ocr/types';
import { createEngines, resolveLanguages, type EngineSet } from './ocr-engines';
import { openScan } from './ocr-images';
import { RasterDecoder } from './ocr-raster';

const page = 'test/fixtures/scans/tesseract-test/phototest';
let engines: EngineSet;
let upright: GrayImage;

beforeAll(async () => {
  engines = await createEngines(resolveLanguages(['eng'], []), 1);
  const decoder = new RasterDecoder();
  const scan = await openScan(`${page}.png`, { decoder });
  upright = toGray(await scan.readPage(1));
  await scan.close();
  decoder.close();
}, 60_000);

afterAll(async () => {
  await engines?.close();
});

describe('orientation detection', () => {
  it.each([1, 2, 3])(
    'turns a page scanned %i quarter turn(s) clockwise back upright, then reads it',
    async (scanned) => {
      const [engine] = engines.engines;
      if (engine === undefined) throw new Error('no engine');
      const sideways = rotateQuarter(upright, scanned);
      const found = await detectOrientation(engine, sideways);
      expect(found.turns).toBe((4 - scanned) % 4);
      const fixed = preprocess(sideways, { ...noPreprocessing, quarterTurns: found.turns });
      expect(fixed.steps).toEqual([`turned ${found.turns * 90}° clockwise`]);
      const truth = readFileSync(`${page}.gt.txt`, 'utf8');
      const reading = await engine.recognize({ image: encodePgm(fixed.image), mode: 'block' });
      expect(characterErrorRate(reading.text, truth)).toBe(0);
      // Measured: read as it came, in the same mode, the page is mostly lost (CER 0.6–1).
      const asScanned = await engine.recognize({ image: encodePgm(sideways), mode: 'block' });
      expect(characterErrorRate(asScanned.text, truth)).toBeGreaterThan(0.5);
    },
    60_000,
  );

  it('reads an upright page once and leaves it as it is', async () => {
    const [engine] = engines.engines;
    if (engine === undefined) throw new Error('no engine');
    const found = await detectOrientation(engine, upright);
    expect(found.turns).toBe(0);
    expect(found.scores.slice(1)).toEqual([0, 0, 0]);
  }, 60_000);
});
