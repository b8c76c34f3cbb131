import type { OcrPage, OcrWord } from './types';

/**
 * The page from tesseract's TSV output: one row per word (level 5) with its box, confidence and
 * the block, paragraph and line it sits in. TSV is the lightest output that has all of that;
 * the `blocks` JSON carries every symbol and alternative, which costs time on every page.
 */
export function pageFromTsv(tsv: string): OcrPage {
  const words: OcrWord[] = [];
  let line = -1;
  let lastLine = '';
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    if (text === '' || !(confidence >= 0)) continue;
    const lineKey = `${cells[1]}.${cells[2]}.${cells[3]}.${cells[4]}`;
    if (lineKey !== lastLine) {
      line++;
      lastLine = lineKey;
    }
    const [left, top, width, height] = cells.slice(6, 10).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    words.push({
      text,
      confidence: Math.round(confidence * 10) / 10,
      bbox: [left, top, left + width, top + height],
      line,
    });
  }
  const confidence =
    words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return { text: textFromWords(words), confidence: Math.round(confidence * 10) / 10, words };
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
