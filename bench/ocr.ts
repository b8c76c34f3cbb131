/**
 * OCR, the app's tesseract.js pool against the native `tesseract` CLI, measured in one run on the
 * same fixture pages with the same number of cores:
 *
 * - tesseract.js: the app's OcrPool with one engine per core (engine start-up reported apart),
 *   run twice: with the English model the app ships (tessdata best_int, from npm) and with
 *   Debian's English model added as a language pack, as `tessera ocr --langpack` or the app's
 *   "Add language pack…" takes it.
 * - native: Debian's `tesseract` 5, one process per page and as many at once as there are cores,
 *   OMP_THREAD_LIMIT=1 (its OpenMP default is several times slower on 2 cores), the same page
 *   segmentation (--psm 3 for the app's "auto"). Run twice: with Debian's own English model
 *   (tessdata_fast, a smaller network) and with the app's model.
 *
 * So each engine is compared with the other on the same model (the engines' speed), and the app's
 * default against native's default (which also counts the models' difference).
 *
 * Each pre-processing option is measured on its own and all together: every page is decoded and
 * pre-processed once into a PGM that both engines read, so both see exactly the same pixels.
 * Installs tesseract-ocr with apt-get when the CLI is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { characterErrorRate, normalizeForCer } from '../shared/ocr/cer';
import { OcrPool } from '../shared/ocr/pool';
import { preprocess, toGray } from '../shared/ocr/preprocess';
import { createEngines, preprocessOptions, type PreprocessStep } from '../cli/ocr-engines';
import { encodePgm, openScan } from '../cli/ocr-images';
import { bundledEnglish, languagePackFromFile } from '../cli/ocr-languages';
import { RasterDecoder } from '../cli/ocr-raster';

const fixtures = 'test/fixtures/scans';
const images = [
  'tesseract-test/phototest.png',
  'tesseract-test/eurotext.png',
  'tesseract-test/8087_054.3B.png',
  'tesseract-test/8071_093.3B.png',
  'tesseractjs/testocr.png',
  'tesseractjs/bill.png',
  'textract-code-samples/medical-notes.png',
  'crafted/phototest-skewed.png',
  'handwriting-htr/simplehtr_line.png',
  'handwriting-htr/simplehtr_word.png',
];
const variants: { name: string; steps: PreprocessStep[] }[] = [
  { name: 'none', steps: [] },
  { name: 'contrast', steps: ['contrast'] },
  { name: 'threshold', steps: ['threshold'] },
  { name: 'deskew', steps: ['deskew'] },
  { name: 'upscale', steps: ['upscale'] },
  { name: 'all', steps: ['contrast', 'threshold', 'deskew', 'upscale'] },
];
const mode = 'auto';
const repetitions = 3;
const psm = '3';
const work = 'bench/tmp/ocr-bench';

interface EngineRun {
  /** Median of the timed runs. */
  seconds: number;
  runs: number[];
  pagesPerMinute: number;
  /** All edits over all reference characters: long pages weigh as much as their text. */
  pooledCer: number;
  /** Mean of the per-page rates: a one-word page weighs as much as a newspaper page. */
  meanCer: number;
  cer: Record<string, number>;
}

interface VariantResult {
  tesseractJs: EngineRun;
  /** tesseract.js reading with Debian's model, added as a language pack (`--langpack`). */
  tesseractJsNativeModel: EngineRun;
  native: EngineRun;
  nativeAppModel: EngineRun;
}

interface Timed {
  seconds: number;
  texts: Map<string, string>;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function groundTruth(image: string): string {
  return readFileSync(join(fixtures, image.replace(/\.(png|tif|jpg)$/u, '.gt.txt')), 'utf8');
}

function summarize(timed: readonly Timed[]): EngineRun {
  const runs = timed.map((run) => round(run.seconds));
  const seconds = median(runs);
  // Recognition is deterministic: the texts of the first run stand for all.
  const texts = timed[0]?.texts ?? new Map<string, string>();
  const cer: Record<string, number> = {};
  let edits = 0;
  let characters = 0;
  for (const image of images) {
    const reference = groundTruth(image);
    const rate = characterErrorRate(texts.get(image) ?? '', reference);
    const length = Array.from(normalizeForCer(reference)).length;
    cer[image] = round(rate);
    edits += rate * length;
    characters += length;
  }
  const values = Object.values(cer);
  return {
    seconds,
    runs,
    pagesPerMinute: round((images.length / seconds) * 60, 1),
    pooledCer: round(edits / characters),
    meanCer: round(values.reduce((sum, value) => sum + value, 0) / values.length),
    cer,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function ensureNativeTesseract(): string {
  const found = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.split('\n')[0] ?? 'tesseract';
  console.log('tesseract CLI missing: apt-get install -y tesseract-ocr');
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  const installed = spawnSync(
    'apt-get',
    ['install', '-y', '--no-install-recommends', 'tesseract-ocr'],
    {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
  const again = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (installed.status !== 0 || again.status !== 0) {
    throw new Error(
      'The native tesseract CLI is needed for this benchmark: apt-get install tesseract-ocr.',
    );
  }
  return again.stdout.split('\n')[0] ?? 'tesseract';
}

/** Debian's English model, the one `tesseract -l eng` reads by default. */
function nativeModelPath(): string {
  const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const folder = /"([^"]+)"/u.exec(`${listed.stdout}${listed.stderr}`)?.[1];
  if (folder === undefined)
    throw new Error('tesseract --list-langs did not name its tessdata folder.');
  return join(folder, 'eng.traineddata');
}

/** `tesseract page.pgm stdout` for every page, `cores` processes at a time. */
async function runNative(
  pages: Map<string, string>,
  cores: number,
  tessdata: string | null,
): Promise<Timed> {
  const queue = [...pages.entries()];
  const texts = new Map<string, string>();
  const one = (image: string, path: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const args = [
        path,
        'stdout',
        '--psm',
        psm,
        '-l',
        'eng',
        ...(tessdata === null ? [] : ['--tessdata-dir', tessdata]),
      ];
      const child = spawn('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`tesseract ${args.join(' ')} exited ${code}`));
        texts.set(image, text);
        resolve();
      });
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: cores }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await one(...next);
    }),
  );
  return { seconds: (performance.now() - start) / 1000, texts };
}

async function runTesseractJs(
  pool: OcrPool<string>,
  pages: Map<string, string>,
  texts: Map<string, string>,
) {
  texts.clear();
  const start = performance.now();
  pool.add(
    [...pages.entries()].map(([image, path]) => ({
      id: image,
      prepare: () =>
        Promise.resolve({ image: new Uint8Array(readFileSync(path)), mode, extra: image }),
    })),
  );
  await pool.drain();
  return { seconds: (performance.now() - start) / 1000, texts: new Map(texts) };
}

export async function runOcrBench(): Promise<Record<string, unknown>> {
  const cores = availableParallelism();
  const native = ensureNativeTesseract();
  rmSync(work, { recursive: true, force: true });
  // The app's model, unpacked where the native CLI can read it.
  const appModel = join(work, 'tessdata-app');
  mkdirSync(appModel, { recursive: true });
  writeFileSync(join(appModel, 'eng.traineddata'), gunzipSync(bundledEnglish().data));

  const decoder = new RasterDecoder();
  const prepared = new Map<string, Map<string, string>>();
  const preprocessMs: Record<string, number> = {};
  try {
    const grays = await Promise.all(
      images.map(async (image) =>
        toGray(await (await openScan(join(fixtures, image), { decoder })).readPage(1)),
      ),
    );
    for (const variant of variants) {
      const folder = join(work, variant.name);
      mkdirSync(folder, { recursive: true });
      const pages = new Map<string, string>();
      const start = performance.now();
      images.forEach((image, index) => {
        const gray = grays[index];
        if (gray === undefined) return;
        const path = join(folder, `${image.replace(/\//gu, '__')}.pgm`);
        writeFileSync(path, encodePgm(preprocess(gray, preprocessOptions(variant.steps)).image));
        pages.set(image, path);
      });
      preprocessMs[variant.name] = round((performance.now() - start) / images.length, 1);
      prepared.set(variant.name, pages);
    }
  } finally {
    decoder.close();
  }

  const startup = performance.now();
  const engines = await createEngines([bundledEnglish()], cores);
  const startupSeconds = round((performance.now() - startup) / 1000);
  const nativeModelEngines = await createEngines([languagePackFromFile(nativeModelPath())], cores);
  const texts = new Map<string, string>();
  const poolOf = (set: typeof engines) =>
    new OcrPool<string>(set.engines, {
      onDone: (_, page, image) => {
        if (image !== undefined) texts.set(image, page.text);
      },
      onError: (id, error) => {
        throw new Error(`${id}: ${String(error)}`);
      },
    });
  const pool = poolOf(engines);
  const nativeModelPool = poolOf(nativeModelEngines);
  const results: Record<string, VariantResult> = {};
  try {
    // One warm-up page per engine, so no variant pays for the first page's compilation.
    const warmUp = new Map(
      [...(prepared.get('none') ?? new Map<string, string>())].slice(0, cores),
    );
    await runTesseractJs(pool, warmUp, texts);
    await runTesseractJs(nativeModelPool, warmUp, texts);
    for (const variant of variants) {
      const pages = prepared.get(variant.name) ?? new Map<string, string>();
      const timed: Record<keyof VariantResult, Timed[]> = {
        tesseractJs: [],
        tesseractJsNativeModel: [],
        native: [],
        nativeAppModel: [],
      };
      // Medians of 3, the engines taking turns so that a busy moment of the machine is shared out.
      for (let run = 0; run < repetitions; run++) {
        const order = [
          async () => timed.tesseractJs.push(await runTesseractJs(pool, pages, texts)),
          async () =>
            timed.tesseractJsNativeModel.push(await runTesseractJs(nativeModelPool, pages, texts)),
          async () => timed.native.push(await runNative(pages, cores, null)),
          async () => timed.nativeAppModel.push(await runNative(pages, cores, appModel)),
        ];
        for (let step = 0; step < order.length; step++)
          await order[(step + run) % order.length]?.();
      }
      results[variant.name] = {
        tesseractJs: summarize(timed.tesseractJs),
        tesseractJsNativeModel: summarize(timed.tesseractJsNativeModel),
        native: summarize(timed.native),
        nativeAppModel: summarize(timed.nativeAppModel),
      };
      console.log(`  ${variant.name}: done`);
    }
  } finally {
    await engines.close();
    await nativeModelEngines.close();
  }

  const table = variants.map(({ name }) => {
    const result = results[name];
    if (result === undefined) return [name];
    const { tesseractJs, tesseractJsNativeModel, native, nativeAppModel } = result;
    return [
      name,
      `${tesseractJs.pagesPerMinute} / ${nativeAppModel.pagesPerMinute}`,
      `${round(tesseractJs.seconds / nativeAppModel.seconds, 2)}×`,
      `${tesseractJsNativeModel.pagesPerMinute} / ${native.pagesPerMinute}`,
      `${round(tesseractJsNativeModel.seconds / native.seconds, 2)}×`,
      `${round(tesseractJs.seconds / native.seconds, 2)}×`,
      `${tesseractJs.pooledCer.toFixed(3)} / ${nativeAppModel.pooledCer.toFixed(3)}`,
      `${tesseractJsNativeModel.pooledCer.toFixed(3)} / ${native.pooledCer.toFixed(3)}`,
      `${preprocessMs[name] ?? 0}`,
    ];
  });
  const header = [
    'pre-processing',
    'app model p/min js / native',
    'time js/native',
    'Debian model p/min js / native',
    'time js/native',
    'app js / Debian native',
    'CER app model js / native',
    'CER Debian model js / native',
    'prep ms/page',
  ];
  console.log(
    `${cores} cores; ${images.length} pages per run; ${native}; mode ${mode} (--psm ${psm})`,
  );
  console.log(
    `tesseract.js start-up of ${cores} engines: ${startupSeconds} s (not in the times below)`,
  );
  printTable([header, ...table]);
  console.log(
    '\nCER per page (tesseract.js / tesseract.js on Debian model / native / native on the app model):',
  );
  printTable([
    ['page', ...variants.map(({ name }) => name)],
    ...images.map((image) => [
      image,
      ...variants.map(({ name }) => {
        const result = results[name];
        return result === undefined
          ? ''
          : [
              result.tesseractJs,
              result.tesseractJsNativeModel,
              result.native,
              result.nativeAppModel,
            ]
              .map((run) => (run.cer[image] ?? 0).toFixed(3))
              .join(' / ');
      }),
    ]),
  ]);
  const perVariant = (measure: (result: VariantResult) => number | boolean) =>
    Object.fromEntries(Object.entries(results).map(([name, result]) => [name, measure(result)]));
  return {
    cores,
    engines: cores,
    native,
    mode,
    psm: Number(psm),
    pages: images.length,
    images,
    startupSeconds,
    preprocessMsPerPage: preprocessMs,
    variants: results,
    targets: {
      timeRatioAtMost: 1.3,
      timeRatio: perVariant((result) =>
        round(result.tesseractJs.seconds / result.native.seconds, 2),
      ),
      timeRatioSameModel: perVariant((result) =>
        round(result.tesseractJs.seconds / result.nativeAppModel.seconds, 2),
      ),
      timeRatioDebianModel: perVariant((result) =>
        round(result.tesseractJsNativeModel.seconds / result.native.seconds, 2),
      ),
      // Pooled CER: the mean of per-page rates lets a one-word image outweigh whole pages.
      cerNoWorseThanNative: perVariant(
        (result) => result.tesseractJs.pooledCer <= result.native.pooledCer,
      ),
    },
  };
}

function printTable(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}
