/** [x0, y0, x1, y1] in page pixels, x1/y1 exclusive, as tesseract reports them. */
export type BBox = readonly [number, number, number, number];

export interface OcrWord {
  text: string;
  /** 0–100, tesseract's word confidence. */
  confidence: number;
  bbox: BBox;
  /** Index of the line the word sits on, counted in reading order over the page. */
  line: number;
}

export interface OcrPage {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  words: OcrWord[];
}

/** One byte per pixel, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Four bytes per pixel, as canvas ImageData holds them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}
