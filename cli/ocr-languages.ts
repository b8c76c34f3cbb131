import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { LanguageData, LanguageLocation } from '../shared/ocr/tesseract';

const require = createRequire(import.meta.url);

/** English as shipped with the app: @tesseract.js-data/eng, the small integer LSTM model. */
export function bundledEnglish(): LanguageData {
  const packageDir = dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return {
    code: 'eng',
    data: readFileSync(join(packageDir, '4.0.0_best_int', 'eng.traineddata.gz')),
  };
}

/** A user's .traineddata file; its code is the file name (chi_sim.traineddata → chi_sim). */
export function languagePackFromFile(path: string): LanguageData {
  const code = basename(path).replace(/\.traineddata(\.gz)?$/u, '');
  if (!/^[a-z_]{3,16}$/u.test(code)) {
    throw new Error(
      `${path}: a language pack must be named <code>.traineddata (for example chi_sim.traineddata).`,
    );
  }
  return { code, data: readFileSync(path) };
}

/** Stages languages in a private folder used as tesseract's read-only cache (see LanguageLocation). */
export function stageLanguages(languages: readonly LanguageData[]): LanguageLocation {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-ocr-'));
  for (const language of languages) {
    writeFileSync(join(folder, `${language.code}.traineddata`), language.data);
  }
  return { cachePath: folder, langPath: folder };
}
