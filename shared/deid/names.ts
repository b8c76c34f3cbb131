/**
 * Identifiers known by value rather than by shape: person names from name fields and from a list
 * a person gives, and the values of identifier fields (record numbers, phones…) wherever the text
 * repeats them. A trie over every variant of every value, scanned once over the text, finds them
 * all in time proportional to the text, not to the list.
 *
 * Latin names also match word by word ("Mr. Smith" for "John Smith"; "SMITH, JOHN" in the
 * records), but a single word only when it is capitalised and at least three letters long, so
 * that a patient called "Na" or "Will" does not erase sodium or the future tense. Chinese names
 * match whole, as written.
 */
import type { IdentifierType, Span } from './types';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a value ends here: its type, and whether it must be capitalised where found. */
  end?: { type: IdentifierType; capitalised: boolean };
}

const hanCharacter = /\p{Script=Han}/u;
const latinLetter = /\p{L}/u;

export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** The strings to look for for one name. */
export function nameVariants(name: string): { text: string; capitalised: boolean }[] {
  const whole = normalizeName(name);
  if (whole === '') return [];
  if (hanCharacter.test(whole)) {
    const compact = whole.replace(/[\s·•]/g, '');
    return Array.from(compact).length >= 2 ? [{ text: compact, capitalised: false }] : [];
  }
  const words = whole.split(/[\s,;/]+/).filter((word) => /\p{L}/u.test(word));
  const variants = new Map<string, boolean>();
  if (words.length > 1) {
    variants.set(words.join(' '), false);
    variants.set([...words].reverse().join(' '), false);
  }
  for (const word of words) {
    const letters = word.replace(/[^\p{L}'-]/gu, '');
    if (Array.from(letters).length >= 3 && !variants.has(letters)) variants.set(letters, true);
  }
  return [...variants].map(([text, capitalised]) => ({ text, capitalised }));
}

// Shorter values of identifier fields ("12", "A1") would be found inside unrelated text.
const minimumValueLength = 4;

export class KnownValueMatcher {
  private readonly root: TrieNode = { next: new Map() };
  private count = 0;

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.addName(name);
  }

  get size(): number {
    return this.count;
  }

  addName(name: string): void {
    for (const variant of nameVariants(name))
      this.insert(variant.text, 'NAME', variant.capitalised);
  }

  /** A value of an identifier field, looked for as written (ignoring case). */
  addValue(type: IdentifierType, value: string): void {
    const text = normalizeName(value);
    if (Array.from(text).length >= minimumValueLength) this.insert(text, type, false);
  }

  private insert(text: string, type: IdentifierType, capitalised: boolean): void {
    let node = this.root;
    for (const character of text.toLowerCase()) {
      let child = node.next.get(character);
      if (!child) {
        child = { next: new Map() };
        node.next.set(character, child);
      }
      node = child;
    }
    // A variant that must be capitalised yields to the same text without that condition.
    if (!node.end) this.count++;
    node.end = { type, capitalised: (node.end?.capitalised ?? true) && capitalised };
  }

  /** Non-overlapping spans of known values, the longest at each position first. */
  find(text: string): Span[] {
    const spans: Span[] = [];
    if (this.count === 0) return spans;
    const lower = text.toLowerCase();
    // Lower-casing can change the length of a few characters (İ); matching on the original
    // indexes needs equal lengths, so such text is matched as it is.
    const haystack = lower.length === text.length ? lower : text;
    const firsts = this.root.next;
    let position = 0;
    while (position < haystack.length) {
      // Most positions start no known value: one lookup rules them out.
      const unit = haystack.charCodeAt(position);
      if ((unit < 0xd800 || unit > 0xdbff) && !firsts.has(haystack[position] ?? '')) {
        position++;
        continue;
      }
      const found = this.longestAt(text, haystack, position);
      if (found) {
        spans.push({ start: position, end: found.end, type: found.type });
        position = found.end;
      } else position++;
    }
    return spans;
  }

  private longestAt(
    text: string,
    haystack: string,
    start: number,
  ): { end: number; type: IdentifierType } | null {
    if (isLatinWordChar(text[start - 1]) && isLatinWordChar(text[start])) return null;
    let node: TrieNode | undefined = this.root;
    let best: { end: number; type: IdentifierType } | null = null;
    let index = start;
    while (node && index < haystack.length) {
      const unit = haystack.charCodeAt(index);
      const character =
        unit >= 0xd800 && unit <= 0xdbff
          ? String.fromCodePoint(haystack.codePointAt(index) ?? unit)
          : (haystack[index] ?? '');
      node = node.next.get(character);
      index += character.length;
      if (!node?.end) continue;
      const latinEnd = !hanCharacter.test(character);
      if (latinEnd && isLatinWordChar(text[index])) continue;
      if (node.end.capitalised && !isCapitalised(text[start])) continue;
      best = { end: index, type: node.end.type };
    }
    return best;
  }
}

function isLatinWordChar(character: string | undefined): boolean {
  if (character === undefined) return false;
  const code = character.charCodeAt(0);
  // ASCII first: nearly every character of clinical text, and no regular expression needed.
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return !hanCharacter.test(character) && (latinLetter.test(character) || /\d/.test(character));
}

function isCapitalised(character: string | undefined): boolean {
  return character !== undefined && character !== character.toLowerCase();
}
