import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  correctedText,
  reviewedWords,
  sameMisreadings,
  wordsToReview,
  confidenceBand,
} from './corrections';
import type { OcrWord } from './types';

const words: OcrWord[] = [
  { text: 'Hb', confidence: 95, bbox: [0, 0, 20, 10], line: 0 },
  { text: '1O4', confidence: 41, bbox: [25, 0, 50, 10], line: 0 },
  { text: 'g/L', confidence: 77, bbox: [55, 0, 80, 10], line: 0 },
  { text: 'A1c', confidence: 96, bbox: [0, 20, 30, 30], line: 1 },
  { text: '1O4', confidence: 52, bbox: [35, 20, 60, 30], line: 1 },
];

describe('reviewing OCR words', () => {
  it('lays corrections over the engine words and rebuilds lines', () => {
    expect(correctedText(words, [{ wordIndex: 1, text: '104' }])).toBe('Hb 104 g/L\nA1c 1O4');
  });

  it('drops a word a person deleted (corrected to nothing)', () => {
    expect(correctedText(words, [{ wordIndex: 2, text: '' }])).toBe('Hb 1O4\nA1c 1O4');
  });

  it('lists undecided low-confidence words in reading order', () => {
    const reviewed = reviewedWords(words, [{ wordIndex: 2, text: 'g/L' }]);
    expect(wordsToReview(reviewed).map((word) => word.index)).toEqual([1, 4]);
  });

  it('finds the same misreading elsewhere, but not words already decided', () => {
    const pageA = { id: 'a', words: reviewedWords(words, [{ wordIndex: 1, text: '104' }]) };
    const pageB = { id: 'b', words: reviewedWords(words, []) };
    const found = sameMisreadings([pageA, pageB], '1O4');
    expect(found.map(({ page, word }) => `${page.id}:${word.index}`)).toEqual([
      'a:4',
      'b:1',
      'b:4',
    ]);
  });

  it('keeps the engine text of every word whatever the decisions', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ wordIndex: fc.nat(4), text: fc.string() })), (decisions) => {
        const reviewed = reviewedWords(words, decisions);
        expect(reviewed.map((word) => word.engineText)).toEqual(words.map((word) => word.text));
        for (const word of reviewed) {
          const last = decisions.filter((decision) => decision.wordIndex === word.index).at(-1);
          expect(word.text).toBe(last?.text ?? word.engineText);
        }
      }),
    );
  });

  it('bands confidence for colouring', () => {
    expect([10, 59.9, 60, 79, 80, 100].map(confidenceBand)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});
