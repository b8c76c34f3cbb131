import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { noPreprocessing, smallLineHeight, type PreprocessOptions } from '../shared/ocr/preprocess';
import { createTesseractEngine, type LanguageData, type OcrEngine } from '../shared/ocr/tesseract';
import { bundledEnglish, languagePackFromFile, stageLanguages } from './ocr-languages';

/** The pre-processing steps the command and the bench name, as the app's batch settings offer them. */
export const preprocessSteps = [
  'contrast',
  'threshold',
  'deskew',
  'upscale',
  'orientation',
] as const;
export type PreprocessStep = (typeof preprocessSteps)[number];

/** Text lines shorter than this are enlarged when upscaling is on (the app uses the same). */
export const upscaleBelow = smallLineHeight;

export function preprocessOptions(steps: readonly PreprocessStep[]): PreprocessOptions {
  return {
    ...noPreprocessing,
    contrast: steps.includes('contrast'),
    threshold: steps.includes('threshold'),
    deskew: steps.includes('deskew'),
    upscaleBelow: steps.includes('upscale') ? upscaleBelow : 0,
  };
}

/**
 * The language data for `codes`: English ships with the app, any other code must come from one of
 * the packs (`chi_sim.traineddata` provides chi_sim). Throws a message for the person at the
 * keyboard when a code has no data.
 */
export function resolveLanguages(
  codes: readonly string[],
  packPaths: readonly string[],
): LanguageData[] {
  const packs = packPaths.map((path) => {
    try {
      return languagePackFromFile(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') throw new Error(`${path}: no such file`, { cause: error });
      if (code === 'EISDIR') {
        throw new Error(`${path}: is a folder, not a language pack`, { cause: error });
      }
      throw error;
    }
  });
  return codes.map((code) => {
    const pack = packs.find((candidate) => candidate.code === code);
    if (pack !== undefined) return pack;
    if (code === 'eng') return bundledEnglish();
    throw new Error(
      `No language data for "${code}": pass its file with --langpack ${code}.traineddata` +
        ` (on Debian, apt-get install tesseract-ocr-${code.replace(/_/gu, '-')} puts it in` +
        ` /usr/share/tesseract-ocr/5/tessdata/).`,
    );
  });
}

/** One engine per core, as the app runs one worker per core. */
export function engineCount(pages: number): number {
  return Math.max(1, Math.min(availableParallelism(), pages));
}

export interface EngineSet {
  engines: OcrEngine[];
  /** Stops the engines and removes the staged language files. */
  close(): Promise<void>;
}

export async function createEngines(
  languages: readonly LanguageData[],
  count: number,
): Promise<EngineSet> {
  const location = stageLanguages(languages);
  const remove = (): void => rmSync(location.cachePath, { recursive: true, force: true });
  const created = await Promise.allSettled(
    Array.from({ length: count }, () =>
      createTesseractEngine({ codes: languages.map((language) => language.code), location }),
    ),
  );
  const engines = created.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = created.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(engines.map((engine) => engine.terminate()));
    remove();
    throw failure.reason;
  }
  return {
    engines,
    close: async () => {
      await Promise.all(engines.map((engine) => engine.terminate()));
      remove();
    },
  };
}
