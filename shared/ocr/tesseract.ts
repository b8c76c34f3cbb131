import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { pageFromTsv } from './page-result';
import type { OcrPage } from './types';

export interface LanguageData {
  /** Tesseract's language code: eng, chi_sim… */
  code: string;
  /** The .traineddata file, gzipped or not. */
  data: Uint8Array;
}

/**
 * Where the worker finds `<code>.traineddata`. tesseract.js 7 mishandles language objects passed
 * with their bytes (its initialize step joins the bytes, not the codes), so each shell stages the
 * files in tesseract's own read-only cache first: a folder in Node, its IndexedDB key-value store in
 * the browser. `langPath` is the app's own copy, used only if the cache misses, so nothing is ever
 * fetched from a CDN.
 */
export interface LanguageLocation {
  cachePath: string;
  langPath: string;
}

export interface TesseractOptions {
  codes: readonly string[];
  location: LanguageLocation;
  /** Browser only: absolute URLs of the worker script and the core directory served by the app. */
  workerPath?: string;
  corePath?: string;
  /** Creation never settles when language data is unusable, so it is raced against this. */
  timeoutMs?: number;
}

export interface RecognizeRequest {
  /** PNG/JPEG bytes, a Blob, or anything tesseract.js loads. */
  image: Uint8Array | Blob;
  rectangle?: { left: number; top: number; width: number; height: number };
  /** Characters the engine may output for this request (zones with digits or dates). */
  whitelist?: string;
  /** Page segmentation: a block of text (6, like the CLI bench), or a single line/word for zones. */
  mode?: 'block' | 'line' | 'word' | 'auto';
}

const modes = {
  block: PSM.SINGLE_BLOCK,
  line: PSM.SINGLE_LINE,
  word: PSM.SINGLE_WORD,
  auto: PSM.AUTO,
} as const;

export interface OcrEngine {
  recognize(request: RecognizeRequest): Promise<OcrPage>;
  terminate(): Promise<void>;
}

export class OcrEngineError extends Error {}

/**
 * One tesseract.js worker with its languages loaded from bytes the app supplies: nothing is fetched
 * from a CDN (langPath unused) and nothing is cached to disk or IndexedDB (cacheMethod none).
 */
export async function createTesseractEngine(options: TesseractOptions): Promise<OcrEngine> {
  if (options.codes.length === 0) throw new OcrEngineError('No OCR language selected.');
  let failure: unknown = null;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const codes = options.codes.join('+');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new OcrEngineError(
            `The OCR engine did not start within ${Math.round(timeoutMs / 1000)} s` +
              ` (languages ${codes})${failure === null ? '' : `: ${describe(failure)}`}.`,
          ),
        ),
      timeoutMs,
    );
  });
  const creation = createWorker(codes, OEM.LSTM_ONLY, {
    cacheMethod: 'readOnly',
    cachePath: options.location.cachePath,
    langPath: options.location.langPath,
    gzip: true,
    workerBlobURL: false,
    ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
    ...(options.corePath === undefined ? {} : { corePath: options.corePath }),
    errorHandler: (error: unknown) => {
      failure = error;
    },
  });
  let worker: Worker;
  try {
    worker = await Promise.race([creation, timeout]);
  } catch (error) {
    void creation.then((late) => late.terminate()).catch(() => undefined);
    throw error instanceof OcrEngineError
      ? error
      : new OcrEngineError(`The OCR engine could not load languages ${codes}: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
  }
  let whitelist = '';
  let mode: RecognizeRequest['mode'] = 'block';
  await worker.setParameters({
    tessedit_pageseg_mode: modes.block,
    preserve_interword_spaces: '1',
    // Tesseract's own notes ("Estimating resolution as 304") would go to the console on every page.
    debug_file: '/dev/null',
  });
  return {
    async recognize(request) {
      const nextWhitelist = request.whitelist ?? '';
      const nextMode = request.mode ?? 'block';
      if (nextWhitelist !== whitelist || nextMode !== mode) {
        await worker.setParameters({
          tessedit_char_whitelist: nextWhitelist,
          tessedit_pageseg_mode: modes[nextMode],
        });
        whitelist = nextWhitelist;
        mode = nextMode;
      }
      const result = await worker.recognize(
        request.image as Parameters<Worker['recognize']>[0],
        request.rectangle === undefined ? {} : { rectangle: request.rectangle },
        { text: false, blocks: false, tsv: true },
      );
      return pageFromTsv(result.data.tsv ?? '');
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
