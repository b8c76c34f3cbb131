import { set as setCached } from 'idb-keyval';
import { createTesseractEngine, type OcrEngine } from '../../../shared/ocr/tesseract';

/** tesseract.js reads `${cachePath}/<code>.traineddata` from its IndexedDB key-value store first. */
const cachePath = 'tessera-ocr';

function appUrl(path: string): string {
  return new URL(path, document.baseURI).href;
}

/**
 * Stores a language pack where the engine's worker looks before anything else, so a pack added
 * once works offline from then on. English needs no staging: its file ships with the app.
 */
export async function stageLanguagePack(code: string, data: Uint8Array): Promise<void> {
  await setCached(`${cachePath}/${code}.traineddata`, data);
}

/** One engine per core: each is a web worker, so the window keeps its own thread. */
export function engineCount(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}

export async function createEngines(codes: readonly string[], count: number): Promise<OcrEngine[]> {
  const options = {
    codes,
    location: { cachePath, langPath: appUrl('tesseract/lang') },
    workerPath: appUrl('tesseract/worker.min.js'),
    corePath: appUrl('tesseract/core/'),
    timeoutMs: 60_000,
  };
  const created = await Promise.allSettled(
    Array.from({ length: count }, () => createTesseractEngine(options)),
  );
  const engines = created.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = created.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(engines.map((engine) => engine.terminate()));
    throw failure.reason;
  }
  return engines;
}
