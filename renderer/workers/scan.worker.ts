/// <reference lib="webworker" />
import * as UTIF from 'utif2';
import { encodePgm } from '../../shared/ocr/pgm';
import { preprocess, toGray } from '../../shared/ocr/preprocess';
import type { GrayImage, RgbaImage } from '../../shared/ocr/types';
import type { DecodedPage, ScanRequest, ScanResponse } from './scan-protocol';

/**
 * Image work that would stall the window — decoding TIFF pages, pre-processing, cutting crops —
 * happens here, on OffscreenCanvas.
 */
self.onmessage = async (event: MessageEvent<ScanRequest>) => {
  const request = event.data;
  try {
    const response = await handle(request);
    postMessage(response);
  } catch (error) {
    postMessage({
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ScanResponse);
  }
};

async function handle(request: ScanRequest): Promise<ScanResponse> {
  switch (request.kind) {
    case 'decode': {
      const pages =
        request.type === 'tiff'
          ? await decodeTiff(request.file)
          : [await decodeBitmap(request.file)];
      return { id: request.id, ok: true, kind: 'decode', pages };
    }
    case 'prepare': {
      const rgba = await readPixels(request.image);
      const result = preprocess(toGray(rgba), request.options);
      return {
        id: request.id,
        ok: true,
        kind: 'prepare',
        image: encodePgm(result.image),
        steps: result.steps,
        scale: result.scale,
        angle: result.angle,
        width: result.image.width,
        height: result.image.height,
      };
    }
    case 'crop': {
      const bitmap = await createImageBitmap(request.image);
      const [x0, y0, x1, y1] = request.box;
      const pad = 4;
      const left = Math.max(0, x0 - pad);
      const top = Math.max(0, y0 - pad);
      const width = Math.min(bitmap.width, x1 + pad) - left;
      const height = Math.min(bitmap.height, y1 + pad) - top;
      const canvas = new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
      canvas.getContext('2d')?.drawImage(bitmap, left, top, width, height, 0, 0, width, height);
      bitmap.close();
      return { id: request.id, ok: true, kind: 'crop', image: await canvas.convertToBlob() };
    }
    case 'turn':
      return {
        id: request.id,
        ok: true,
        kind: 'turn',
        page: await turn(request.image, request.turns),
      };
    case 'gray': {
      const gray: GrayImage = toGray(await readPixels(request.image));
      return { id: request.id, ok: true, kind: 'gray', gray };
    }
  }
}

/** The page in colour, turned clockwise by quarter turns: the upright page a person reads. */
async function turn(image: Blob, turns: number): Promise<DecodedPage> {
  const bitmap = await createImageBitmap(image);
  const sideways = turns % 2 === 1;
  const width = sideways ? bitmap.height : bitmap.width;
  const height = sideways ? bitmap.width : bitmap.height;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw images off screen.');
  context.translate(width / 2, height / 2);
  context.rotate((turns * Math.PI) / 2);
  context.drawImage(bitmap, -bitmap.width / 2, -bitmap.height / 2);
  bitmap.close();
  return { width, height, image: await canvas.convertToBlob({ type: 'image/png' }) };
}

async function decodeBitmap(file: Blob): Promise<DecodedPage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('is not an image this app can read (the file is damaged or not an image).');
  }
  const { width, height } = bitmap;
  bitmap.close();
  // PNG and JPEG go to the engine as they are; other formats become PNG it surely reads.
  const keep = file.type === 'image/png' || file.type === 'image/jpeg';
  return { width, height, image: keep ? file : await encodePng(await readPixels(file)) };
}

async function decodeTiff(file: Blob): Promise<DecodedPage[]> {
  const buffer = await file.arrayBuffer();
  let directories: UTIF.IFD[];
  try {
    directories = UTIF.decode(buffer);
  } catch {
    throw new Error('is not a readable TIFF file.');
  }
  const pages: DecodedPage[] = [];
  for (const [index, directory] of directories.entries()) {
    try {
      UTIF.decodeImage(buffer, directory);
    } catch {
      throw new Error(`page ${index + 1} of the TIFF file cannot be decoded.`);
    }
    const width = directory.width;
    const height = directory.height;
    if (!width || !height) continue;
    const data = UTIF.toRGBA8(directory);
    pages.push({ width, height, image: await encodePng({ width, height, data }) });
  }
  if (pages.length === 0) throw new Error('the TIFF file has no pages.');
  return pages;
}

async function readPixels(image: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw images off screen.');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return { width: pixels.width, height: pixels.height, data: pixels.data };
}

async function encodePng(image: RgbaImage): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw images off screen.');
  const pixels = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  context.putImageData(pixels, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
