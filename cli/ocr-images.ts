/**
 * Scans as the command line reads them: PNG, JPEG, BMP and WebP (Skia, in a child process), TIFF
 * with all its pages (utif2) and PDF with each page drawn at 300 DPI (pdf.js, on @napi-rs/canvas).
 * Pages are decoded one at a time when asked for, so a long PDF never sits in memory whole.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type * as Utif from 'utif2';
import type { RgbaImage } from '../shared/ocr/types';
import type { RasterDecoder } from './ocr-raster';

/** pdf.js's render, typed for the canvas it gets here: its own types name the DOM's. */
type Render = (parameters: { canvas: unknown; viewport: unknown }) => { promise: Promise<void> };

const require = createRequire(import.meta.url);
// utif2 is CommonJS without named exports Node can see, so it is required rather than imported.
const UTIF = require('utif2') as typeof Utif;

export type ScanFormat = 'png' | 'jpeg' | 'bmp' | 'webp' | 'tiff' | 'pdf';

export const defaultPdfDpi = 300;

/** A page larger than this on its long side is drawn smaller: the engine gains nothing past it. */
const maxPdfSide = 10_000;

/** A file that cannot be read; the message names the file, and the page when it is one page. */
export class ScanError extends Error {}

export interface ScanFile {
  path: string;
  format: ScanFormat;
  pageCount: number;
  /** Pixels of page `number` (1-based). */
  readPage(number: number): Promise<RgbaImage>;
  close(): Promise<void>;
}

export interface OpenOptions {
  decoder: RasterDecoder;
  dpi?: number;
}

export function detectScanFormat(bytes: Uint8Array): ScanFormat | null {
  const starts = (...signature: number[]): boolean =>
    signature.every((byte, index) => bytes[index] === byte);
  const ascii = (from: number, text: string): boolean =>
    Array.from(text).every((char, index) => bytes[from + index] === char.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(0, 'BM') && bytes.length > 26) return 'bmp';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  // PDF allows up to 1 KB of junk before its header.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return null;
}

export async function openScan(path: string, options: OpenOptions): Promise<ScanFile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new ScanError(`${path}: ${reason}`);
  }
  const format = detectScanFormat(bytes);
  if (format === null) {
    throw new ScanError(
      `${path}: not an image or PDF that Tessera reads (PNG, JPEG, TIFF, BMP, WebP, PDF)` +
        (bytes.length === 0 ? '; the file is empty' : ''),
    );
  }
  if (format === 'tiff') return openTiff(path, bytes);
  if (format === 'pdf') return openPdf(path, bytes, options.dpi ?? defaultPdfDpi);
  return {
    path,
    format,
    pageCount: 1,
    readPage: async () => {
      try {
        return await options.decoder.decode(bytes);
      } catch (error) {
        throw new ScanError(`${path}: ${describe(error)}`);
      }
    },
    close: () => Promise.resolve(),
  };
}

function openTiff(path: string, bytes: Uint8Array): ScanFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let directories: Utif.IFD[];
  try {
    directories = UTIF.decode(buffer);
  } catch (error) {
    throw new ScanError(`${path}: not a readable TIFF (${describe(error)})`);
  }
  // Tag 254 bit 0 marks a reduced-resolution copy (a thumbnail), not a page.
  const pages = directories.filter((directory) => {
    const kind = directory['t254'];
    const isThumbnail = Array.isArray(kind) && (Number(kind[0]) & 1) === 1;
    return !isThumbnail && Array.isArray(directory['t256']) && Array.isArray(directory['t257']);
  });
  if (pages.length === 0) throw new ScanError(`${path}: not a readable TIFF (no page image in it)`);
  return {
    path,
    format: 'tiff',
    pageCount: pages.length,
    readPage: (number) => {
      const directory = pages[number - 1];
      if (directory === undefined)
        return Promise.reject(new ScanError(`${path}: has no page ${number}`));
      try {
        UTIF.decodeImage(buffer, directory);
        const { width, height } = directory;
        if (!(width > 0 && height > 0)) throw new Error('the page has no pixels');
        const data = UTIF.toRGBA8(directory);
        if (data.length < width * height * 4) throw new Error('the pixel data is incomplete');
        return Promise.resolve({ width, height, data });
      } catch (error) {
        return Promise.reject(
          new ScanError(`${path}, page ${number}: cannot be decoded (${describe(error)})`),
        );
      } finally {
        // The decoded pixels stay on the directory object otherwise: a page at a time only.
        directory.data = new Uint8Array(0);
      }
    },
    close: () => Promise.resolve(),
  };
}

const pdfjsFolder = dirname(require.resolve('pdfjs-dist/package.json'));

async function openPdf(path: string, bytes: Uint8Array, dpi: number): Promise<ScanFile> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    document = await getDocument({
      data: bytes,
      // Errors only: pdf.js warns on every unknown font in a scan's text layer.
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      // Local data only (in Node these are folder paths): embedded JBIG2/JPEG 2000 scans need the
      // wasm decoders, text layers may need fonts and character maps.
      standardFontDataUrl: join(pdfjsFolder, 'standard_fonts') + '/',
      cMapUrl: join(pdfjsFolder, 'cmaps') + '/',
      cMapPacked: true,
      wasmUrl: join(pdfjsFolder, 'wasm') + '/',
    }).promise;
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    throw new ScanError(
      name === 'PasswordException'
        ? `${path}: the PDF is password-protected`
        : `${path}: not a readable PDF (${describe(error)})`,
    );
  }
  return {
    path,
    format: 'pdf',
    pageCount: document.numPages,
    readPage: async (number) => {
      try {
        const page = await document.getPage(number);
        const natural = page.getViewport({ scale: 1 });
        const longSide = Math.max(natural.width, natural.height);
        const scale = Math.min(dpi / 72, maxPdfSide / longSide);
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.round(viewport.width));
        const height = Math.max(1, Math.round(viewport.height));
        const canvas = createCanvas(width, height);
        // @napi-rs/canvas stands in for the DOM canvas pdf.js expects (its own Node default).
        await (page.render.bind(page) as unknown as Render)({ canvas, viewport }).promise;
        page.cleanup();
        const pixels = canvas.getContext('2d').getImageData(0, 0, width, height);
        return { width, height, data: pixels.data };
      } catch (error) {
        throw new ScanError(`${path}, page ${number}: cannot be drawn (${describe(error)})`);
      }
    },
    close: () => document.destroy(),
  };
}

export { encodePgm } from '../shared/ocr/pgm';

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.$/u, '');
}
