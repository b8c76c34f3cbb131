/**
 * `tessera ocr`: the app's OCR engine, pool and pre-processing on scans from the command line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTemplate, type FormTemplate } from '../shared/ocr/template';
import {
  createEngines,
  engineCount,
  preprocessOptions,
  preprocessSteps,
  resolveLanguages,
  type PreprocessStep,
} from './ocr-engines';
import { defaultPdfDpi, openScan, type ScanFile } from './ocr-images';
import { RasterDecoder } from './ocr-raster';
import { recognizeScans, type PageFailure, type PageResult } from './ocr-run';

export const ocrUsage = `  tessera ocr <image|pdf…> [--lang eng+chi_sim] [--langpack file.traineddata…]
              [--template t.json] [--json] [--mode auto|block]
              [--preprocess contrast,threshold,deskew,upscale,orientation] [--dpi 300]
      Recognises the text of PNG, JPEG, TIFF (every page), BMP, WebP and PDF files (each page
      drawn at --dpi) offline, one engine per core. --lang defaults to eng plus the languages of
      the --langpack files (named <code>.traineddata). --mode auto finds columns; block reads the
      page as one block, which keeps tables whole. --template reads the zones of a form template
      on every page. Exits 1 when a file cannot be read, 2 on bad arguments.`;

class ArgumentError extends Error {}

interface OcrArguments {
  files: string[];
  codes: string[];
  packs: string[];
  template: FormTemplate | undefined;
  json: boolean;
  mode: 'auto' | 'block';
  steps: PreprocessStep[];
  dpi: number;
}

function parseOcrArguments(args: string[]): OcrArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        langpack: { type: 'string', multiple: true, default: [] },
        template: { type: 'string' },
        json: { type: 'boolean', default: false },
        mode: { type: 'string', default: 'auto' },
        preprocess: { type: 'string', default: '' },
        dpi: { type: 'string', default: String(defaultPdfDpi) },
      },
    });
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new ArgumentError('Name at least one image or PDF.');
  const mode = values.mode;
  if (mode !== 'auto' && mode !== 'block') {
    throw new ArgumentError(`--mode is auto or block, not "${mode}".`);
  }
  const steps = values.preprocess
    .split(',')
    .map((step) => step.trim())
    .filter((step) => step !== '' && step !== 'none');
  const unknown = steps.filter((step) => !(preprocessSteps as readonly string[]).includes(step));
  if (unknown.length > 0) {
    throw new ArgumentError(
      `--preprocess takes ${preprocessSteps.join(', ')}; not ${unknown.map((step) => `"${step}"`).join(', ')}.`,
    );
  }
  const dpi = Number(values.dpi);
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 1200) {
    throw new ArgumentError(`--dpi is a number from 36 to 1200, not "${values.dpi}".`);
  }
  const packCodes = values.langpack.map((path) =>
    path.replace(/^.*[\\/]/u, '').replace(/\.traineddata(\.gz)?$/u, ''),
  );
  const codes = (values.lang ?? ['eng', ...packCodes.filter((code) => code !== 'eng')].join('+'))
    .split('+')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  if (codes.length === 0) throw new ArgumentError('--lang names no language.');
  return {
    files: positionals,
    codes,
    packs: values.langpack,
    template: values.template === undefined ? undefined : readTemplate(values.template),
    json: values.json,
    mode,
    steps: steps as PreprocessStep[],
    dpi,
  };
}

function readTemplate(path: string): FormTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ArgumentError(`${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  try {
    return parseTemplate(text, path);
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
}

export async function runOcr(
  args: string[],
  write: (text: string) => void,
  usage: string,
  writeError: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number> {
  let options: OcrArguments;
  let languages;
  try {
    options = parseOcrArguments(args);
    languages = resolveLanguages(options.codes, options.packs);
  } catch (error) {
    writeError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  const decoder = new RasterDecoder();
  const scans: ScanFile[] = [];
  const failures: PageFailure[] = [];
  try {
    for (const file of options.files) {
      try {
        scans.push(await openScan(file, { decoder, dpi: options.dpi }));
      } catch (error) {
        failures.push({
          file,
          page: 0,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    let pages: PageResult[] = [];
    const pageCount = scans.reduce((sum, scan) => sum + scan.pageCount, 0);
    if (pageCount > 0) {
      let engines;
      try {
        engines = await createEngines(languages, engineCount(pageCount));
      } catch (error) {
        // Unusable language data is the usual cause: a bad argument, like a missing pack.
        writeError(`${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
      try {
        const run = await recognizeScans(scans, {
          engines: engines.engines,
          preprocess: preprocessOptions(options.steps),
          orientation: options.steps.includes('orientation'),
          mode: options.mode,
          ...(options.template === undefined ? {} : { template: options.template }),
        });
        pages = run.pages;
        failures.push(...run.failures);
      } finally {
        await engines.close();
      }
    }
    for (const failure of failures) writeError(`✗ ${failure.message}\n`);
    write(
      options.json
        ? `${JSON.stringify({ pages: pages.map(pageJson) })}\n`
        : pages.map(describePage).join('\n'),
    );
    return failures.length > 0 ? 1 : 0;
  } finally {
    decoder.close();
    await Promise.all(scans.map((scan) => scan.close()));
  }
}

function pageJson(result: PageResult) {
  return {
    file: result.file,
    page: result.page,
    text: result.ocr.text,
    confidence: result.ocr.confidence,
    words: result.ocr.words.map(({ text, confidence, bbox }) => ({ text, confidence, bbox })),
    ...(result.template === undefined
      ? {}
      : {
          fields: Object.fromEntries(
            Object.entries(result.template.fields).map(([name, field]) => [
              name,
              { value: field.value, confidence: field.confidence },
            ]),
          ),
        }),
  };
}

function describePage(result: PageResult): string {
  const notes = [`confidence ${result.ocr.confidence}`, ...result.steps].join('; ');
  const lines = [`== ${result.file}, page ${result.page} (${notes})`, result.ocr.text];
  if (result.template !== undefined) {
    const { transform } = result.template;
    lines.push(
      `-- fields (aligned by ${transform.method}${transform.method === 'anchors' ? `, ${transform.anchors} words` : ''})`,
    );
    for (const [name, field] of Object.entries(result.template.fields)) {
      const flag = field.lowConfidence ? '  ⚠ low confidence' : '';
      lines.push(`${name}: ${field.value} (${field.confidence})${flag}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
