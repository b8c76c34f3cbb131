/**
 * Traditional → simplified Chinese, so "血紅蛋白" from a Taiwan or Hong Kong export meets the
 * dictionary's "血红蛋白". OpenCC's phrase-aware tables (pure JavaScript, no network), loaded only
 * for text that holds a Han character at all.
 */
import { Converter } from 'opencc-js/t2cn';

const han = /\p{Script=Han}/u;
let convert: ((text: string) => string) | undefined;

export function hasHan(text: string): boolean {
  return han.test(text);
}

export function toSimplified(text: string): string {
  if (!hasHan(text)) return text;
  convert ??= Converter({ from: 'tw', to: 'cn' });
  return convert(text);
}
