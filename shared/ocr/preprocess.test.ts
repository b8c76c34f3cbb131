import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateLineHeight,
  binarize,
  estimateSkew,
  noPreprocessing,
  otsuThreshold,
  preprocess,
  rotateImage,
  rotateQuarter,
  scaleImage,
  stretchContrast,
  toGray,
  toRgba,
} from './preprocess';
import type { GrayImage } from './types';

function image(width: number, height: number, pixel: (x: number, y: number) => number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return { width, height, data };
}

const grayImage = fc
  .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }) })
  .chain(({ width, height }) =>
    fc
      .uint8Array({ minLength: width * height, maxLength: width * height })
      .map((data): GrayImage => ({ width, height, data })),
  );

/**
 * A page of text-like lines: rows of "words" (dark runs with gaps) on white, with a seeded jitter
 * so the words do not line up in columns (columns would also score well when turned 90°).
 */
function textPage(width: number, height: number, seed: number): GrayImage {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const data = new Uint8Array(width * height).fill(255);
  for (let top = 60; top < height - 60; top += 34) {
    let x = 60 + Math.floor(random() * 30);
    while (x < width - 80) {
      const word = 20 + Math.floor(random() * 60);
      for (let dx = 0; dx < word && x + dx < width - 60; dx++) {
        // Letters: most columns of a word carry ink over the x-height, some ascend.
        if (random() < 0.25) continue;
        const rise = random() < 0.2 ? 6 : 0;
        for (let dy = -rise; dy < 12; dy++) data[(top + dy) * width + x + dx] = 20;
      }
      x += word + 10 + Math.floor(random() * 10);
    }
  }
  return { width, height, data };
}

describe('toGray and toRgba', () => {
  it('weights red, green and blue by luma and treats transparency as white paper', () => {
    const rgba = {
      width: 4,
      height: 1,
      data: new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0]),
    };
    expect(Array.from(toGray(rgba).data)).toEqual([76, 150, 29, 255]);
  });

  it('round-trips a gray image through RGBA', () => {
    fc.assert(
      fc.property(grayImage, (gray) => {
        expect(toGray(toRgba(gray))).toEqual(gray);
      }),
    );
  });
});

describe('otsuThreshold and binarize', () => {
  it('splits a bimodal scan between its ink and paper levels', () => {
    // Grey ink around 60 on paper around 190, with ±15 of noise from a fixed pattern.
    const scan = image(64, 64, (x, y) => {
      const noise = ((x * 7 + y * 13) % 31) - 15;
      return (x > 20 && x < 40 && y % 8 < 3 ? 60 : 190) + noise;
    });
    const level = otsuThreshold(scan);
    expect(level).toBeGreaterThanOrEqual(75);
    expect(level).toBeLessThan(175);
    const binary = binarize(scan, level);
    expect(binary.data[3 * 64 + 30]).toBe(255);
    expect(binary.data[0 * 64 + 30]).toBe(0);
  });

  it('always separates two grey levels, whatever their share of the page', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 20, max: 255 }),
        fc.integer({ min: 1, max: 99 }),
        (dark, gap, percent) => {
          const light = Math.min(255, dark + gap);
          fc.pre(light > dark);
          const scan = image(10, 10, (x, y) => (y * 10 + x < percent ? dark : light));
          const level = otsuThreshold(scan);
          expect(level).toBeGreaterThanOrEqual(dark);
          expect(level).toBeLessThan(light);
        },
      ),
    );
  });

  it('produces only black and white', () => {
    fc.assert(
      fc.property(grayImage, (gray) => {
        const binary = binarize(gray);
        expect(binary.data.every((value) => value === 0 || value === 255)).toBe(true);
        expect(binary.width).toBe(gray.width);
        expect(binary.height).toBe(gray.height);
      }),
    );
  });
});

describe('stretchContrast', () => {
  it('spreads a faded scan over the full range', () => {
    const faded = image(100, 10, (x) => 120 + Math.floor((x * 60) / 99));
    const stretched = stretchContrast(faded);
    expect(Math.min(...stretched.data)).toBe(0);
    expect(Math.max(...stretched.data)).toBe(255);
  });

  it('keeps the order of grey levels', () => {
    fc.assert(
      fc.property(grayImage, (gray) => {
        const stretched = stretchContrast(gray);
        for (let i = 1; i < gray.data.length; i++) {
          const before = Math.sign((gray.data[i] ?? 0) - (gray.data[i - 1] ?? 0));
          const after = Math.sign((stretched.data[i] ?? 0) - (stretched.data[i - 1] ?? 0));
          if (after !== 0) expect(after).toBe(before);
        }
      }),
    );
  });
});

describe('rotateQuarter', () => {
  it('turns clockwise', () => {
    const source = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(rotateQuarter(source, 1)).toEqual({
      width: 2,
      height: 3,
      data: Uint8Array.from([4, 1, 5, 2, 6, 3]),
    });
    expect(Array.from(rotateQuarter(source, 2).data)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('comes back to the same image after four quarter turns, or one and three', () => {
    fc.assert(
      fc.property(grayImage, fc.integer({ min: -3, max: 3 }), (gray, turns) => {
        let turned = gray;
        for (let i = 0; i < 4; i++) turned = rotateQuarter(turned, turns);
        expect(turned).toEqual(gray);
        expect(rotateQuarter(rotateQuarter(gray, 1), 3)).toEqual(gray);
      }),
    );
  });

  it('agrees with rotateImage at 90° counter-clockwise on a square', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.uint8Array({ minLength: 256 }),
        (side, bytes) => {
          const square = image(side, side, (x, y) => bytes[(y * side + x) % bytes.length] ?? 0);
          expect(rotateImage(square, 90)).toEqual(rotateQuarter(square, 3));
        },
      ),
    );
  });
});

describe('scaleImage', () => {
  it('sizes the result by the factor and never overshoots the source levels', () => {
    fc.assert(
      fc.property(grayImage, fc.double({ min: 0.25, max: 4, noNaN: true }), (gray, factor) => {
        const scaled = scaleImage(gray, factor);
        expect(scaled.width).toBe(Math.max(1, Math.round(gray.width * factor)));
        expect(scaled.height).toBe(Math.max(1, Math.round(gray.height * factor)));
        expect(scaled.data.length).toBe(scaled.width * scaled.height);
        const low = Math.min(...gray.data);
        const high = Math.max(...gray.data);
        expect(scaled.data.every((value) => value >= low && value <= high)).toBe(true);
      }),
    );
  });

  it('keeps a uniform image uniform', () => {
    const flat = image(7, 5, () => 173);
    expect(scaleImage(flat, 2.5).data.every((value) => value === 173)).toBe(true);
  });
});

describe('deskew', () => {
  const page = textPage(640, 480, 7);

  it('finds no skew on a straight page', () => {
    expect(Math.abs(estimateSkew(page))).toBeLessThanOrEqual(0.2);
  });

  it('measures the turn that levels a page scanned 2–5° off, either way', () => {
    for (const degrees of [-5, -3.5, -2, 2, 3, 5]) {
      // rotateImage turns counter-clockwise; the estimate is the turn that undoes it.
      const skewed = rotateImage(page, degrees);
      expect(Math.abs(estimateSkew(skewed) + degrees)).toBeLessThanOrEqual(0.5);
    }
  });

  it('straightens such pages in preprocess', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 5, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (size, clockwise, seed) => {
          const degrees = clockwise ? -size : size;
          const skewed = rotateImage(textPage(480, 360, seed), degrees);
          const result = preprocess(skewed, { ...noPreprocessing, deskew: true });
          expect(Math.abs(result.angle + degrees)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(estimateSkew(result.image))).toBeLessThanOrEqual(0.5);
          expect(result.steps).toEqual([`deskew ${result.angle > 0 ? '+' : ''}${result.angle}°`]);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('preprocess', () => {
  it('does nothing when nothing is asked', () => {
    const page = textPage(200, 160, 3);
    expect(preprocess(page, noPreprocessing)).toEqual({
      image: page,
      steps: [],
      scale: 1,
      angle: 0,
    });
  });

  it('measures text lines and enlarges only pages whose lines are small', () => {
    // Lines of "words" `lineHeight` rows tall, 2.5 line heights apart.
    const lines = (lineHeight: number) =>
      image(300, 200, (x, y) =>
        y % Math.round(lineHeight * 2.5) < lineHeight && x % 9 < 6 ? 0 : 255,
      );
    expect(estimateLineHeight(lines(8))).toBe(8);
    expect(estimateLineHeight(lines(25))).toBe(25);
    expect(estimateLineHeight(image(40, 40, () => 255))).toBe(0);
    expect(preprocess(lines(8), { ...noPreprocessing, upscaleBelow: 20 })).toMatchObject({
      scale: 4,
      steps: ['upscale ×4'],
    });
    expect(preprocess(lines(12), { ...noPreprocessing, upscaleBelow: 20 }).scale).toBe(3);
    // A small page of large print stays as it is: enlarging it only blurs the letters.
    expect(preprocess(lines(25), { ...noPreprocessing, upscaleBelow: 20 }).scale).toBe(1);
  });

  it('ends with a black-and-white page when thresholding, after every other step', () => {
    const faded = image(80, 40, (x, y) => (y % 10 < 3 && x % 7 < 5 ? 140 : 200));
    const result = preprocess(faded, {
      contrast: true,
      threshold: true,
      deskew: true,
      upscaleBelow: 20,
    });
    expect(result.steps[0]).toBe('upscale ×4');
    expect(result.steps[1]).toBe('contrast');
    expect(result.steps.at(-1)).toMatch(/^threshold \d+$/u);
    expect(result.image.data.every((value) => value === 0 || value === 255)).toBe(true);
  });
});
