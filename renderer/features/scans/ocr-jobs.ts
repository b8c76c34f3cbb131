import { create } from 'zustand';
import type { OcrResult, OcrSettings, ScanPage } from '../../../shared/model/scans';
import { wordsToPage, type ProcessedGeometry } from '../../../shared/ocr/geometry';
import { detectOrientation } from '../../../shared/ocr/orientation';
import { OcrPool } from '../../../shared/ocr/pool';
import { smallLineHeight } from '../../../shared/ocr/preprocess';
import type { OcrEngine, RecognizeRequest } from '../../../shared/ocr/tesseract';
import type { Actor } from '../../db/audit';
import type { TesseraDatabase } from '../../db/database';
import { saveOcrResult } from '../../db/repositories/scans';
import type { DecodedPage } from '../../workers/scan-protocol';
import { grayImage, prepareImage, turnImage } from '../../workers/scan-client';
import { createEngines, engineCount } from './engines';

export const engineName = 'tesseract.js 7.0.0 (LSTM)';

export const defaultOcrSettings: OcrSettings = {
  languages: ['eng'],
  mode: 'auto',
  contrast: false,
  threshold: false,
  deskew: false,
  upscale: false,
  orientation: false,
};

export type JobStatus = 'idle' | 'starting' | 'running' | 'paused';

export interface OcrJobState {
  status: JobStatus;
  total: number;
  done: number;
  failures: { pageId: string; message: string }[];
  startedAt: number;
  /** Milliseconds spent on finished pages, for pages per minute and time left. */
  elapsed: number;
  error: string | null;
  start: (
    db: TesseraDatabase,
    actor: Actor,
    pages: readonly ScanPage[],
    settings: OcrSettings,
  ) => Promise<void>;
  pause: () => void;
  resume: () => void;
  cancel: () => Promise<void>;
}

interface Prepared {
  startedAt: number;
  geometry?: ProcessedGeometry & { steps: string[] };
  /** The page turned upright, to store in place of the sideways one. */
  upright?: DecodedPage;
}

let pool: OcrPool<Prepared> | null = null;

/**
 * What the engine reads for a page: a grey, pre-processed copy whose geometry maps the words back
 * onto the stored image. A page found sideways is first turned upright with its own engine.
 */
async function preparePage(
  engine: OcrEngine,
  page: ScanPage,
  settings: OcrSettings,
): Promise<RecognizeRequest & { extra: Prepared }> {
  const startedAt = performance.now();
  const mode = settings.mode;
  const turns = settings.orientation
    ? (await detectOrientation(engine, await grayImage(page.image))).turns
    : 0;
  // Every page goes to the engine as grey PGM, as the command line sends it: the engine misreads
  // some PNGs with transparency, and both shells then read a page the same way.
  const prepared = await prepareImage(page.image, {
    contrast: settings.contrast,
    threshold: settings.threshold,
    deskew: settings.deskew,
    upscaleBelow: settings.upscale ? smallLineHeight : 0,
    quarterTurns: turns,
  });
  return {
    image: prepared.image,
    mode,
    extra: {
      startedAt,
      geometry: prepared,
      ...(turns === 0 ? {} : { upright: await turnImage(page.image, turns) }),
    },
  };
}
let engines: { key: string; engines: OcrEngine[] } | null = null;

async function enginesFor(languages: readonly string[]): Promise<OcrEngine[]> {
  const key = languages.join('+');
  if (engines?.key === key) return engines.engines;
  if (engines !== null) await Promise.all(engines.engines.map((engine) => engine.terminate()));
  engines = null;
  engines = { key, engines: await createEngines(languages, engineCount()) };
  return engines.engines;
}

/** The OCR queue: pages are read by a pool of engines and each result is saved as it lands. */
export const useOcrJobs = create<OcrJobState>()((set, get) => ({
  status: 'idle',
  total: 0,
  done: 0,
  failures: [],
  startedAt: 0,
  elapsed: 0,
  error: null,
  async start(db, actor, pages, settings) {
    if (get().status !== 'idle' || pages.length === 0) return;
    set({
      status: 'starting',
      total: pages.length,
      done: 0,
      failures: [],
      error: null,
      startedAt: performance.now(),
      elapsed: 0,
    });
    let ready: OcrEngine[];
    try {
      ready = await enginesFor(settings.languages);
    } catch (error) {
      set({ status: 'idle', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const finish = () => {
      pool = null;
      set({ status: 'idle', elapsed: performance.now() - get().startedAt });
    };
    pool = new OcrPool<Prepared>(ready, {
      onDone: async (pageId, page, extra) => {
        const geometry = extra?.geometry;
        const result: OcrResult = {
          engine: engineName,
          settings,
          steps: geometry?.steps ?? [],
          text: page.text,
          confidence: page.confidence,
          words: geometry === undefined ? page.words : wordsToPage(page.words, geometry),
          at: new Date().toISOString(),
          durationMs: Math.round(performance.now() - (extra?.startedAt ?? performance.now())),
        };
        await saveOcrResult(db, actor, pageId, result, extra?.upright);
        set((state) => ({ done: state.done + 1, elapsed: performance.now() - state.startedAt }));
      },
      onError: (pageId, error) =>
        set((state) => ({
          done: state.done + 1,
          failures: [
            ...state.failures,
            { pageId, message: error instanceof Error ? error.message : String(error) },
          ],
        })),
      onIdle: finish,
    });
    set({ status: 'running' });
    pool.add(
      pages.map((page) => ({
        id: page.id,
        prepare: (engine) => preparePage(engine, page, settings),
      })),
    );
  },
  pause() {
    pool?.pause();
    if (get().status === 'running') set({ status: 'paused' });
  },
  resume() {
    pool?.resume();
    if (get().status === 'paused') set({ status: 'running' });
  },
  async cancel() {
    const current = pool;
    pool = null;
    await current?.cancel();
    set({ status: 'idle' });
  },
}));

/** Pages per minute and seconds left, from the pages finished so far. */
export function throughput(state: Pick<OcrJobState, 'done' | 'total' | 'elapsed'>): {
  pagesPerMinute: number;
  secondsLeft: number | null;
} {
  if (state.done === 0 || state.elapsed <= 0) return { pagesPerMinute: 0, secondsLeft: null };
  const perPage = state.elapsed / state.done;
  return {
    pagesPerMinute: Math.round((60_000 / perPage) * 10) / 10,
    secondsLeft: Math.round(((state.total - state.done) * perPage) / 1000),
  };
}
