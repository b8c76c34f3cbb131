import type { BBox, OcrPage, OcrWord } from './types';

/** The part of tesseract.js's `blocks` output that Tessera keeps. */
export interface TesseractBlock {
  paragraphs: {
    lines: {
      words: {
        text: string;
        confidence: number;
        bbox: { x0: number; y0: number; x1: number; y1: number };
      }[];
    }[];
  }[];
}

export function pageFromBlocks(blocks: readonly TesseractBlock[] | null, text: string): OcrPage {
  const words: OcrWord[] = [];
  let line = 0;
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const row of paragraph.lines) {
        for (const word of row.words) {
          const trimmed = word.text.trim();
          if (trimmed === '') continue;
          const bbox: BBox = [word.bbox.x0, word.bbox.y0, word.bbox.x1, word.bbox.y1];
          words.push({
            text: trimmed,
            confidence: Math.round(word.confidence * 10) / 10,
            bbox,
            line,
          });
        }
        line++;
      }
    }
  }
  const confidence =
    words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return { text: text.trim(), confidence: Math.round(confidence * 10) / 10, words };
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Chinese is written without spaces: tesseract's per-character "words" join up directly. */
function joinWords(words: readonly string[]): string {
  let text = '';
  for (const word of words) {
    const touching = text !== '' && cjk.test(text.at(-1) ?? '') && cjk.test(word[0] ?? '');
    text += text === '' || touching ? word : ` ${word}`;
  }
  return text;
}

/** Page text rebuilt from words, one line per OCR line: what corrections are applied to. */
export function textFromWords(words: readonly Pick<OcrWord, 'text' | 'line'>[]): string {
  const lines: string[] = [];
  let current: string[] = [];
  let currentLine = words[0]?.line ?? 0;
  for (const word of words) {
    if (word.line !== currentLine) {
      lines.push(joinWords(current));
      current = [];
      currentLine = word.line;
    }
    current.push(word.text);
  }
  if (current.length > 0) lines.push(joinWords(current));
  return lines.join('\n');
}
