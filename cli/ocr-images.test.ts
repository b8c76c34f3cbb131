import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { detectScanFormat, encodePgm, openScan, ScanError } from './ocr-images';
import { RasterDecoder } from './ocr-raster';
import type { RgbaImage } from '../shared/ocr/types';

const scans = 'test/fixtures/scans';
const decoder = new RasterDecoder();
const folder = mkdtempSync(join(tmpdir(), 'tessera-ocr-images-'));
afterAll(() => decoder.close());

async function pages(path: string, dpi?: number): Promise<RgbaImage[]> {
  const scan = await openScan(path, { decoder, ...(dpi === undefined ? {} : { dpi }) });
  try {
    const result: RgbaImage[] = [];
    for (let page = 1; page <= scan.pageCount; page++) result.push(await scan.readPage(page));
    return result;
  } finally {
    await scan.close();
  }
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** Mean absolute difference of the grey levels (red channel) of two images of the same size. */
function difference(left: RgbaImage, right: RgbaImage): number {
  expect([left.width, left.height]).toEqual([right.width, right.height]);
  let sum = 0;
  for (let i = 0; i < left.data.length; i += 4)
    sum += Math.abs((left.data[i] ?? 0) - (right.data[i] ?? 0));
  return sum / (left.data.length / 4);
}

/** A 24-bit bottom-up BMP of 3 × 2 pixels: red, green, blue over white, black, grey. */
function bmp(): Uint8Array {
  const rows = [
    [
      [255, 255, 255],
      [0, 0, 0],
      [128, 128, 128],
    ],
    [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ],
  ];
  const rowBytes = 12;
  const bytes = new Uint8Array(54 + rowBytes * 2);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, 3, true);
  view.setInt32(22, 2, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * 2, true);
  rows.forEach((row, y) =>
    row.forEach(([r, g, b], x) => bytes.set([b ?? 0, g ?? 0, r ?? 0], 54 + y * rowBytes + x * 3)),
  );
  return bytes;
}

describe('detectScanFormat', () => {
  it('knows each format by its first bytes, not its name', () => {
    const starts = (...bytes: number[]): Uint8Array =>
      Uint8Array.from([...bytes, ...new Array<number>(40).fill(0)]);
    expect(detectScanFormat(starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(detectScanFormat(starts(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(detectScanFormat(starts(0x42, 0x4d))).toBe('bmp');
    expect(detectScanFormat(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(detectScanFormat(starts(0x49, 0x49, 0x2a, 0x00))).toBe('tiff');
    expect(detectScanFormat(starts(0x4d, 0x4d, 0x00, 0x2a))).toBe('tiff');
    expect(detectScanFormat(new TextEncoder().encode('\n\n%PDF-1.7\n'))).toBe('pdf');
    expect(detectScanFormat(new TextEncoder().encode('Patient,Hb\nP1,135\n'))).toBeNull();
    expect(detectScanFormat(new Uint8Array(0))).toBeNull();
  });
});

describe('openScan', () => {
  it('reads PNG and JPEG, turning a JPEG upright by its EXIF orientation', async () => {
    const [phototest] = await pages(`${scans}/tesseract-test/phototest.png`);
    expect([phototest?.width, phototest?.height]).toEqual([640, 480]);
    // simple-90.jpg is stored 180 × 320 with orientation 6 ("turn 90° to view").
    const [upright] = await pages(`${scans}/tesseractjs/simple-90.jpg`);
    expect([upright?.width, upright?.height]).toEqual([320, 180]);
  });

  it('reads BMP and WebP', async () => {
    const [small] = await pages(write('colours.bmp', bmp()));
    expect(small?.width).toBe(3);
    expect(Array.from(small?.data ?? [])).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 128, 128,
      128, 255,
    ]);
    const canvas = createCanvas(40, 20);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 40, 20);
    context.fillStyle = '#000000';
    context.fillRect(10, 5, 20, 10);
    const [webp] = await pages(write('block.webp', await canvas.encode('webp', 100)));
    expect([webp?.width, webp?.height]).toEqual([40, 20]);
    expect(webp?.data[(10 * 40 + 20) * 4]).toBeLessThan(30);
    expect(webp?.data[(2 * 40 + 2) * 4]).toBeGreaterThan(225);
  });

  it('reads every page of a multi-page TIFF, pixel for pixel as the PNGs', async () => {
    const tiff = await pages(`${scans}/crafted/two-pages.tif`);
    const [phototest] = await pages(`${scans}/tesseract-test/phototest.png`);
    const [eurotext] = await pages(`${scans}/tesseract-test/eurotext.png`);
    expect(tiff).toHaveLength(2);
    expect(difference(tiff[0]!, phototest!)).toBe(0);
    expect(difference(tiff[1]!, eurotext!)).toBe(0);
    // A real scanner's CCITT group 4 TIFF decodes to the same pixels as its PNG conversion.
    const [group4] = await pages(`${scans}/tesseract-test/8087_054.3B.tif`);
    const [png] = await pages(`${scans}/tesseract-test/8087_054.3B.png`);
    expect(difference(group4!, png!)).toBe(0);
  });

  it('draws each PDF page at 300 DPI by default, or at the DPI asked for', async () => {
    const pdf = await pages(`${scans}/crafted/two-pages.pdf`);
    expect(pdf.map((page) => [page.width, page.height])).toEqual([
      [640, 480],
      [1097, 691],
    ]);
    const [phototest] = await pages(`${scans}/tesseract-test/phototest.png`);
    expect(difference(pdf[0]!, phototest!)).toBeLessThan(3);
    const half = await pages(`${scans}/crafted/two-pages.pdf`, 150);
    expect(half.map((page) => [page.width, page.height])).toEqual([
      [320, 240],
      [549, 346],
    ]);
  });

  it('names the file when it is not an image, is missing, empty, damaged or truncated', async () => {
    const notImage = write('notes.png', 'Patient visit notes\n');
    await expect(openScan(notImage, { decoder })).rejects.toThrow(
      `${notImage}: not an image or PDF that Tessera reads (PNG, JPEG, TIFF, BMP, WebP, PDF)`,
    );
    const empty = write('empty.jpg', '');
    await expect(openScan(empty, { decoder })).rejects.toThrow(
      /empty\.jpg: .*; the file is empty$/u,
    );
    await expect(openScan(join(folder, 'missing.pdf'), { decoder })).rejects.toThrow(
      /missing\.pdf: no such file$/u,
    );
    await expect(openScan(folder, { decoder })).rejects.toThrow(
      `${folder}: is a folder, not a file`,
    );
    const pdf = new Uint8Array(
      await (await import('node:fs/promises')).readFile(`${scans}/crafted/two-pages.pdf`),
    );
    const truncated = write('truncated.pdf', pdf.subarray(0, 2000));
    await expect(openScan(truncated, { decoder })).rejects.toThrow(
      `${truncated}: not a readable PDF (Invalid PDF structure)`,
    );
    const badTiff = write('bad.tif', Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]));
    await expect(openScan(badTiff, { decoder })).rejects.toThrow(/bad\.tif: not a readable TIFF/u);
  });

  it('survives a PNG that crashes the image decoder, and decodes the next file', async () => {
    // The PNG signature followed by junk makes Skia (@napi-rs/canvas 0.1.100) crash its process.
    const junk = write(
      'junk.png',
      Uint8Array.from([
        0x89,
        0x50,
        0x4e,
        0x47,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        ...new TextEncoder().encode('not a png at all'),
      ]),
    );
    const scan = await openScan(junk, { decoder });
    const failure = await scan.readPage(1).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ScanError);
    expect((failure as Error).message.startsWith(`${junk}: cannot be decoded`)).toBe(true);
    const [after] = await pages(`${scans}/tesseractjs/testocr.png`);
    expect(after?.width).toBe(640);
  });

  it('names the page of a multi-page file that has no such page', async () => {
    const scan = await openScan(`${scans}/crafted/two-pages.tif`, { decoder });
    await expect(scan.readPage(3)).rejects.toThrow(`${scans}/crafted/two-pages.tif: has no page 3`);
  });
});

describe('encodePgm', () => {
  it('writes a binary graymap header and the pixels unchanged', () => {
    const bytes = encodePgm({
      width: 3,
      height: 2,
      data: Uint8Array.from([0, 64, 128, 192, 255, 7]),
    });
    expect(new TextDecoder().decode(bytes.subarray(0, 11))).toBe('P5\n3 2\n255\n');
    expect(Array.from(bytes.subarray(11))).toEqual([0, 64, 128, 192, 255, 7]);
  });
});
