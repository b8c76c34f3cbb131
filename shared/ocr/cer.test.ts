import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance, normalizeForCer } from './cer';

const text = fc.string({ unit: 'grapheme', maxLength: 24 });
const codePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('HbA1c', 'HbAlc')).toBe(1);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('counts a Chinese character or an emoji as one character, not as UTF-16 units', () => {
    expect(editDistance('繁体中文测试', '每硒中文测试')).toBe(2);
    expect(editDistance('𠀀b', 'ab')).toBe(1);
  });

  it('is zero exactly for equal strings', () => {
    fc.assert(
      fc.property(text, text, (left, right) => {
        expect(editDistance(left, left)).toBe(0);
        expect(editDistance(left, right) === 0).toBe(left === right);
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(text, text, (left, right) => {
        expect(editDistance(left, right)).toBe(editDistance(right, left));
      }),
    );
  });

  it('obeys the triangle inequality', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });

  it('lies between the difference of the lengths and the longer length', () => {
    fc.assert(
      fc.property(text, text, (left, right) => {
        const a = Array.from(left).length;
        const b = Array.from(right).length;
        const distance = editDistance(left, right);
        expect(distance).toBeGreaterThanOrEqual(Math.abs(a - b));
        expect(distance).toBeLessThanOrEqual(Math.max(a, b));
      }),
    );
  });

  it('grows by one at most when one character is inserted', () => {
    fc.assert(
      fc.property(text, text, fc.nat(), codePoint, (left, right, at, char) => {
        const chars = Array.from(left);
        const index = at % (chars.length + 1);
        const inserted = [...chars.slice(0, index), char, ...chars.slice(index)].join('');
        expect(
          Math.abs(editDistance(inserted, right) - editDistance(left, right)),
        ).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('characterErrorRate', () => {
  it('does not charge layout: line breaks, repeated spaces and full-width forms', () => {
    expect(characterErrorRate('The quick\nbrown   fox\n', 'The quick brown fox')).toBe(0);
    expect(characterErrorRate('ＨｂＡ１ｃ 7.2', 'HbA1c 7.2')).toBe(0);
    expect(normalizeForCer('  a \t b\r\n c ')).toBe('a b c');
  });

  it('is the edit distance over the reference length', () => {
    expect(characterErrorRate('Tesseract.js', 'Tesseract.js')).toBe(0);
    expect(characterErrorRate('Tesseract js', 'Tesseract.js')).toBeCloseTo(1 / 12);
    expect(characterErrorRate('', 'word')).toBe(1);
    expect(characterErrorRate('anything', '')).toBe(1);
    expect(characterErrorRate('', ' \n')).toBe(0);
  });
});
