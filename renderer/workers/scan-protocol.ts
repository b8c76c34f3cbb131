import type { PreprocessOptions } from '../../shared/ocr/preprocess';
import type { BBox, GrayImage } from '../../shared/ocr/types';

export interface DecodedPage {
  width: number;
  height: number;
  image: Blob;
}

export type ScanRequest =
  | { id: number; kind: 'decode'; file: Blob; type: 'tiff' | 'bitmap'; name: string }
  | { id: number; kind: 'prepare'; image: Blob; options: PreprocessOptions }
  | { id: number; kind: 'crop'; image: Blob; box: BBox }
  | { id: number; kind: 'gray'; image: Blob }
  | { id: number; kind: 'turn'; image: Blob; turns: number };

export type ScanResponse =
  | { id: number; ok: false; message: string }
  | { id: number; ok: true; kind: 'decode'; pages: DecodedPage[] }
  | {
      id: number;
      ok: true;
      kind: 'prepare';
      /** The page as the engine reads it: grey PGM, as the command line hands it over too. */
      image: Uint8Array;
      steps: string[];
      scale: number;
      angle: number;
      width: number;
      height: number;
    }
  | { id: number; ok: true; kind: 'crop'; image: Blob }
  | { id: number; ok: true; kind: 'gray'; gray: GrayImage }
  | { id: number; ok: true; kind: 'turn'; page: DecodedPage };
