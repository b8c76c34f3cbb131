import type { BBox, OcrWord } from './types';

export interface ProcessedGeometry {
  /** Upscale factor applied before anything else. */
  scale: number;
  /** preprocess() straightened the page with rotateImage(page, angle). */
  angle: number;
  /** Size of the processed image (upscaled size; rotation keeps it). */
  width: number;
  height: number;
}

/**
 * Maps a point on the processed image back to the stored page: undo the deskew rotation about
 * the centre, then the upscale. Word boxes shown over the page image must sit on the words.
 */
export function pointToPage(x: number, y: number, geometry: ProcessedGeometry): [number, number] {
  // rotateImage samples the source at R(angle)·(p − c) + c, c the centre of the pixel grid.
  const radians = (geometry.angle * Math.PI) / 180;
  const cx = (geometry.width - 1) / 2;
  const cy = (geometry.height - 1) / 2;
  const dx = x - cx;
  const dy = y - cy;
  const sourceX = Math.cos(radians) * dx - Math.sin(radians) * dy + cx;
  const sourceY = Math.sin(radians) * dx + Math.cos(radians) * dy + cy;
  return [sourceX / geometry.scale, sourceY / geometry.scale];
}

export function boxToPage(box: BBox, geometry: ProcessedGeometry): BBox {
  if (geometry.scale === 1 && geometry.angle === 0) return box;
  const corners = [
    pointToPage(box[0], box[1], geometry),
    pointToPage(box[2], box[1], geometry),
    pointToPage(box[0], box[3], geometry),
    pointToPage(box[2], box[3], geometry),
  ];
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return [
    Math.floor(Math.min(...xs)),
    Math.floor(Math.min(...ys)),
    Math.ceil(Math.max(...xs)),
    Math.ceil(Math.max(...ys)),
  ];
}

export function wordsToPage(words: readonly OcrWord[], geometry: ProcessedGeometry): OcrWord[] {
  return words.map((word) => ({ ...word, bbox: boxToPage(word.bbox, geometry) }));
}
