/**
 * A child process that decodes PNG, JPEG, BMP and WebP with Skia (@napi-rs/canvas). It runs apart
 * from the command because Skia ends the whole process with a segmentation fault on some damaged
 * files (a PNG whose chunks are junk, for one) instead of throwing; out here a crash costs only
 * this process, and the command names the file. See cli/ocr-raster.ts for the other side.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { RasterReply, RasterRequest } from './ocr-raster';

process.on('message', (request: RasterRequest) => {
  void decode(request).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => process.exit(0));

async function decode({ id, bytes }: RasterRequest): Promise<RasterReply> {
  try {
    const image = await loadImage(bytes);
    if (image.width === 0 || image.height === 0)
      return { id, error: 'the image is empty (0 pixels)' };
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height);
    const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
    return { id, width: pixels.width, height: pixels.height, data };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
