import type { BoxCoordinates } from '../../../shared/model/qa';
import { textFromWords } from '../../../shared/ocr/page-result';
import type { ReviewedWord } from '../../../shared/ocr/corrections';

export interface PlacedWord {
  word: ReviewedWord;
  /** UTF-16 offsets of the word in the page's corrected text. */
  start: number;
  end: number;
}

/**
 * The page's corrected text with where each word sits in it. Built the way correctedText joins
 * words (a space within a line, a line break between lines, words a person deleted left out), so
 * a selection in that text maps back to the words on the page.
 */
export function placeWords(words: readonly ReviewedWord[]): { text: string; placed: PlacedWord[] } {
  const kept = words.filter((word) => word.text !== '');
  const placed: PlacedWord[] = [];
  let text = '';
  kept.forEach((word, index) => {
    if (index > 0) text += word.line === kept[index - 1]!.line ? ' ' : '\n';
    placed.push({ word, start: text.length, end: text.length + word.text.length });
    text += word.text;
  });
  return { text, placed };
}

/** The smallest box around the words a span of the corrected text touches; null for none. */
export function spanBox(
  placed: readonly PlacedWord[],
  start: number,
  end: number,
): BoxCoordinates | null {
  const touched = placed.filter((entry) => entry.start < end && entry.end > start);
  return touched.length === 0 ? null : enclosing(touched.map((entry) => entry.word.bbox));
}

/**
 * The corrected text of the words whose centre lies inside a box drawn on the page, in reading
 * order: a box drawn a little loosely around a line still takes that line and not its neighbours.
 */
export function textInBox(words: readonly ReviewedWord[], box: BoxCoordinates): string {
  const [x0, y0, x1, y1] = box;
  const inside = words.filter((word) => {
    if (word.text === '') return false;
    const x = (word.bbox[0] + word.bbox[2]) / 2;
    const y = (word.bbox[1] + word.bbox[3]) / 2;
    return x >= x0 && x <= x1 && y >= y0 && y <= y1;
  });
  return textFromWords(inside);
}

export function enclosing(boxes: readonly (readonly number[])[]): BoxCoordinates {
  return [
    Math.min(...boxes.map((box) => box[0]!)),
    Math.min(...boxes.map((box) => box[1]!)),
    Math.max(...boxes.map((box) => box[2]!)),
    Math.max(...boxes.map((box) => box[3]!)),
  ];
}
