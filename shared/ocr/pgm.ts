import type { GrayImage } from './types';

/**
 * A grey page as binary PGM: the engine (Leptonica, in Node and in the browser alike) reads it
 * without any image library, so shared code can hand it pages it has processed.
 */
export function encodePgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const bytes = new Uint8Array(header.length + image.data.length);
  bytes.set(header);
  bytes.set(image.data, header.length);
  return bytes;
}
