import type { BBox, OcrWord } from '../ocr/types';

export const scanKinds = ['png', 'jpeg', 'tiff', 'bmp', 'webp', 'pdf'] as const;
export type ScanKind = (typeof scanKinds)[number];

/** A scanned file: one or more page images, kept with the file's hash like any other source. */
export interface Scan {
  id: string;
  projectId: string;
  fileName: string;
  kind: ScanKind;
  size: number;
  sha256: string;
  pageCount: number;
  importedBy: string;
  importedAt: string;
}

export interface OcrSettings {
  /** Tesseract language codes, e.g. ['eng', 'chi_sim']. */
  languages: string[];
  /** 'auto' analyses the layout (columns); 'block' reads the page as one block (tables, forms). */
  mode: 'auto' | 'block';
  contrast: boolean;
  threshold: boolean;
  deskew: boolean;
  upscale: boolean;
  /** Find which way up each page is and turn sideways or upside-down pages upright. */
  orientation: boolean;
}

export interface OcrResult {
  engine: string;
  settings: OcrSettings;
  /** What pre-processing did to this page ("deskew +2.1°", "threshold 141"). */
  steps: string[];
  text: string;
  confidence: number;
  /** Word boxes are in the coordinates of the stored page image. */
  words: OcrWord[];
  at: string;
  durationMs: number;
}

export interface ScanPage {
  /** `${scanId}:${page}` */
  id: string;
  scanId: string;
  projectId: string;
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  /** The page as the engine saw it before pre-processing: PDF pages rendered, TIFF pages decoded. */
  image: Blob;
  /** Pixels per inch the page was rendered at (PDF) or read from the file, when known. */
  dpi?: number;
  ocr: OcrResult | null;
}

/**
 * A person's decision on one word the engine read. The engine's text stays in the page's
 * OcrResult; corrected text is derived by laying corrections over it.
 */
export interface OcrCorrection {
  id: string;
  pageId: string;
  scanId: string;
  projectId: string;
  wordIndex: number;
  engineText: string;
  /** Equal to engineText when the person accepted the engine's reading. */
  text: string;
  bbox: BBox;
  confidence: number;
  by: string;
  at: string;
}

export interface StoredTemplate {
  id: string;
  projectId: string;
  name: string;
  /** The template as shared/ocr/template.ts defines it (validated there). */
  definition: unknown;
  /** The page the zones were drawn on. */
  pageId: string;
  createdBy: string;
  createdAt: string;
}

/** A .traineddata file a user added; the bytes live in the OCR engine's own cache. */
export interface LanguagePack {
  code: string;
  fileName: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
}
