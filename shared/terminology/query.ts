/**
 * One raw name read for matching: its words, each with the dictionary words it may stand for
 * (itself, a near spelling, a longer form, an abbreviation's meaning), and the candidate aliases
 * those words lead to. Cost grows with the raw name's words and their postings, not with the
 * dictionary's size.
 */
import { findWords, readingsOf, type SuggestionIndex, type WordMatch } from './suggestion-index';
import { specimensAgree } from './context';
import { knownAbbreviations, wordsOfKey, type Specimen, type Word } from './words';

/** One way to read a raw word: as itself, or as the words of what it abbreviates. */
export interface Reading {
  /** For each word of the reading, the dictionary words it may be. */
  parts: Map<number, WordMatch>[];
  factor: number;
  /** The reading in words, for reasons; null when the word is read as itself. */
  shown: string | null;
}

export interface Group {
  word: Word;
  /** Whether the dictionary uses this very word. */
  isKnown: boolean;
  weight: number;
  readings: Reading[];
  /** Best similarity of any reading word to each dictionary word, for coverage and candidates. */
  best: Map<number, number>;
}

export interface Query {
  key: string;
  words: Word[];
  groups: Group[];
  totalWeight: number;
  /** The dictionary word the whole raw name run together is ("alpha feto protein"). */
  compact: Map<number, WordMatch>;
  /** Aliases whose initials the raw name or one of its words spells: alias id → group or -1. */
  initials: Map<number, number>;
  /** First letters of runs of raw words ("von willebrand factor" → "vwf") → first and last. */
  runs: Map<string, [number, number]>;
}

const abbreviationFactor = 0.9;
const specimenWeight = 0.35;

export function readQuery(index: SuggestionIndex, key: string): Query {
  const words = wordsOfKey(key);
  const allSpecimen = words.every((word) => word.specimen !== null);
  const groups = words.map((word) => {
    const readings: Reading[] = [
      { parts: [asMap(findWords(index, word.text, word.isHan))], factor: 1, shown: null },
    ];
    if (!word.isHan)
      for (const reading of readingsOf(index, word.text))
        readings.push({
          parts: reading.map((part) => asMap(findWords(index, part, false))),
          factor: abbreviationFactor,
          shown: reading.join(' '),
        });
    if (!word.isHan && !index.wordIds.has(word.text))
      for (const parts of splitsOf(index, word.text))
        readings.push({
          parts: parts.map((part) => asMap(findWords(index, part, false))),
          factor: abbreviationFactor,
          shown: parts.join(' '),
        });
    const best = new Map<number, number>();
    for (const reading of readings)
      for (const part of reading.parts)
        for (const match of part.values()) {
          const similarity = match.similarity * reading.factor;
          if (similarity > (best.get(match.id) ?? 0)) best.set(match.id, similarity);
        }
    const group: Group = {
      word,
      isKnown: index.wordIds.has(word.text),
      weight: groupWeight(index, word, readings),
      readings,
      best,
    };
    if (word.specimen && !allSpecimen) group.weight *= specimenWeight;
    return group;
  });
  const compact = new Map<number, WordMatch>();
  const joined = index.wordIds.get(words.map((word) => word.text).join(''));
  if (words.length > 1 && joined !== undefined)
    compact.set(joined, { id: joined, similarity: 1, how: 'same' });
  const initials = new Map<number, number>();
  groups.forEach((group, position) => {
    if (/^[a-z]{3,6}$/.test(group.word.text) && !index.wordIds.has(group.word.text))
      for (const alias of index.initials.get(group.word.text) ?? []) initials.set(alias, position);
  });
  const letters = words.map((word) => word.text).join('');
  if (words.length > 1 && /^[a-z]{3,6}$/.test(letters) && !index.wordIds.has(letters))
    for (const alias of index.initials.get(letters) ?? []) initials.set(alias, -1);
  return {
    key,
    words,
    groups,
    runs: initialRuns(words),
    totalWeight: groups.reduce((sum, group) => sum + group.weight, 0),
    compact,
    initials,
  };
}

/**
 * Column names run words together ("DISCHTIME", "PATIENTID"): an unknown word that splits into
 * two known words or abbreviations is read as those, abbreviations spelled out.
 */
function splitsOf(index: SuggestionIndex, word: string): string[][] {
  if (!/^[a-z]{5,24}$/.test(word)) return [];
  const isKnown = (part: string) => index.wordIds.has(part) || part in knownAbbreviations;
  const spelled = (part: string) =>
    index.wordIds.has(part) ? [part] : (knownAbbreviations[part]?.[0] ?? part).split(' ');
  const splits: [number, string[]][] = [];
  for (let at = 3; at <= word.length - 2; at++) {
    const left = word.slice(0, at);
    const right = word.slice(at);
    if (isKnown(left) && isKnown(right))
      splits.push([Math.min(left.length, right.length), [...spelled(left), ...spelled(right)]]);
  }
  return splits
    .sort((a, b) => b[0] - a[0])
    .slice(0, 2)
    .map(([, parts]) => parts);
}

function initialRuns(words: readonly Word[]): Map<string, [number, number]> {
  const runs = new Map<string, [number, number]>();
  for (let start = 0; start < words.length; start++) {
    let initials = '';
    for (let end = start; end < words.length && end - start < 6; end++) {
      const first = words[end]?.text[0] ?? '';
      if (!/[a-z]/.test(first)) break;
      initials += first;
      if (end - start >= 2 && !runs.has(initials)) runs.set(initials, [start, end]);
    }
  }
  return runs;
}

function asMap(matches: WordMatch[]): Map<number, WordMatch> {
  return new Map(matches.map((match) => [match.id, match]));
}

function groupWeight(index: SuggestionIndex, word: Word, readings: Reading[]): number {
  const own = index.wordIds.get(word.text);
  if (own !== undefined) return index.words[own]?.idf ?? index.unknownWeight;
  let weight = 0;
  for (const reading of readings)
    for (const part of reading.parts)
      for (const match of part.values())
        if (match.similarity >= 0.7) weight = Math.max(weight, index.words[match.id]?.idf ?? 0);
  return weight > 0 ? weight : index.unknownWeight;
}

/**
 * Raw words whose dictionary words sit in more aliases than this, together carrying at most
 * `skippableShare` of the raw name's weight, lead to no candidates of their own: any alias that
 * shares more than that share is still reached through the other words.
 */
const postingCap = 1500;
const skippableShare = 0.55;
const followedMatches = 8;

/**
 * The aliases worth a full comparison: every alias sharing a (near) word with the raw name gets
 * the weight of what it shares; the best `limit` by an estimate of the final score are kept.
 * Words as common as "serum" are followed only when nothing rarer matched, and otherwise only
 * add to the estimate of aliases found through rarer words.
 */
export function candidateAliases(
  index: SuggestionIndex,
  query: Query,
  specimen: Specimen | null,
  limit = 48,
): number[] {
  const { score, stamp } = index.scratch;
  const touched: number[] = [];
  const plans = query.groups.map((group) =>
    [...group.best.entries()]
      .filter(([, similarity]) => similarity >= 0.5)
      .sort((left, right) => right[1] - left[1])
      .slice(0, followedMatches),
  );
  const costs = plans.map((plan) =>
    plan.reduce((sum, [id]) => sum + (index.words[id]?.aliases.length ?? 0), 0),
  );
  const skippedGroups = new Set<number>();
  let skippedWeight = 0;
  const byCost = costs.map((_, at) => at).sort((a, b) => (costs[b] ?? 0) - (costs[a] ?? 0));
  for (const position of byCost) {
    const weight = query.groups[position]?.weight ?? 0;
    if ((costs[position] ?? 0) <= postingCap) break;
    if (skippedWeight + weight > skippableShare * query.totalWeight) continue;
    skippedGroups.add(position);
    skippedWeight += weight;
  }
  const { wordCredit } = index.scratch;
  const credited: number[] = [];
  const follow = (list: readonly number[], amount: number, mark: number) => {
    for (let at = 0; at < list.length; at++) {
      const alias = list[at] as number;
      if (stamp[alias] === mark) continue;
      stamp[alias] = mark;
      if (score[alias] === 0) touched.push(alias);
      score[alias] = (score[alias] as number) + amount;
    }
  };
  plans.forEach((plan, position) => {
    const weight = query.groups[position]?.weight ?? 0;
    const mark = ++index.scratch.counter;
    for (const [id, similarity] of plan) {
      if (!skippedGroups.has(position))
        follow(index.words[id]?.aliases ?? [], weight * similarity, mark);
      else if ((wordCredit[id] as number) < weight * similarity) {
        if (wordCredit[id] === 0) credited.push(id);
        wordCredit[id] = weight * similarity;
      }
    }
  });
  const { aliasWeights, aliasWordStart, aliasWords } = index;
  for (const match of query.compact.values()) {
    const word = index.words[match.id];
    if (!word) continue;
    const whole = word.isCompact
      ? word.aliases
      : word.aliases.filter(
          (alias) =>
            (aliasWordStart[alias + 1] as number) - (aliasWordStart[alias] as number) === 1,
        );
    follow(whole, query.totalWeight * match.similarity, ++index.scratch.counter);
  }
  follow([...query.initials.keys()], query.totalWeight * 0.8, ++index.scratch.counter);
  const rough = new TopList(limit * 4);
  for (const id of touched) {
    let shared = score[id] as number;
    score[id] = 0;
    if (credited.length > 0) {
      const end = aliasWordStart[id + 1] as number;
      for (let at = aliasWordStart[id] as number; at < end; at++)
        shared += wordCredit[aliasWords[at] as number] as number;
    }
    shared = Math.min(shared, query.totalWeight);
    rough.offer(id, shared / (query.totalWeight + (aliasWeights[id] as number)));
  }
  for (const id of credited) wordCredit[id] = 0;
  const best = new TopList(limit);
  for (const [id, estimate] of rough.entries()) {
    const alias = index.aliases[id];
    if (!alias) continue;
    const shared = estimate * (query.totalWeight + alias.weight);
    let explained = 0;
    if (specimen)
      alias.words.forEach((word, position) => {
        if (word.specimen && specimensAgree(specimen, word.specimen))
          explained += alias.weights[position] ?? 0;
      });
    best.offer(id, (2 * shared + explained) / (query.totalWeight + alias.weight));
  }
  return best.items();
}

/** The `size` best items offered, kept in a small min-heap. */
class TopList {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly size: number) {}

  offer(id: number, score: number): void {
    if (this.ids.length < this.size) {
      this.ids.push(id);
      this.scores.push(score);
      this.up(this.ids.length - 1);
    } else if (score > (this.scores[0] ?? -Infinity)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  entries(): [number, number][] {
    return this.ids
      .map((id, position): [number, number] => [id, this.scores[position] ?? 0])
      .sort((left, right) => right[1] - left[1] || left[0] - right[0]);
  }

  items(): number[] {
    return this.entries().map(([id]) => id);
  }

  private up(position: number): void {
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if ((this.scores[parent] ?? 0) <= (this.scores[position] ?? 0)) return;
      this.swap(parent, position);
      position = parent;
    }
  }

  private down(position: number): void {
    for (;;) {
      const left = 2 * position + 1;
      const right = left + 1;
      let smallest = position;
      if (left < this.ids.length && (this.scores[left] ?? 0) < (this.scores[smallest] ?? 0))
        smallest = left;
      if (right < this.ids.length && (this.scores[right] ?? 0) < (this.scores[smallest] ?? 0))
        smallest = right;
      if (smallest === position) return;
      this.swap(smallest, position);
      position = smallest;
    }
  }

  private swap(left: number, right: number): void {
    const id = this.ids[left] as number;
    this.ids[left] = this.ids[right] as number;
    this.ids[right] = id;
    const score = this.scores[left] as number;
    this.scores[left] = this.scores[right] as number;
    this.scores[right] = score;
  }
}
