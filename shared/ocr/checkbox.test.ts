import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTickedFrom, readCheckbox } from './checkbox';
import type { BBox, GrayImage } from './types';

type Mark = 'empty' | 'cross' | 'tick' | 'filled';

/**
 * A printed checkbox square (border 2 px, mid-grey like a red form's lines turn grey) at (left,
 * top) with a side of `side`, holding a black mark, on white paper of 120 × 120.
 */
function checkbox(mark: Mark, left: number, top: number, side: number): GrayImage {
  const size = 120;
  const data = new Uint8Array(size * size).fill(250);
  const set = (x: number, y: number, value: number): void => {
    if (x >= 0 && y >= 0 && x < size && y < size) data[y * size + x] = value;
  };
  for (let i = 0; i < side; i++) {
    for (let t = 0; t < 2; t++) {
      set(left + i, top + t, 110);
      set(left + i, top + side - 1 - t, 110);
      set(left + t, top + i, 110);
      set(left + side - 1 - t, top + i, 110);
    }
  }
  const inner = side - 10;
  for (let i = 0; i < inner; i++) {
    for (let t = -1; t <= 1; t++) {
      const x = left + 5 + i;
      if (mark === 'cross') {
        set(x + t, top + 5 + i, 0);
        set(x + t, top + 5 + inner - 1 - i, 0);
      } else if (mark === 'tick') {
        const y =
          i < inner / 3 ? top + 5 + inner / 2 + i : top + 5 + inner - 1 - (i - inner / 3) * 1.4;
        set(x, Math.round(y) + t, 0);
      } else if (mark === 'filled') {
        for (let y = 0; y < inner; y++) set(x, top + 5 + y, 20);
      }
    }
  }
  return { width: size, height: size, data };
}

/** The square's box as a person would draw the zone: `slack` px loose (or tight when negative). */
function zone(left: number, top: number, side: number, slack: number): BBox {
  return [left - slack, top - slack, left + side + slack, top + side + slack];
}

describe('readCheckbox', () => {
  it('reads crosses, ticks and filled boxes as ticked and an empty box as not', () => {
    for (const mark of ['cross', 'tick', 'filled'] as const) {
      const reading = readCheckbox(checkbox(mark, 30, 30, 40), zone(30, 30, 40, 4));
      expect(reading.ticked, mark).toBe(true);
      expect(reading.confidence, mark).toBeGreaterThanOrEqual(80);
    }
    const empty = readCheckbox(checkbox('empty', 30, 30, 40), zone(30, 30, 40, 4));
    expect(empty).toEqual({ ticked: false, confidence: 100, inkRatio: 0 });
  });

  it('does not count the printed border, whether the zone is drawn loose, tight or a little off', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Mark>('empty', 'cross', 'tick'),
        fc.integer({ min: 20, max: 50 }),
        fc.integer({ min: 20, max: 50 }),
        fc.integer({ min: 28, max: 50 }),
        fc.integer({ min: -3, max: 8 }),
        fc.integer({ min: -4, max: 4 }),
        fc.integer({ min: -4, max: 4 }),
        (mark, left, top, side, slack, dx, dy) => {
          const [x0, y0, x1, y1] = zone(left, top, side, slack);
          const reading = readCheckbox(checkbox(mark, left, top, side), [
            x0 + dx,
            y0 + dy,
            x1 + dx,
            y1 + dy,
          ]);
          expect(reading.ticked).toBe(mark !== 'empty');
        },
      ),
    );
  });

  it('grows more confident the further the ink share is from the threshold', () => {
    const page = checkbox('empty', 30, 30, 40);
    const dots = (count: number): GrayImage => {
      const data = page.data.slice();
      for (let i = 0; i < count; i++) data[(40 + (i % 20)) * 120 + 40 + Math.floor(i / 20)] = 0;
      return { ...page, data };
    };
    const readings = [0, 20, 50, 80, 200, 400].map((count) =>
      readCheckbox(dots(count), zone(30, 30, 40, 2)),
    );
    expect(readings.map((reading) => reading.ticked)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(readings[0]?.confidence).toBe(100);
    expect(readings[1]?.confidence).toBeLessThan(100);
    expect(readings[2]?.confidence).toBeLessThan(readings[1]?.confidence ?? 0);
    expect(readings[4]?.confidence).toBeGreaterThan(readings[3]?.confidence ?? 100);
    expect(readings.every((reading) => reading.confidence >= 50 && reading.confidence <= 100)).toBe(
      true,
    );
    expect(readings[2]?.inkRatio).toBeLessThan(defaultTickedFrom);
  });

  it('reads nothing into a zone off the page or too small to hold a mark', () => {
    const page = checkbox('cross', 30, 30, 40);
    expect(readCheckbox(page, [200, 200, 260, 260])).toEqual({
      ticked: false,
      confidence: 0,
      inkRatio: 0,
    });
    expect(readCheckbox(page, [40, 40, 42, 80])).toEqual({
      ticked: false,
      confidence: 0,
      inkRatio: 0,
    });
  });
});
