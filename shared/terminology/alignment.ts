/**
 * Word-by-word comparison of a raw name with one alias, in any order: how well each raw word is
 * explained by the alias, and how much of the alias the raw name covers. A specimen word on
 * either side counts as explained when the term's specimen, or the one the context names, agrees.
 */
import { specimenFit, specimensAgree, type ResolvedContext } from './context';
import type { Query } from './query';
import type { SuggestionIndex, TermEntry, WordMatch } from './suggestion-index';
import type { Word } from './words';

export type MatchHow =
  WordMatch['how'] | 'reading' | 'initials' | 'acronym' | 'compact' | 'specimen' | 'none';

export interface GroupMatch {
  similarity: number;
  how: MatchHow;
  /** The dictionary word or reading the raw word was matched to. */
  shown: string | null;
}

export interface Alignment {
  alias: number;
  groups: GroupMatch[];
  /** Weighted share of the alias's words the raw name explains. */
  covered: number;
  /** Alias words the raw name does not explain. */
  missing: string[];
  /** Alias specimen words explained by the context rather than by the raw name. */
  fromContext: string[];
}

const none: GroupMatch = { similarity: 0, how: 'none', shown: null };

export function align(
  index: SuggestionIndex,
  query: Query,
  aliasId: number,
  entry: TermEntry,
  context: ResolvedContext,
): Alignment {
  const alias = index.aliases[aliasId];
  if (!alias) return { alias: aliasId, groups: [], covered: 0, missing: [], fromContext: [] };
  let wholeAlias = 0;
  const groups = query.groups.map((group): GroupMatch => {
    let best = none;
    for (const reading of group.readings) {
      let total = 0;
      let how: MatchHow = 'none';
      let shown: string | null = null;
      for (const part of reading.parts) {
        let partBest = 0;
        for (const id of alias.wordIds) {
          const match = part.get(id);
          if (match && match.similarity > partBest) {
            partBest = match.similarity;
            how = match.how;
            shown = index.words[id]?.text ?? null;
          }
        }
        if (alias.compactId !== null && reading.parts.length === 1) {
          const match = part.get(alias.compactId);
          if (match && match.similarity > partBest) {
            partBest = match.similarity;
            how = 'compact';
            shown = alias.text;
            wholeAlias = Math.max(wholeAlias, match.similarity * reading.factor);
          }
        }
        total += partBest;
      }
      const similarity = (reading.factor * total) / Math.max(1, reading.parts.length);
      if (similarity > best.similarity)
        best = { similarity, how: reading.shown ? 'reading' : how, shown: reading.shown ?? shown };
    }
    const specimen = group.word.specimen;
    if (specimen && best.similarity < 1) {
      const fit = specimenFit(specimen, entry.specimens);
      if (fit === 'same' || fit === 'family')
        best = { similarity: fit === 'same' ? 1 : 0.9, how: 'specimen', shown: null };
    }
    return best;
  });
  const initials = query.initials.get(aliasId);
  if (initials !== undefined) {
    groups.forEach((match, position) => {
      if ((initials === -1 || initials === position) && match.similarity < 0.8)
        groups[position] = { similarity: 0.8, how: 'initials', shown: alias.text };
    });
    wholeAlias = Math.max(wholeAlias, 0.8);
  }
  const compactIds = alias.compactId === null ? alias.wordIds : [alias.compactId];
  for (const id of compactIds) {
    const match = query.compact.get(id);
    if (!match) continue;
    wholeAlias = Math.max(wholeAlias, match.similarity);
    groups.forEach((group, position) => {
      if (group.similarity < match.similarity)
        groups[position] = { similarity: match.similarity, how: 'compact', shown: alias.text };
    });
  }
  const spelled = matchAcronyms(query, alias.words, groups);
  let covered = 0;
  const missing: string[] = [];
  const fromContext: string[] = [];
  alias.wordIds.forEach((id, position) => {
    let coverage = Math.max(wholeAlias, spelled.get(position) ?? 0);
    for (const group of query.groups) coverage = Math.max(coverage, group.best.get(id) ?? 0);
    const word = alias.words[position];
    if (word?.specimen && coverage < 1 && context.specimen) {
      if (specimensAgree(context.specimen.kind, word.specimen)) {
        coverage = 1;
        fromContext.push(word.shown);
      }
    }
    covered += (alias.weights[position] ?? 0) * coverage;
    if (word && coverage < 0.5) missing.push(word.shown);
  });
  return { alias: aliasId, groups, covered, missing, fromContext };
}

const acronymSimilarity = 0.85;

/**
 * Acronyms inside longer names, both ways: the alias word "vWF" spelled out as "von Willebrand
 * factor" in the raw name, or the raw word "HDL" spelled out in the alias. Three letters at
 * least: two-letter acronyms collide too often ("PT", "patient type").
 */
function matchAcronyms(
  query: Query,
  aliasWords: readonly Word[],
  groups: GroupMatch[],
): Map<number, number> {
  const covered = new Map<number, number>();
  aliasWords.forEach((word, position) => {
    const run = /^[a-z]{3,6}$/.test(word.text) ? query.runs.get(word.text) : undefined;
    if (!run) return;
    covered.set(position, acronymSimilarity);
    for (let group = run[0]; group <= run[1]; group++)
      if ((groups[group]?.similarity ?? 0) < acronymSimilarity)
        groups[group] = { similarity: acronymSimilarity, how: 'acronym', shown: word.shown };
  });
  groups.forEach((match, group) => {
    const raw = query.groups[group];
    const text = raw?.word.text ?? '';
    if (match.similarity >= acronymSimilarity || !/^[a-z]{3,6}$/.test(text)) return;
    if (raw?.isKnown) return;
    const run = findRun(aliasWords, text);
    if (!run) return;
    const shown = aliasWords
      .slice(run[0], run[1] + 1)
      .map((word) => word.shown)
      .join(' ');
    const whole = run[0] === 0 && run[1] === aliasWords.length - 1;
    groups[group] = { similarity: acronymSimilarity, how: whole ? 'initials' : 'reading', shown };
    for (let position = run[0]; position <= run[1]; position++)
      covered.set(position, acronymSimilarity);
  });
  return covered;
}

function findRun(words: readonly Word[], letters: string): [number, number] | null {
  for (let start = 0; start < words.length; start++) {
    let initials = '';
    for (let end = start; end < words.length && initials.length < letters.length; end++) {
      const first = words[end]?.text[0] ?? '';
      if (!/[a-z]/.test(first)) break;
      initials += first;
      if (initials === letters && end > start) return [start, end];
    }
  }
  return null;
}
