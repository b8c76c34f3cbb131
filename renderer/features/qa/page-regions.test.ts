import { describe, expect, it } from 'vitest';
import { correctedText, reviewedWords } from '../../../shared/ocr/corrections';
import type { OcrWord } from '../../../shared/ocr/types';
import { placeWords, spanBox, textInBox } from './page-regions';

/**
 * The first two lines of test/fixtures/scans/tesseract-test/phototest.png as tesseract.js reads
 * them (boxes in page pixels), with the engine's "12" corrected to "twelve" and "the" deleted.
 */
const lines = [
  'This is a lot of 12 point text to test the',
  'ocr code and see if it works on all types',
];
const words: OcrWord[] = lines.flatMap((line, lineIndex) => {
  let x = 36;
  return line.split(' ').map((text) => {
    const bbox = [x, 92 + lineIndex * 36, x + text.length * 14, 118 + lineIndex * 36] as const;
    x += text.length * 14 + 10;
    return { text, confidence: 91, bbox, line: lineIndex };
  });
});
const decisions = [
  { wordIndex: 5, text: 'twelve' },
  { wordIndex: 10, text: '' },
];
const reviewed = reviewedWords(words, decisions);

describe('placeWords', () => {
  it('builds exactly the corrected text the scans screen shows', () => {
    const { text } = placeWords(reviewed);
    expect(text).toBe(correctedText(words, decisions));
    expect(text).toBe(
      'This is a lot of twelve point text to test\nocr code and see if it works on all types',
    );
  });

  it('places every kept word at its offsets', () => {
    const { text, placed } = placeWords(reviewed);
    for (const entry of placed) expect(text.slice(entry.start, entry.end)).toBe(entry.word.text);
    expect(placed.map((entry) => entry.word.index)).not.toContain(10);
  });
});

describe('spanBox', () => {
  it('encloses the words a selection touches, across a line break', () => {
    const { text, placed } = placeWords(reviewed);
    const start = text.indexOf('test');
    const end = text.indexOf('code') + 2;
    const box = spanBox(placed, start, end);
    const test = words[9]!.bbox;
    const ocr = words[11]!.bbox;
    expect(box).toEqual([ocr[0], test[1], test[2], ocr[3]]);
    expect(spanBox(placed, text.length, text.length)).toBeNull();
  });
});

describe('textInBox', () => {
  it('takes the words whose centre is inside, in reading order, as corrected', () => {
    const first = words[0]!.bbox;
    const see = words[14]!.bbox;
    // From the page's left margin to "see" on line 2, drawn a few pixels loose.
    const box = [first[0] - 3, first[1] - 4, see[2] + 2, see[3] + 3] as const;
    expect(textInBox(reviewed, [...box])).toBe('This is a lot of\nocr code and see');
    const twelve = words[5]!.bbox;
    expect(textInBox(reviewed, [twelve[0], twelve[1], twelve[2], twelve[3]])).toBe('twelve');
    expect(textInBox(reviewed, [0, 0, 10, 10])).toBe('');
  });
});
