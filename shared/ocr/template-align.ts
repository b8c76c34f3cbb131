/**
 * Lines a scan of a form up with the form's template: x' = scaleX·x + offsetX (and the same for y)
 * maps a point of the template page onto the scan. Printed words that appear once on both pages
 * (the form's own labels) are the anchors; the fit is robust to the words that moved because they
 * are filled-in values that happen to match, or misread ones.
 */
import { binarize, otsuThreshold } from './preprocess';
import type { BBox, GrayImage, OcrWord } from './types';

export interface PageTransform {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  /** anchors: fitted on matched words; ink: the ink's bounding boxes; none: taken as it is. */
  method: 'anchors' | 'ink' | 'none';
  /** Anchor pairs the fit kept (0 unless method is anchors). */
  anchors: number;
}

export const identityTransform: PageTransform = {
  scaleX: 1,
  scaleY: 1,
  offsetX: 0,
  offsetY: 0,
  method: 'none',
  anchors: 0,
};

export interface AlignOptions {
  /** Words below this confidence (on either page) are not trusted as anchors. */
  minConfidence?: number;
  /** Fewer kept anchor pairs than this and the ink box is used instead. */
  minAnchors?: number;
}

/**
 * Scans are not expected to differ from the template by more than this factor either way, beyond
 * what their page sizes say: a form drawn on a 300-DPI page still lines up with a 150-DPI scan.
 */
const maxScaleChange = 2;

function plausible(scale: number, expected: number): boolean {
  const relative = scale / expected;
  return relative > 1 / maxScaleChange && relative < maxScaleChange;
}
/** Pairs of anchors closer than this along an axis say too little about the scale on it. */
const minSpan = 40;
/** Enough anchors to fit well; more only cost time (the pairwise slopes grow as n²). */
const maxAnchors = 150;

/** The text two pages must share for a word to be an anchor: case, width and edge punctuation folded. */
export function anchorKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

/** Words found exactly once on each page, confident and long enough to mean something. */
export function matchAnchors(
  template: readonly OcrWord[],
  target: readonly OcrWord[],
  minConfidence = 70,
): [OcrWord, OcrWord][] {
  const unique = (words: readonly OcrWord[]): Map<string, OcrWord> => {
    const counts = new Map<string, number>();
    const byKey = new Map<string, OcrWord>();
    for (const word of words) {
      const key = anchorKey(word.text);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      byKey.set(key, word);
    }
    const kept = new Map<string, OcrWord>();
    for (const [key, word] of byKey) {
      const letters = key.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
      if (counts.get(key) === 1 && letters >= 2 && word.confidence >= minConfidence)
        kept.set(key, word);
    }
    return kept;
  };
  const onTarget = unique(target);
  const pairs: [OcrWord, OcrWord][] = [];
  for (const [key, word] of unique(template)) {
    const match = onTarget.get(key);
    if (match !== undefined) pairs.push([word, match]);
  }
  return pairs;
}

interface AxisFit {
  scale: number;
  offset: number;
  /** Whether the scale was measured on this axis, or borrowed from the other one. */
  measured: boolean;
}

interface Axis {
  from: number[];
  to: number[];
}

/**
 * A first, rough fit of one axis: the median of the slopes between pairs of anchors and the median
 * offset at that slope, which hold as long as most pairs are right.
 */
function medianFit({ from, to }: Axis, fallbackScale: number | null): AxisFit | null {
  const slopes: number[] = [];
  for (let i = 0; i < from.length; i++) {
    for (let j = i + 1; j < from.length; j++) {
      const span = (from[j] ?? 0) - (from[i] ?? 0);
      if (Math.abs(span) >= minSpan) slopes.push(((to[j] ?? 0) - (to[i] ?? 0)) / span);
    }
  }
  const measured = slopes.length >= 3;
  const scale = measured ? median(slopes) : fallbackScale;
  if (scale === null) return null;
  const offset = median(from.map((value, index) => (to[index] ?? 0) - scale * value));
  return { scale, offset, measured };
}

/** Least squares over the anchors that agree with the rough fit: the sub-pixel part. */
function refine({ from, to }: Axis, inliers: readonly number[], rough: AxisFit): AxisFit {
  const xs = inliers.map((index) => from[index] ?? 0);
  const ys = inliers.map((index) => to[index] ?? 0);
  const meanX = mean(xs);
  const meanY = mean(ys);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += ((xs[i] ?? 0) - meanX) * ((ys[i] ?? 0) - meanY);
    variance += ((xs[i] ?? 0) - meanX) ** 2;
  }
  const spread = Math.max(...xs) - Math.min(...xs);
  if (!rough.measured || spread < minSpan || variance === 0) {
    return { ...rough, offset: meanY - rough.scale * meanX };
  }
  const scale = covariance / variance;
  return { scale, offset: meanY - scale * meanX, measured: true };
}

/** The transform from matched anchor pairs, or null when they do not agree on one. */
export function fitAnchors(
  pairs: readonly [OcrWord, OcrWord][],
  minAnchors = 3,
  expectedScale = 1,
): PageTransform | null {
  if (pairs.length < minAnchors) return null;
  // The most confident pairs; the sort is stable, so the choice does not depend on chance.
  const chosen = [...pairs]
    .sort(
      (a, b) =>
        Math.min(b[0].confidence, b[1].confidence) - Math.min(a[0].confidence, a[1].confidence),
    )
    .slice(0, maxAnchors);
  const centre = (box: BBox, axis: 0 | 1): number => ((box[axis] ?? 0) + (box[axis + 2] ?? 0)) / 2;
  const axis = (index: 0 | 1): Axis => ({
    from: chosen.map(([word]) => centre(word.bbox, index)),
    to: chosen.map(([, word]) => centre(word.bbox, index)),
  });
  const horizontal = axis(0);
  const vertical = axis(1);
  // Anchors all on one line tell nothing of the vertical scale (all in one column, nothing of the
  // horizontal one): that axis then takes the other's scale.
  const firstX = medianFit(horizontal, null);
  const roughY = medianFit(vertical, firstX?.scale ?? null);
  const roughX = firstX ?? (roughY === null ? null : medianFit(horizontal, roughY.scale));
  if (roughX === null || roughY === null) return null;
  // Word boxes of the same word jitter by a few pixels between two scans; beyond that, a misfit.
  const height = median(chosen.map(([word]) => word.bbox[3] - word.bbox[1]));
  const tolerance = Math.max(4, height * 0.6);
  const fits = (fit: AxisFit, { from, to }: Axis, index: number, within: number): boolean =>
    Math.abs((to[index] ?? 0) - (fit.scale * (from[index] ?? 0) + fit.offset)) <= within;
  const inliers = chosen
    .map((_, index) => index)
    .filter(
      (index) =>
        fits(roughX, horizontal, index, tolerance) && fits(roughY, vertical, index, tolerance),
    );
  if (inliers.length < minAnchors) return null;
  // Words a few pixels off (a box misread, a value that moved a little) pass that tolerance and
  // would pull a plain fit by a pixel or more. So the fit starts from the largest group of anchors
  // that agree on the offset at the rough scale, then keeps the anchors within a tenth of a line's
  // height of the fit, refitting until that set settles.
  const tight = Math.max(2, height * 0.1);
  const offset = (fit: AxisFit, { from, to }: Axis, index: number): number =>
    (to[index] ?? 0) - fit.scale * (from[index] ?? 0);
  let kept: number[] = [];
  for (const seed of inliers) {
    const group = inliers.filter(
      (index) =>
        Math.abs(offset(roughX, horizontal, index) - offset(roughX, horizontal, seed)) <=
          2 * tight &&
        Math.abs(offset(roughY, vertical, index) - offset(roughY, vertical, seed)) <= 2 * tight,
    );
    if (group.length > kept.length) kept = group;
  }
  if (kept.length < minAnchors) return null;
  let x = refine(horizontal, kept, roughX);
  let y = refine(vertical, kept, roughY);
  for (let round = 0; round < 5; round++) {
    const close = inliers.filter(
      (index) => fits(x, horizontal, index, tight) && fits(y, vertical, index, tight),
    );
    if (close.length < minAnchors || close.join() === kept.join()) break;
    kept = close;
    x = refine(horizontal, kept, x);
    y = refine(vertical, kept, y);
  }
  if (![x.scale, y.scale].every((scale) => plausible(scale, expectedScale))) return null;
  return {
    scaleX: x.scale,
    scaleY: y.scale,
    offsetX: x.offset,
    offsetY: y.offset,
    method: 'anchors',
    anchors: kept.length,
  };
}

/**
 * The box around the page's ink, ignoring specks: the first and last rows and columns inside which
 * all but 0.2% of the ink on each side lies. Null on a blank page.
 */
export function inkBox(gray: GrayImage): BBox | null {
  const binary = binarize(gray, otsuThreshold(gray));
  const rows = new Uint32Array(gray.height);
  const columns = new Uint32Array(gray.width);
  let total = 0;
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) {
      if (binary.data[y * gray.width + x] === 0) {
        rows[y] = (rows[y] ?? 0) + 1;
        columns[x] = (columns[x] ?? 0) + 1;
        total++;
      }
    }
  }
  // A page that is mostly "ink" is a dark or empty scan whose Otsu split means nothing.
  if (total < 20 || total > gray.data.length * 0.6) return null;
  const trim = total * 0.002;
  const first = (counts: Uint32Array): number => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] ?? 0;
      if (seen > trim) return i;
    }
    return 0;
  };
  const last = (counts: Uint32Array): number => {
    let seen = 0;
    for (let i = counts.length - 1; i >= 0; i--) {
      seen += counts[i] ?? 0;
      if (seen > trim) return i + 1;
    }
    return counts.length;
  };
  const box: BBox = [first(columns), first(rows), last(columns), last(rows)];
  return box[2] > box[0] && box[3] > box[1] ? box : null;
}

/** The transform that lays the template's ink box onto the scan's. */
export function fitInk(template: BBox, target: BBox, expectedScale = 1): PageTransform | null {
  const scaleX = (target[2] - target[0]) / (template[2] - template[0]);
  const scaleY = (target[3] - target[1]) / (template[3] - template[1]);
  if (![scaleX, scaleY].every((scale) => plausible(scale, expectedScale))) return null;
  return {
    scaleX,
    scaleY,
    offsetX: target[0] - scaleX * template[0],
    offsetY: target[1] - scaleY * template[1],
    method: 'ink',
    anchors: 0,
  };
}

export interface AlignableTemplate {
  anchors: readonly OcrWord[];
  ink?: BBox | undefined;
  /** The template page's size: the scale a scan of another size is expected at. */
  page?: { width: number; height: number } | undefined;
}

/** Anchors first; the ink box when too few anchors agree; else the page's size alone. */
export function alignPage(
  template: AlignableTemplate,
  page: { gray: GrayImage; words: readonly OcrWord[] },
  options: AlignOptions = {},
): PageTransform {
  const expected = template.page === undefined ? 1 : page.gray.width / template.page.width;
  const pairs = matchAnchors(template.anchors, page.words, options.minConfidence);
  const anchored = fitAnchors(pairs, options.minAnchors, expected);
  if (anchored !== null) return anchored;
  const targetInk = template.ink === undefined ? null : inkBox(page.gray);
  const inked =
    template.ink === undefined || targetInk === null
      ? null
      : fitInk(template.ink, targetInk, expected);
  if (inked !== null) return inked;
  // Nothing to align on: the template laid over the whole page, stretched to its size.
  return template.page === undefined
    ? identityTransform
    : {
        ...identityTransform,
        scaleX: page.gray.width / template.page.width,
        scaleY: page.gray.height / template.page.height,
      };
}

export function mapPoint(transform: PageTransform, x: number, y: number): [number, number] {
  return [transform.scaleX * x + transform.offsetX, transform.scaleY * y + transform.offsetY];
}

/** A template box on the scan, in whole pixels, grown outward by rounding and kept on the page. */
export function mapBox(
  transform: PageTransform,
  box: BBox,
  page: { width: number; height: number },
): BBox {
  const [x0, y0] = mapPoint(transform, box[0], box[1]);
  const [x1, y1] = mapPoint(transform, box[2], box[3]);
  const clamp = (value: number, limit: number): number => Math.min(limit, Math.max(0, value));
  return [
    clamp(Math.floor(Math.min(x0, x1)), page.width),
    clamp(Math.floor(Math.min(y0, y1)), page.height),
    clamp(Math.ceil(Math.max(x0, x1)), page.width),
    clamp(Math.ceil(Math.max(y0, y1)), page.height),
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
