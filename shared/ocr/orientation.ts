import { encodePgm } from './pgm';
import { rotateQuarter, scaleImage } from './preprocess';
import type { OcrEngine } from './tesseract';
import type { GrayImage, OcrPage } from './types';

export interface Orientation {
  /** Quarter turns clockwise that bring the page upright. */
  turns: 0 | 1 | 2 | 3;
  /** How well each way up read, by turns; the best one wins. */
  scores: [number, number, number, number];
}

/** Read at this size, a page says which way up it is as well as in full and much faster. */
const sampleSide = 1000;

/**
 * How much readable text a reading found: confident words of two characters or more, weighted
 * by length. A sideways or upside-down page reads as few, short, unsure fragments.
 */
export function readability(page: OcrPage): number {
  return page.words
    .filter((word) => word.confidence >= 60 && Array.from(word.text).length >= 2)
    .reduce((sum, word) => sum + (word.confidence / 100) * Array.from(word.text).length, 0);
}

/**
 * Finds which way up a page is by reading a reduced copy each way round with the engine itself
 * (no orientation model ships with the app). A page that reads well upright costs one reading.
 */
export async function detectOrientation(engine: OcrEngine, page: GrayImage): Promise<Orientation> {
  const factor = Math.min(1, sampleSide / Math.max(page.width, page.height));
  const sample = factor < 1 ? scaleImage(page, factor) : page;
  const scores: [number, number, number, number] = [0, 0, 0, 0];
  for (const turns of [0, 1, 2, 3] as const) {
    // One block, no layout analysis: the automatic layout turns some vertical lines upright
    // by itself, which would hide which way up the page is.
    const reading = await engine.recognize({
      image: encodePgm(rotateQuarter(sample, turns)),
      mode: 'block',
    });
    scores[turns] = readability(reading);
    const confident = reading.words.length >= 5 && reading.confidence >= 85;
    if (turns === 0 && confident) break;
  }
  const best = ([1, 2, 3] as const).reduce<Orientation['turns']>(
    (chosen, turns) => (scores[turns] > scores[chosen] ? turns : chosen),
    0,
  );
  // Upright unless another way round reads clearly better.
  return { turns: scores[best] > scores[0] * 1.2 ? best : 0, scores };
}
