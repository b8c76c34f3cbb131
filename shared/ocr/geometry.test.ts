import { describe, expect, it } from 'vitest';
import { boxToPage, pointToPage } from './geometry';
import { noPreprocessing, preprocess, rotateImage, scaleImage } from './preprocess';
import type { GrayImage } from './types';

function pageWithSquare(width: number, height: number, x: number, y: number): GrayImage {
  const data = new Uint8Array(width * height).fill(255);
  for (let row = y; row < y + 10; row++) data.fill(0, row * width + x, row * width + x + 10);
  return { width, height, data };
}

function inkCentre(image: GrayImage): [number, number] {
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.data[y * image.width + x] ?? 255) < 128) {
        sumX += x;
        sumY += y;
        count++;
      }
    }
  }
  return [sumX / count, sumY / count];
}

describe('mapping processed coordinates back to the page', () => {
  it.each([
    [0, 1],
    [3, 1],
    [-4.5, 1],
    [2, 2],
  ])('undoes a deskew of %s° after an upscale ×%s', (angle, scale) => {
    const page = pageWithSquare(300, 200, 220, 40);
    const upscaled = scale === 1 ? page : scaleImage(page, scale);
    // preprocess() straightens with rotateImage(page, angle); the square moves with the page.
    const processed = rotateImage(upscaled, angle);
    const [px, py] = inkCentre(processed);
    const [x, y] = pointToPage(px, py, {
      scale,
      angle,
      width: processed.width,
      height: processed.height,
    });
    const [ox, oy] = inkCentre(page);
    expect(x).toBeCloseTo(ox, -0.3);
    expect(y).toBeCloseTo(oy, -0.3);
  });

  it('puts a mark back where it was on a page preprocess() straightened', () => {
    const width = 400;
    const height = 300;
    const data = new Uint8Array(width * height).fill(255);
    const skew = (3 * Math.PI) / 180;
    // Lines of "text" falling 3° to the right, and a mark on the page to follow.
    for (let line = 0; line < 8; line++) {
      for (let x = 30; x < 370; x++) {
        if (x % 14 > 10) continue;
        const y = Math.round(40 + line * 28 + (x - 200) * Math.tan(skew));
        for (let dy = 0; dy < 6; dy++) data[(y + dy) * width + x] = 0;
      }
    }
    const page: GrayImage = { width, height, data };
    const before = inkCentre(page);
    const result = preprocess(page, { ...noPreprocessing, deskew: true });
    expect(Math.abs(result.angle)).toBeGreaterThan(2);
    const [x, y] = pointToPage(...inkCentre(result.image), {
      scale: result.scale,
      angle: result.angle,
      width: result.image.width,
      height: result.image.height,
    });
    expect(Math.abs(x - before[0])).toBeLessThan(2);
    expect(Math.abs(y - before[1])).toBeLessThan(2);
  });

  it('leaves boxes alone when nothing moved', () => {
    expect(boxToPage([1, 2, 3, 4], { scale: 1, angle: 0, width: 10, height: 10 })).toEqual([
      1, 2, 3, 4,
    ]);
  });
});
