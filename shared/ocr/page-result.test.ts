import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageFromTsv, textFromWords } from './page-result';

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

  it('reads words, boxes, confidence and lines from tesseract TSV, dropping empty words', () => {
    // level page block par line word left top width height conf text, as tesseract writes it.
    const tsv = [
      '1\t1\t0\t0\t0\t0\t0\t0\t640\t480\t-1\t',
      '4\t1\t1\t1\t1\t0\t36\t92\t582\t24\t-1\t',
      '5\t1\t1\t1\t1\t1\t36\t92\t60\t24\t95.25\tHb',
      '5\t1\t1\t1\t1\t2\t100\t92\t40\t24\t60\t135',
      '5\t1\t1\t1\t2\t1\t36\t130\t10\t20\t12\t ',
      '5\t1\t2\t1\t1\t1\t36\t200\t80\t20\t88\tg/L',
      '',
    ].join('\n');
    const page = pageFromTsv(tsv);
    expect(page.words).toEqual([
      { text: 'Hb', confidence: 95.3, bbox: [36, 92, 96, 116], line: 0 },
      { text: '135', confidence: 60, bbox: [100, 92, 140, 116], line: 0 },
      { text: 'g/L', confidence: 88, bbox: [36, 200, 116, 220], line: 1 },
    ]);
    expect(page.confidence).toBe(81.1);
    expect(page.text).toBe('Hb 135\ng/L');
  });
});
