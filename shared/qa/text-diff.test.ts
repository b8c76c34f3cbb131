import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, diffText, tokenize, type DiffPart } from './text-diff';

const newText = (parts: DiffPart[]) =>
  parts
    .filter((part) => part.op !== 'delete')
    .map((part) => part.text)
    .join('');
const oldText = (parts: DiffPart[]) =>
  parts
    .filter((part) => part.op !== 'insert')
    .map((part) => part.text)
    .join('');

/** Longest common subsequence length by dynamic programming, the textbook way. */
function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] =
        a[i - 1] === b[j - 1]
          ? table[i - 1]![j - 1]! + 1
          : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    }
  }
  return table[a.length]![b.length]!;
}

describe('tokenize', () => {
  it('cuts Chinese by character and Latin by word, keeping spaces and punctuation', () => {
    expect(tokenize('患者血红蛋白为120g/L，偏低。')).toEqual([
      '患',
      '者',
      '血',
      '红',
      '蛋',
      '白',
      '为',
      '120g',
      '/',
      'L',
      '，',
      '偏',
      '低',
      '。',
    ]);
    expect(tokenize('Is Hb low?  Yes')).toEqual(['Is', ' ', 'Hb', ' ', 'low', '?', '  ', 'Yes']);
  });

  it('does not glue a Latin word to the Chinese after it', () => {
    expect(tokenize('Hb血红蛋白')).toEqual(['Hb', '血', '红', '蛋', '白']);
  });

  it('keeps characters outside the Basic Multilingual Plane whole', () => {
    expect(tokenize('𠀋a😀')).toEqual(['𠀋', 'a', '😀']);
  });
});

describe('diffText', () => {
  it('marks one changed Chinese character as one change', () => {
    expect(diffText('血红蛋白偏低', '血红蛋白偏高')).toEqual([
      { op: 'equal', text: '血红蛋白偏' },
      { op: 'delete', text: '低' },
      { op: 'insert', text: '高' },
    ]);
  });

  it('replaces whole words in English', () => {
    expect(diffText('The hemoglobin is low.', 'The hemoglobin is normal.')).toEqual([
      { op: 'equal', text: 'The hemoglobin is ' },
      { op: 'delete', text: 'low' },
      { op: 'insert', text: 'normal' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('handles mixed text and empty sides', () => {
    expect(diffText('', '新')).toEqual([{ op: 'insert', text: '新' }]);
    expect(diffText('old', '')).toEqual([{ op: 'delete', text: 'old' }]);
    expect(diffText('', '')).toEqual([]);
    expect(diffText('same 一样', 'same 一样')).toEqual([{ op: 'equal', text: 'same 一样' }]);
  });
});

const pieces = ['血', '红', '蛋', '白', '低', 'Hb', 'low', 'g/L', ' ', '，', '。', '12', '.', 'a'];
const digits = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 });
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

describe('diff properties', () => {
  it('tokens join back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(tokenize(value).join('')).toBe(value);
      }),
    );
  });

  it('applying the diff to the old text gives the new text, and unapplying gives the old', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffText(before, after);
        expect(newText(parts)).toBe(after);
        expect(oldText(parts)).toBe(before);
      }),
    );
  });

  it('keeps a longest common subsequence of tokens (a shortest edit script)', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const a = tokenize(before);
        const b = tokenize(after);
        const kept = diffSequences(a, b).filter((step) => step.op === 'equal').length;
        expect(kept).toBe(lcsLength(a, b));
      }),
    );
  });

  it('never emits empty parts or two neighbouring parts of the same kind', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffText(before, after);
        for (const [index, part] of parts.entries()) {
          expect(part.text).not.toBe('');
          if (index > 0) expect(parts[index - 1]!.op).not.toBe(part.op);
        }
      }),
    );
  });

  it('works on any sequence, not only tokens', () => {
    fc.assert(
      fc.property(digits, digits, (a, b) => {
        const steps = diffSequences(a, b);
        expect(steps.filter((step) => step.op !== 'insert').map((step) => step.item)).toEqual(a);
        expect(steps.filter((step) => step.op !== 'delete').map((step) => step.item)).toEqual(b);
        expect(steps.filter((step) => step.op === 'equal')).toHaveLength(lcsLength(a, b));
      }),
    );
  });
});
