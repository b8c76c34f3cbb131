/**
 * The lookup built once per dictionary version. Every alias (name, abbreviation, synonym, learned
 * synonym) of every active term is folded to a key for exact hits and split into words; the
 * distinct words form a vocabulary with character n-grams, so a raw label finds its candidates
 * through a handful of its words' near spellings instead of being compared with every alias.
 *
 * A learned synonym scoped to one source system is kept apart, as an exact key of that system
 * only: it is what one laboratory writes verbatim, and for every other system the index must be
 * exactly the index without it.
 */
import { aliasesOf, type AliasKind, type Term } from '../model/terminology';
import { typoDistance } from './edit-distance';
import { labelKey } from './normalize';
import { systemKey } from './source-system';
import { quantityShape, type QuantityShape } from './units';
import { knownAbbreviations, specimensOf, wordsOfKey, type Specimen, type Word } from './words';

export interface AliasEntry {
  key: string;
  text: string;
  kind: AliasKind;
  term: number;
  words: Word[];
  /** Vocabulary ids of `words`, in order. */
  wordIds: number[];
  /** How much each word counts: rare words more, specimen words less. */
  weights: number[];
  weight: number;
  /** The vocabulary id of the words run together ("admittime"), for two or more words. */
  compactId: number | null;
}

export interface TermEntry {
  term: Term;
  specimens: Set<Specimen>;
  shape: QuantityShape;
  aliases: number[];
  /** The words of the English name, for reading an abbreviation inside a longer label. */
  nameWords: string[];
}

export interface VocabularyWord {
  text: string;
  isHan: boolean;
  isCompact: boolean;
  aliases: number[];
  idf: number;
}

/** A learned synonym that holds for one source system's files only. */
export interface ScopedAlias {
  text: string;
  term: number;
  /** The system as the synonym names it, for reasons. */
  sourceSystem: string;
}

export interface SuggestionIndex {
  terms: TermEntry[];
  aliases: AliasEntry[];
  exact: Map<string, number[]>;
  /** `scopedKey(system, key)` → learned synonyms scoped to that system. */
  scopedExact: Map<string, ScopedAlias[]>;
  codes: Map<string, number[]>;
  words: VocabularyWord[];
  wordIds: Map<string, number>;
  grams: Map<string, number[]>;
  /** Plain short words by first letter, for abbreviations made of a word's letters ("hgb"). */
  byFirstLetter: Map<string, number[]>;
  /** First letters of multi-word aliases ("tibc") → alias ids. */
  initials: Map<string, number[]>;
  /** A word that is some term's abbreviation → the words of that term's name. */
  expansions: Map<string, string[][]>;
  /** The weight of a raw word the dictionary never uses. */
  unknownWeight: number;
  /** Each alias's weight and word ids again, packed, for the candidate scan over many aliases. */
  aliasWeights: Float64Array;
  /** Alias `a`'s word ids are `aliasWords[aliasWordStart[a] … aliasWordStart[a + 1])`. */
  aliasWordStart: Int32Array;
  aliasWords: Int32Array;
  /** Scratch space for one query at a time. */
  scratch: {
    score: Float64Array;
    stamp: Int32Array;
    counter: number;
    wordCounts: Int32Array;
    touchedWords: number[];
    foundWords: Map<string, WordMatch[]>;
    /** Per word, what a raw word whose postings were not followed adds to an alias having it. */
    wordCredit: Float64Array;
  };
}

const specimenWeight = 0.35;
/** Run-together aliases longer than this are found exactly only, to keep the n-gram lists short. */
const longestFuzzyCompact = 16;
/** Words looked up recently, shared by the raw names of one import: most repeat. */
const cachedWords = 20_000;

export function buildSuggestionIndex(terms: readonly Term[]): SuggestionIndex {
  const index: SuggestionIndex = {
    terms: [],
    aliases: [],
    exact: new Map(),
    scopedExact: new Map(),
    codes: new Map(),
    words: [],
    wordIds: new Map(),
    grams: new Map(),
    byFirstLetter: new Map(),
    initials: new Map(),
    expansions: new Map(),
    unknownWeight: 0,
    aliasWeights: new Float64Array(0),
    aliasWordStart: new Int32Array(1),
    aliasWords: new Int32Array(0),
    scratch: {
      score: new Float64Array(0),
      stamp: new Int32Array(0),
      counter: 0,
      wordCounts: new Int32Array(0),
      touchedWords: [],
      foundWords: new Map(),
      wordCredit: new Float64Array(0),
    },
  };
  /** Per word: how many terms use it, and the last term counted (terms come one at a time). */
  const termCounts: number[] = [];
  const lastTerm: number[] = [];
  for (const term of terms) {
    if (term.status !== 'active') continue;
    const termId = index.terms.length;
    const entry: TermEntry = {
      term,
      specimens: specimensOf(term.specimen),
      shape: quantityShape(term),
      aliases: [],
      nameWords: wordsOfKey(labelKey(term.nameEn)).map((word) => word.text),
    };
    index.terms.push(entry);
    push(index.codes, term.code.trim().toLowerCase(), termId);
    const seen = new Set<string>();
    for (const alias of aliasesOf(term)) {
      const key = labelKey(alias.text);
      const system = systemKey(alias.sourceSystem);
      if (key !== '' && system !== '') {
        push(index.scopedExact, scopedKey(system, key), {
          text: alias.text,
          term: termId,
          sourceSystem: alias.sourceSystem ?? '',
        });
        continue;
      }
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const aliasId = index.aliases.length;
      const words = wordsOfKey(key);
      const wordIds = words.map((word) => addWord(index, word.text, word.isHan, false));
      const compact = words.length > 1 ? words.map((word) => word.text).join('') : null;
      const compactId = compact === null ? null : addWord(index, compact, false, true);
      for (const id of [...wordIds, ...(compactId === null ? [] : [compactId])]) {
        const word = index.words[id];
        if (word && word.aliases[word.aliases.length - 1] !== aliasId) word.aliases.push(aliasId);
        if (lastTerm[id] !== termId) {
          lastTerm[id] = termId;
          termCounts[id] = (termCounts[id] ?? 0) + 1;
        }
      }
      index.aliases.push({
        key,
        text: alias.text,
        kind: alias.kind,
        term: termId,
        words,
        wordIds,
        weights: [],
        weight: 0,
        compactId,
      });
      entry.aliases.push(aliasId);
      push(index.exact, key, aliasId);
      addInitials(index, words, aliasId);
      if (alias.kind === 'abbreviation') addExpansion(index, words, entry);
    }
  }
  const count = Math.max(1, index.terms.length);
  index.words.forEach((word, id) => {
    word.idf = Math.log(1 + count / Math.max(1, termCounts[id] ?? 1));
  });
  index.unknownWeight = 0.5 * Math.log(1 + count);
  for (const alias of index.aliases) weighAlias(index, alias);
  index.aliasWeights = Float64Array.from(index.aliases, (alias) => alias.weight);
  index.aliasWordStart = new Int32Array(index.aliases.length + 1);
  index.aliases.forEach((alias, id) => {
    index.aliasWordStart[id + 1] = (index.aliasWordStart[id] ?? 0) + alias.wordIds.length;
  });
  index.aliasWords = Int32Array.from(index.aliases.flatMap((alias) => alias.wordIds));
  index.scratch = {
    score: new Float64Array(index.aliases.length),
    stamp: new Int32Array(index.aliases.length),
    counter: 0,
    wordCounts: new Int32Array(index.words.length),
    touchedWords: [],
    foundWords: new Map(),
    wordCredit: new Float64Array(index.words.length),
  };
  return index;
}

/** The key of a scoped synonym: the folded system and the folded label. */
export function scopedKey(system: string, key: string): string {
  return `${systemKey(system)}\n${key}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addWord(index: SuggestionIndex, text: string, isHan: boolean, isCompact: boolean): number {
  const known = index.wordIds.get(text);
  const word = known === undefined ? undefined : index.words[known];
  if (known !== undefined && word) {
    if (word.isCompact && !isCompact) {
      // Written as a word of its own too ("admittime"): found like any other word from now on.
      word.isCompact = false;
      if (text.length > longestFuzzyCompact)
        for (const gram of gramsOf(text, isHan)) push(index.grams, gram, known);
      if (!isHan && /^[a-z]/.test(text)) push(index.byFirstLetter, text[0] ?? '', known);
    }
    return known;
  }
  const id = index.words.length;
  index.words.push({ text, isHan, isCompact, aliases: [], idf: 0 });
  index.wordIds.set(text, id);
  if (!isCompact || text.length <= longestFuzzyCompact)
    for (const gram of gramsOf(text, isHan)) push(index.grams, gram, id);
  if (!isHan && !isCompact && /^[a-z]/.test(text)) push(index.byFirstLetter, text[0] ?? '', id);
  return id;
}

function weighAlias(index: SuggestionIndex, alias: AliasEntry): void {
  const allSpecimen = alias.words.every((word) => word.specimen !== null);
  alias.weights = alias.wordIds.map((id, position) => {
    const idf = index.words[id]?.idf ?? index.unknownWeight;
    return alias.words[position]?.specimen && !allSpecimen ? idf * specimenWeight : idf;
  });
  alias.weight = alias.weights.reduce((sum, weight) => sum + weight, 0);
}

function addInitials(index: SuggestionIndex, words: Word[], aliasId: number): void {
  if (words.length < 2 || words.some((word) => word.isHan)) return;
  const initialsOf = (list: Word[]) =>
    list.map((word) => (/^\d+$/.test(word.text) ? word.text : word.shown[0])).join('');
  const variants = new Set([
    initialsOf(words),
    initialsOf(words.filter((word) => word.specimen === null)),
  ]);
  for (const initials of variants)
    if (initials.length >= 2 && initials.length <= 8) push(index.initials, initials, aliasId);
}

function addExpansion(index: SuggestionIndex, words: Word[], entry: TermEntry): void {
  const [only] = words;
  if (words.length !== 1 || !only || only.isHan || entry.nameWords.length === 0) return;
  if (entry.nameWords.length === 1 && entry.nameWords[0] === only.text) return;
  const list = index.expansions.get(only.text) ?? [];
  if (list.length < 3 && !list.some((known) => known.join(' ') === entry.nameWords.join(' ')))
    list.push(entry.nameWords);
  index.expansions.set(only.text, list);
}

/** Character trigrams of a Latin word with its edges marked; pairs of characters for Chinese. */
export function gramsOf(text: string, isHan: boolean): string[] {
  const chars = Array.from(text);
  if (isHan) {
    if (chars.length === 1) return chars;
    return chars.slice(0, -1).map((char, position) => char + (chars[position + 1] ?? ''));
  }
  const padded = ['^', ...chars, '$'];
  const grams: string[] = [];
  for (let position = 0; position + 2 < padded.length; position++)
    grams.push(padded.slice(position, position + 3).join(''));
  return grams.length > 0 ? grams : [padded.join('')];
}

/** How alike two words are, 0 to 1, and what kind of likeness it is. */
export interface WordLikeness {
  similarity: number;
  how: 'same' | 'typo' | 'shortened' | 'letters' | 'contains';
}

export function wordLikeness(raw: string, known: string, isHan: boolean): WordLikeness | null {
  if (raw === known) return { similarity: 1, how: 'same' };
  if (isHan) return hanLikeness(raw, known);
  const shorter = Math.min(raw.length, known.length);
  const hasDigit = /\d/.test(raw) || /\d/.test(known);
  if (shorter >= 4) {
    const distance = typoDistance(raw, known, 2);
    const swapped = distance === 1 && raw.length === known.length && sameLetters(raw, known);
    if (distance === 1 && (swapped || (shorter >= 5 && !hasDigit)))
      return { similarity: 0.85, how: 'typo' };
    if (distance === 2 && shorter >= 7 && !hasDigit) return { similarity: 0.7, how: 'typo' };
  }
  if (raw.length >= 3 && known.length > raw.length && known.startsWith(raw) && !hasDigit)
    return {
      similarity: Math.min(0.8, 0.55 + (0.3 * raw.length) / known.length),
      how: 'shortened',
    };
  return null;
}

function sameLetters(left: string, right: string): boolean {
  return Array.from(left).sort().join('') === Array.from(right).sort().join('');
}

function hanLikeness(raw: string, known: string): WordLikeness | null {
  const a = Array.from(raw);
  const b = Array.from(known);
  const [short, long] = a.length <= b.length ? [raw, known] : [known, raw];
  if (long.includes(short) && Array.from(short).length >= 2)
    return {
      similarity: 0.6 + (0.35 * Array.from(short).length) / Array.from(long).length,
      how: 'contains',
    };
  if (Math.min(a.length, b.length) >= 3 && typoDistance(raw, known, 1) === 1)
    return { similarity: 0.8, how: 'typo' };
  return null;
}

/** Whether `short` can be read as letters taken in order from `word`, starting with its first. */
export function isLetterAbbreviation(short: string, word: string): boolean {
  if (short.length < 3 || word.length < short.length + 2 || short[0] !== word[0]) return false;
  let position = 1;
  for (const letter of short.slice(1)) {
    position = word.indexOf(letter, position) + 1;
    if (position === 0) return false;
  }
  return true;
}

function gramCount(word: VocabularyWord): number {
  const length = word.text.length;
  return word.isHan ? Math.max(1, length - 1) : length;
}

function wordScratch(index: SuggestionIndex): { counts: Int32Array; touched: number[] } {
  if (index.scratch.wordCounts.length !== index.words.length)
    index.scratch.wordCounts = new Int32Array(index.words.length);
  return { counts: index.scratch.wordCounts, touched: index.scratch.touchedWords };
}

export interface WordMatch {
  id: number;
  similarity: number;
  how: WordLikeness['how'];
}

/** The vocabulary words a raw word may be, best first: itself, near spellings, longer forms. */
export function findWords(index: SuggestionIndex, raw: string, isHan: boolean): WordMatch[] {
  const cache = index.scratch.foundWords;
  const cached = cache.get(raw);
  if (cached) return cached;
  if (cache.size >= cachedWords) cache.clear();
  const found = lookUpWord(index, raw, isHan);
  cache.set(raw, found);
  return found;
}

function lookUpWord(index: SuggestionIndex, raw: string, isHan: boolean): WordMatch[] {
  const found = new Map<number, WordMatch>();
  const exact = index.wordIds.get(raw);
  if (exact !== undefined) found.set(exact, { id: exact, similarity: 1, how: 'same' });
  const { counts, touched } = wordScratch(index);
  const rawGrams = gramsOf(raw, isHan);
  for (const gram of rawGrams)
    for (const id of index.grams.get(gram) ?? []) {
      if (counts[id] === 0) touched.push(id);
      counts[id] = (counts[id] ?? 0) + 1;
    }
  const least = isHan ? 1 : Math.min(2, rawGrams.length);
  const ranked: [number, number][] = [];
  for (const id of touched) {
    const count = counts[id] ?? 0;
    counts[id] = 0;
    const word = index.words[id];
    if (count < least || !word) continue;
    ranked.push([id, (2 * count) / (rawGrams.length + gramCount(word))]);
  }
  touched.length = 0;
  ranked.sort((left, right) => right[1] - left[1]);
  ranked.length = Math.min(ranked.length, 40);
  for (const [id] of ranked) {
    if (found.has(id)) continue;
    const word = index.words[id];
    if (!word) continue;
    const likeness = wordLikeness(raw, word.text, isHan);
    if (likeness) found.set(id, { id, ...likeness });
  }
  if (!isHan && raw.length >= 3 && raw.length <= 5 && found.size === 0 && /^[a-z]+$/.test(raw)) {
    for (const id of index.byFirstLetter.get(raw[0] ?? '') ?? []) {
      const word = index.words[id];
      if (word && isLetterAbbreviation(raw, word.text))
        found.set(id, { id, similarity: 0.55, how: 'letters' });
      if (found.size >= 12) break;
    }
  }
  return [...found.values()].sort((left, right) => right.similarity - left.similarity);
}

export function readingsOf(index: SuggestionIndex, word: string): string[][] {
  const readings: string[][] = [];
  for (const expansion of knownAbbreviations[word] ?? [])
    readings.push(wordsOfKey(expansion).map((part) => part.text));
  for (const expansion of index.expansions.get(word) ?? [])
    if (!readings.some((known) => known.join(' ') === expansion.join(' ')))
      readings.push(expansion);
  return readings;
}
