import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageFromBlocks, textFromWords } from './page-result';

const word = (text: string, line: number) => ({ text, line });

describe('page text from OCR words', () => {
  it('puts a space between Latin words and none between Chinese characters', () => {
    expect(
      textFromWords([
        word('每', 0),
        word('硒', 0),
        word('中文', 0),
        word('Hb', 1),
        word('135', 1),
        word('g/L', 1),
        word('血红蛋白', 2),
        word('135', 2),
      ]),
    ).toBe('每硒中文\nHb 135 g/L\n血红蛋白 135');
  });

  it('keeps every character of every word, line by line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: fc.string({ minLength: 1 }), line: fc.nat(5) })),
        (words) => {
          const sorted = [...words].sort((a, b) => a.line - b.line);
          const text = textFromWords(sorted);
          expect(text.replace(/[\s]/gu, '')).toBe(
            sorted
              .map((w) => w.text)
              .join('')
              .replace(/[\s]/gu, ''),
          );
        },
      ),
    );
  });

  it('keeps words in reading order with their line, dropping empty ones', () => {
    const page = pageFromBlocks(
      [
        {
          paragraphs: [
            {
              lines: [
                {
                  words: [{ text: 'Hb', confidence: 91.25, bbox: { x0: 1, y0: 2, x1: 3, y1: 4 } }],
                },
                {
                  words: [
                    { text: ' ', confidence: 10, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } },
                    { text: '135', confidence: 60, bbox: { x0: 5, y0: 6, x1: 7, y1: 8 } },
                  ],
                },
              ],
            },
          ],
        },
      ],
      'Hb\n135\n',
    );
    expect(page.words).toEqual([
      { text: 'Hb', confidence: 91.3, bbox: [1, 2, 3, 4], line: 0 },
      { text: '135', confidence: 60, bbox: [5, 6, 7, 8], line: 1 },
    ]);
    expect(page.confidence).toBe(75.7);
    expect(page.text).toBe('Hb\n135');
  });
});
