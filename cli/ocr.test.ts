import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { characterErrorRate } from '../shared/ocr/cer';
import { main } from './main';
import { runOcr } from './ocr';

const scans = 'test/fixtures/scans';
const folder = mkdtempSync(join(tmpdir(), 'tessera-ocr-cli-'));

async function run(...argv: string[]): Promise<{ code: number; output: string; errors: string }> {
  let output = '';
  let errors = '';
  const code = await runOcr(
    argv,
    (text) => (output += text),
    'USAGE',
    (text) => (errors += text),
  );
  return { code, output, errors };
}

interface JsonPage {
  file: string;
  page: number;
  text: string;
  confidence: number;
  words: { text: string; confidence: number; bbox: number[] }[];
  fields?: Record<string, { value: string; confidence: number }>;
}

function groundTruth(path: string): string {
  return readFileSync(`${scans}/${path}`, 'utf8');
}

describe('tessera ocr --json', () => {
  it('reads images, every TIFF page and every PDF page, in order, in the documented shape', async () => {
    const { code, output, errors } = await run(
      '--json',
      `${scans}/tesseract-test/phototest.png`,
      `${scans}/crafted/two-pages.tif`,
      `${scans}/crafted/two-pages.pdf`,
    );
    expect(errors).toBe('');
    expect(code).toBe(0);
    const { pages } = JSON.parse(output) as { pages: JsonPage[] };
    expect(pages.map((page) => [page.file, page.page])).toEqual([
      [`${scans}/tesseract-test/phototest.png`, 1],
      [`${scans}/crafted/two-pages.tif`, 1],
      [`${scans}/crafted/two-pages.tif`, 2],
      [`${scans}/crafted/two-pages.pdf`, 1],
      [`${scans}/crafted/two-pages.pdf`, 2],
    ]);
    for (const page of pages) {
      expect(Object.keys(page)).toEqual(['file', 'page', 'text', 'confidence', 'words']);
      expect(page.confidence).toBeGreaterThan(80);
      for (const word of page.words) {
        expect(Object.keys(word)).toEqual(['text', 'confidence', 'bbox']);
        expect(word.bbox).toHaveLength(4);
      }
    }
    const expected = [
      'tesseract-test/phototest.gt.txt',
      'tesseract-test/phototest.gt.txt',
      'tesseract-test/eurotext.gt.txt',
      'tesseract-test/phototest.gt.txt',
      'textract-code-samples/medical-notes.gt.txt',
    ];
    pages.forEach((page, index) => {
      expect(characterErrorRate(page.text, groundTruth(expected[index] ?? ''))).toBeLessThanOrEqual(
        0.03,
      );
    });
    const quick = pages[0]?.words.find((word) => word.text === 'quick');
    expect(quick?.bbox).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(quick?.confidence).toBeGreaterThan(90);
  }, 60_000);

  it('reads the zones of a template on a shifted, scaled scan of the form', async () => {
    const { code, output } = await run(
      '--json',
      '--template',
      `${scans}/crafted/medical-notes.template.json`,
      `${scans}/crafted/medical-notes-shifted.png`,
    );
    expect(code).toBe(0);
    const [page] = (JSON.parse(output) as { pages: JsonPage[] }).pages;
    expect(Object.keys(page ?? {})).toEqual([
      'file',
      'page',
      'text',
      'confidence',
      'words',
      'fields',
    ]);
    const fields = Object.entries(page?.fields ?? {});
    expect(fields.map(([name, field]) => [name, Object.keys(field), field.value])).toEqual([
      ['Lungs', ['value', 'confidence'], 'clear'],
      ['Heart', ['value', 'confidence'], 'Regular rhythm'],
      ['Vyvanse mg', ['value', 'confidence'], '50'],
    ]);
    expect(fields.every(([, field]) => field.confidence > 80)).toBe(true);
  }, 60_000);

  it('exits 1 naming the file that cannot be read, and still prints the pages that could', async () => {
    const notImage = join(folder, 'visit.png');
    writeFileSync(notImage, 'Patient visit notes');
    const { code, output, errors } = await run(
      '--json',
      notImage,
      `${scans}/tesseractjs/simple-90.jpg`,
    );
    expect(code).toBe(1);
    expect(errors).toBe(
      `✗ ${notImage}: not an image or PDF that Tessera reads (PNG, JPEG, TIFF, BMP, WebP, PDF)\n`,
    );
    const { pages } = JSON.parse(output) as { pages: JsonPage[] };
    expect(pages.map((page) => [page.file, page.text.trim()])).toEqual([
      [`${scans}/tesseractjs/simple-90.jpg`, 'Tesseract.js'],
    ]);
  }, 60_000);
});

describe('tessera ocr without --json', () => {
  it('prints each page under a heading with its confidence and pre-processing', async () => {
    const { code, output } = await run(
      '--preprocess',
      'deskew,threshold',
      `${scans}/crafted/phototest-skewed.png`,
    );
    expect(code).toBe(0);
    expect(output).toMatch(
      new RegExp(
        `^== ${scans}/crafted/phototest-skewed\\.png, page 1 \\(confidence \\d+(\\.\\d)?; deskew \\+3(\\.\\d)?°; threshold \\d+\\)\\nThis is a lot of 12 point text`,
        'u',
      ),
    );
  }, 60_000);
});

describe('tessera ocr arguments', () => {
  it('exits 2 with the reason and the usage on bad arguments', async () => {
    const cases: [string[], string][] = [
      [[], 'Name at least one image or PDF.'],
      [['--mode', 'fast', 'a.png'], '--mode is auto or block, not "fast".'],
      [
        ['--preprocess', 'deskew,sharpen', 'a.png'],
        '--preprocess takes contrast, threshold, deskew, upscale, orientation; not "sharpen".',
      ],
      [['--dpi', 'high', 'a.pdf'], '--dpi is a number from 36 to 1200, not "high".'],
      [
        ['--lang', 'eng+chi_sim', 'a.png'],
        'No language data for "chi_sim": pass its file with --langpack chi_sim.traineddata',
      ],
      [
        ['--langpack', join(folder, 'fra.traineddata'), 'a.png'],
        `${join(folder, 'fra.traineddata')}: no such file`,
      ],
      [
        ['--langpack', `${scans}/tesseractjs/chinese.png`, 'a.png'],
        'a language pack must be named <code>.traineddata',
      ],
      [
        ['--template', join(folder, 'none.json'), 'a.png'],
        `${join(folder, 'none.json')}: no such file`,
      ],
      [['--template', `${scans}/tesseractjs/chinese.gt.txt`, 'a.png'], 'is not valid JSON'],
      [['--colour', 'a.png'], "Unknown option '--colour'"],
    ];
    for (const [argv, reason] of cases) {
      const { code, output, errors } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(output).toBe('');
      expect(errors).toContain(reason);
      expect(errors).toMatch(/USAGE\n$/u);
    }
  });

  it('is the ocr command of tessera, listed in its usage', async () => {
    let output = '';
    expect(await main(['help'], (text) => (output += text))).toBe(0);
    expect(output).toContain(
      'tessera ocr <image|pdf…> [--lang eng+chi_sim] [--langpack file.traineddata…]',
    );
  });
});
