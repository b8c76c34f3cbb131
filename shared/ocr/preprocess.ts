import type { GrayImage, RgbaImage } from './types';

export interface PreprocessOptions {
  /** Stretch the 1st–99th percentile of grey levels to the full range (faded or grey scans). */
  contrast: boolean;
  /** Binarize at the Otsu threshold (uneven paper, coloured forms). */
  threshold: boolean;
  /** Straighten pages scanned a few degrees off (±6°). */
  deskew: boolean;
  /** Scale up pages whose text lines are shorter than this, in pixels (smallLineHeight). 0 = never. */
  upscaleBelow: number;
  /** Quarter turns clockwise to bring the page upright first (see detectOrientation). */
  quarterTurns?: number;
}

export const noPreprocessing: PreprocessOptions = {
  contrast: false,
  threshold: false,
  deskew: false,
  upscaleBelow: 0,
};

export interface PreprocessResult {
  image: GrayImage;
  /** What was done, for the page's provenance ("deskew −2.5°", "upscale ×2"). */
  steps: string[];
  /** Maps a point on the processed image back to the original page. */
  scale: number;
  angle: number;
}

export function toGray(image: RgbaImage): GrayImage {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const alpha = (image.data[p + 3] ?? 255) / 255;
    // Rec. 601 luma; transparent pixels are paper, not ink.
    const luma =
      0.299 * (image.data[p] ?? 0) +
      0.587 * (image.data[p + 1] ?? 0) +
      0.114 * (image.data[p + 2] ?? 0);
    data[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width: image.width, height: image.height, data };
}

export function toRgba(image: GrayImage): RgbaImage {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, p = 0; i < image.data.length; i++, p += 4) {
    const value = image.data[i] ?? 255;
    data[p] = value;
    data[p + 1] = value;
    data[p + 2] = value;
    data[p + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}

export function histogram(image: GrayImage): Uint32Array {
  const counts = new Uint32Array(256);
  for (const value of image.data) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Otsu's method: the grey level that maximises the variance between ink and paper. */
export function otsuThreshold(image: GrayImage): number {
  const counts = histogram(image);
  const total = image.data.length;
  let sumAll = 0;
  for (let level = 0; level < 256; level++) sumAll += level * (counts[level] ?? 0);
  let sumBelow = 0;
  let weightBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let level = 0; level < 256; level++) {
    weightBelow += counts[level] ?? 0;
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += level * (counts[level] ?? 0);
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = level;
    }
  }
  return best;
}

export function binarize(image: GrayImage, threshold = otsuThreshold(image)): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (image.data[i] ?? 255) <= threshold ? 0 : 255;
  return { ...image, data };
}

export function stretchContrast(image: GrayImage): GrayImage {
  const counts = histogram(image);
  const total = image.data.length;
  const low = percentile(counts, total, 0.01);
  const high = percentile(counts, total, 0.99);
  if (high - low < 8) return image;
  const data = new Uint8Array(image.data.length);
  const range = high - low;
  for (let i = 0; i < data.length; i++) {
    const value = (((image.data[i] ?? 0) - low) * 255) / range;
    data[i] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
  }
  return { ...image, data };
}

function percentile(counts: Uint32Array, total: number, fraction: number): number {
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += counts[level] ?? 0;
    if (seen >= total * fraction) return level;
  }
  return 255;
}

/** Bilinear resampling by a factor (> 0). */
export function scaleImage(image: GrayImage, factor: number): GrayImage {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, (y + 0.5) / factor - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, (x + 0.5) / factor - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const fx = Math.max(0, sx - x0);
      const top = at(image, x0, y0) * (1 - fx) + at(image, x1, y0) * fx;
      const bottom = at(image, x0, y1) * (1 - fx) + at(image, x1, y1) * fx;
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data };
}

function at(image: GrayImage, x: number, y: number): number {
  return image.data[y * image.width + x] ?? 255;
}

/** Rotates about the centre by `degrees` (counter-clockwise positive), keeping the size; corners fill white. */
export function rotateImage(image: GrayImage, degrees: number): GrayImage {
  if (degrees === 0) return image;
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  // About the centre of the middle pixel, so that a turn of 90° moves every pixel onto a pixel.
  const cx = (image.width - 1) / 2;
  const cy = (image.height - 1) / 2;
  const data = new Uint8Array(image.data.length).fill(255);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const sx = Math.round(cos * dx - sin * dy + cx);
      const sy = Math.round(sin * dx + cos * dy + cy);
      if (sx >= 0 && sy >= 0 && sx < image.width && sy < image.height) {
        data[y * image.width + x] = image.data[sy * image.width + sx] ?? 255;
      }
    }
  }
  return { ...image, data };
}

/** Quarter turns clockwise (1, 2 or 3), for pages scanned sideways or upside down. */
export function rotateQuarter(image: GrayImage, turns: number): GrayImage {
  const quarter = ((turns % 4) + 4) % 4;
  if (quarter === 0) return image;
  const { width, height } = image;
  const outWidth = quarter === 2 ? width : height;
  const outHeight = quarter === 2 ? height : width;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = image.data[y * width + x] ?? 255;
      const [nx, ny] =
        quarter === 1
          ? [height - 1 - y, x]
          : quarter === 2
            ? [width - 1 - x, height - 1 - y]
            : [y, width - 1 - x];
      data[ny * outWidth + nx] = value;
    }
  }
  return { width: outWidth, height: outHeight, data };
}

/**
 * Skew angle by projection profiles: rows of text line up with the scan lines when the page is
 * straight, which maximises the variance of ink per row. Searched on a reduced, binarized copy.
 */
export function estimateSkew(image: GrayImage, maxDegrees = 6): number {
  const factor = Math.min(1, 800 / Math.max(image.width, image.height));
  const small = binarize(factor < 1 ? scaleImage(image, factor) : image);
  const ink: [number, number][] = [];
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (small.data[y * small.width + x] === 0) ink.push([x, y]);
    }
  }
  if (ink.length < 50) return 0;
  const score = (degrees: number): number => {
    const radians = (degrees * Math.PI) / 180;
    const sin = Math.sin(radians);
    const cos = Math.cos(radians);
    const rows = new Float64Array(small.height * 2 + small.width);
    const offset = small.width;
    for (const [x, y] of ink) {
      const row = Math.round(y * cos - x * sin) + offset;
      rows[row] = (rows[row] ?? 0) + 1;
    }
    let sum = 0;
    for (const count of rows) sum += count * count;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let degrees = -maxDegrees; degrees <= maxDegrees; degrees += 0.5) {
    const value = score(degrees);
    if (value > bestScore * 1.0001) [best, bestScore] = [degrees, value];
  }
  for (let degrees = best - 0.4; degrees <= best + 0.4; degrees += 0.1) {
    const value = score(degrees);
    if (value > bestScore * 1.0001) [best, bestScore] = [degrees, value];
  }
  return Math.round(best * 10) / 10;
}

/** Lines of text shorter than this (in pixels, ascender to descender) are enlarged. */
export const smallLineHeight = 20;
/** What an enlarged page's lines are brought up to: the size the LSTM models read best. */
const comfortableLineHeight = 32;

/**
 * Median height of the page's text lines: runs of rows holding ink in the Otsu-binarized page.
 * 0 when the page has no such runs (blank, or one solid block).
 */
export function estimateLineHeight(image: GrayImage): number {
  const binary = binarize(image);
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y < binary.height; y++) {
    let ink = 0;
    for (let x = 0; x < binary.width; x++) if (binary.data[y * binary.width + x] === 0) ink++;
    // A row with a speck or two is paper; a line of text darkens at least ~0.5 % of its row.
    if (ink > Math.max(2, binary.width * 0.005)) run++;
    else {
      if (run > 2) runs.push(run);
      run = 0;
    }
  }
  if (run > 2) runs.push(run);
  if (runs.length === 0) return 0;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? 0;
}

export function preprocess(image: GrayImage, options: PreprocessOptions): PreprocessResult {
  let current = image;
  const steps: string[] = [];
  let scale = 1;
  let angle = 0;
  const turns = (((options.quarterTurns ?? 0) % 4) + 4) % 4;
  if (turns !== 0) {
    current = rotateQuarter(current, turns);
    steps.push(`turned ${turns * 90}° clockwise`);
  }
  if (options.upscaleBelow > 0) {
    // The text's size decides, not the page's: a small page of large print reads worse enlarged.
    const lineHeight = estimateLineHeight(current);
    if (lineHeight > 0 && lineHeight < options.upscaleBelow) {
      const factor = Math.min(4, Math.ceil(comfortableLineHeight / lineHeight));
      current = scaleImage(current, factor);
      scale = factor;
      steps.push(`upscale ×${factor}`);
    }
  }
  if (options.contrast) {
    current = stretchContrast(current);
    steps.push('contrast');
  }
  if (options.deskew) {
    // Projection profile rows are y·cos − x·sin: a page whose lines fall to the right scores at a
    // positive angle, and rotating by that angle counter-clockwise levels it.
    angle = estimateSkew(current);
    if (angle !== 0) {
      current = rotateImage(current, angle);
      steps.push(`deskew ${angle > 0 ? '+' : ''}${angle}°`);
    }
  }
  if (options.threshold) {
    const level = otsuThreshold(current);
    current = binarize(current, level);
    steps.push(`threshold ${level}`);
  }
  return { image: current, steps, scale, angle };
}
