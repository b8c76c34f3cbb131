/**
 * A batch of scans through the app's OCR pool: each page is decoded when an engine is free for it,
 * pre-processed, recognised, and (with a template) read zone by zone on the same engine.
 */
import { OcrPool } from '../shared/ocr/pool';
import { preprocess, toGray, type PreprocessOptions } from '../shared/ocr/preprocess';
import type { OcrEngine } from '../shared/ocr/tesseract';
import { applyTemplate, type FormTemplate, type TemplateResult } from '../shared/ocr/template';
import type { GrayImage, OcrPage } from '../shared/ocr/types';
import { detectOrientation } from '../shared/ocr/orientation';
import { encodePgm, type ScanFile } from './ocr-images';

export interface PageResult {
  file: string;
  /** 1-based. */
  page: number;
  /** Size of the page as recognised (after pre-processing). */
  width: number;
  height: number;
  steps: string[];
  ocr: OcrPage;
  template?: TemplateResult;
}

export interface PageFailure {
  file: string;
  page: number;
  message: string;
}

export interface RunOptions {
  engines: readonly OcrEngine[];
  preprocess: PreprocessOptions;
  /** Find which way up each page is first (costs up to four quick readings of a reduced page). */
  orientation?: boolean;
  /** Page segmentation: auto finds columns (psm 3); block reads one block, tables stay whole (psm 6). */
  mode: 'auto' | 'block';
  template?: FormTemplate;
  onPage?: (result: PageResult) => void;
}

interface Prepared {
  file: string;
  page: number;
  gray: GrayImage;
  image: Uint8Array;
  steps: string[];
}

export async function recognizeScans(
  scans: readonly ScanFile[],
  options: RunOptions,
): Promise<{ pages: PageResult[]; failures: PageFailure[] }> {
  const pages = new Map<string, PageResult>();
  const failures: PageFailure[] = [];
  const order: { id: string; file: string; page: number }[] = [];
  const { template } = options;
  const pool = new OcrPool<Prepared>(options.engines, {
    onDone: async (id, ocr, prepared, worker) => {
      if (prepared === undefined) return;
      const engine = options.engines[worker];
      const result: PageResult = {
        file: prepared.file,
        page: prepared.page,
        width: prepared.gray.width,
        height: prepared.gray.height,
        steps: prepared.steps,
        ocr,
      };
      if (template !== undefined && engine !== undefined) {
        // The pool keeps this engine for the page until onDone returns: the zones use it too.
        result.template = await applyTemplate(
          template,
          { gray: prepared.gray, words: ocr.words },
          ({ box, whitelist, mode }) =>
            engine.recognize({
              image: prepared.image,
              rectangle: {
                left: box[0],
                top: box[1],
                width: box[2] - box[0],
                height: box[3] - box[1],
              },
              mode,
              ...(whitelist === undefined ? {} : { whitelist }),
            }),
        );
      }
      pages.set(id, result);
      options.onPage?.(result);
    },
    onError: (id, error) => {
      const job = order.find((entry) => entry.id === id);
      failures.push({
        file: job?.file ?? id,
        page: job?.page ?? 0,
        message: error instanceof Error ? error.message : String(error),
      });
    },
  });
  scans.forEach((scan, index) => {
    for (let page = 1; page <= scan.pageCount; page++) {
      const id = `${index}:${page}`;
      order.push({ id, file: scan.path, page });
      pool.add([
        {
          id,
          prepare: async (engine) => {
            const gray = toGray(await scan.readPage(page));
            // Pages found sideways are read, and their boxes given, turned upright.
            const quarterTurns = options.orientation
              ? (await detectOrientation(engine, gray)).turns
              : 0;
            const processed = preprocess(gray, { ...options.preprocess, quarterTurns });
            const image = encodePgm(processed.image);
            return {
              image,
              mode: options.mode,
              extra: {
                file: scan.path,
                page,
                gray: processed.image,
                image,
                steps: processed.steps,
              },
            };
          },
        },
      ]);
    }
  });
  await pool.drain();
  return {
    pages: order.flatMap(({ id }) => {
      const result = pages.get(id);
      return result === undefined ? [] : [result];
    }),
    failures: failures.sort(
      (a, b) =>
        order.findIndex((entry) => entry.file === a.file && entry.page === a.page) -
        order.findIndex((entry) => entry.file === b.file && entry.page === b.page),
    ),
  };
}
