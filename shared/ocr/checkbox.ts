/**
 * Reads a checkbox zone as ticked or not from the share of ink inside the box. The printed square
 * itself is ink too, so long straight runs of ink along the box's edges are taken for its border
 * and left out, together with a thin margin where its blurred edge lingers.
 */
import { otsuThreshold } from './preprocess';
import type { BBox, GrayImage } from './types';

export interface CheckboxReading {
  ticked: boolean;
  /** 0–100: how far the ink share is from the threshold, in the threshold's own measure. */
  confidence: number;
  /** Ink pixels over the pixels inside the border. */
  inkRatio: number;
}

export interface CheckboxOptions {
  /** Grey level at or below which a pixel is ink; the page's Otsu threshold unless given. */
  level?: number;
  /** Ink share from which a box counts as ticked. */
  tickedFrom?: number;
}

/** A tick or cross covers roughly 10–30% of a box; an empty box, its specks, well under 3%. */
export const defaultTickedFrom = 0.06;

/** Border lines are looked for in the outer part of the box only: the middle is the mark's. */
const borderSearch = 0.35;
/** A row or column with a run of ink this long (as a share of it) is a border line, or a filled box. */
const borderInk = 0.5;

export function readCheckbox(
  gray: GrayImage,
  box: BBox,
  options: CheckboxOptions = {},
): CheckboxReading {
  const level = options.level ?? otsuThreshold(gray);
  const tickedFrom = options.tickedFrom ?? defaultTickedFrom;
  let left = Math.max(0, Math.floor(box[0]));
  let top = Math.max(0, Math.floor(box[1]));
  let right = Math.min(gray.width, Math.ceil(box[2]));
  let bottom = Math.min(gray.height, Math.ceil(box[3]));
  if (right - left < 3 || bottom - top < 3) return { ticked: false, confidence: 0, inkRatio: 0 };
  const isInk = (x: number, y: number): boolean => (gray.data[y * gray.width + x] ?? 255) <= level;
  // A border is a continuous line: the longest run of ink along a row or column, as a share of it,
  // tells it from the strokes of a mark (short in any one row or column) and from scattered specks.
  const longestRun = (length: number, inkAt: (step: number) => boolean): number => {
    let longest = 0;
    let run = 0;
    for (let step = 0; step < length; step++) {
      run = inkAt(step) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest / Math.max(1, length);
  };
  const rowInk = (y: number, from: number, to: number): number =>
    longestRun(to - from, (step) => isInk(from + step, y));
  const columnInk = (x: number, from: number, to: number): number =>
    longestRun(to - from, (step) => isInk(x, from + step));
  // The innermost border-like line in the outer band of each side is the square's border: a loosely
  // drawn zone has paper and maybe a ruling of the form outside it, a tight one the border at its edge.
  const width = right - left;
  const height = bottom - top;
  const reachX = Math.max(1, Math.floor(width * borderSearch));
  const reachY = Math.max(1, Math.floor(height * borderSearch));
  const borderDepth = (inkAt: (step: number) => number, reach: number): number => {
    let depth = 0;
    for (let step = 0; step < reach; step++) if (inkAt(step) >= borderInk) depth = step + 1;
    return depth;
  };
  const newTop = top + borderDepth((step) => rowInk(top + step, left, right), reachY);
  const newBottom = bottom - borderDepth((step) => rowInk(bottom - 1 - step, left, right), reachY);
  const newLeft = left + borderDepth((step) => columnInk(left + step, top, bottom), reachX);
  const newRight = right - borderDepth((step) => columnInk(right - 1 - step, top, bottom), reachX);
  const margin = Math.max(1, Math.round(Math.min(newRight - newLeft, newBottom - newTop) * 0.08));
  left = newLeft + margin;
  right = newRight - margin;
  top = newTop + margin;
  bottom = newBottom - margin;
  if (right <= left || bottom <= top) return { ticked: false, confidence: 0, inkRatio: 0 };
  let ink = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (isInk(x, y)) ink++;
  const inkRatio = ink / ((right - left) * (bottom - top));
  const ticked = inkRatio >= tickedFrom;
  const distance = Math.min(1, Math.abs(inkRatio - tickedFrom) / tickedFrom);
  return {
    ticked,
    confidence: Math.round(50 + 50 * distance),
    inkRatio: Math.round(inkRatio * 1000) / 1000,
  };
}
