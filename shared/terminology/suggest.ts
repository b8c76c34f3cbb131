import Fuse from 'fuse.js';
import { aliasesOf, type AliasKind, type Term } from '../model/terminology';
import { editDistance } from './edit-distance';
import { labelKey } from './normalize';

export interface Suggestion {
  termId: string;
  score: number;
  /** Why, in words a person can check: "abbreviation "HGB" of Hemoglobin, 1 edit". */
  reason: string;
  isExact: boolean;
}

interface AliasEntry {
  key: string;
  text: string;
  kind: AliasKind;
  termId: string;
  termName: string;
}

export interface SuggestionIndex {
  exact: Map<string, AliasEntry[]>;
  fuse: Fuse<AliasEntry>;
}

/** Builds the lookup once per dictionary version; suggestions then cost one Fuse query each. */
export function buildSuggestionIndex(terms: readonly Term[]): SuggestionIndex {
  const entries: AliasEntry[] = [];
  const exact = new Map<string, AliasEntry[]>();
  for (const term of terms) {
    if (term.status !== 'active') continue;
    const seen = new Set<string>();
    for (const alias of aliasesOf(term)) {
      const key = labelKey(alias.text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const entry = {
        key,
        text: alias.text,
        kind: alias.kind,
        termId: term.id,
        termName: term.nameEn,
      };
      entries.push(entry);
      exact.set(key, [...(exact.get(key) ?? []), entry]);
    }
  }
  const fuse = new Fuse(entries, {
    keys: ['key'],
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
  });
  return { exact, fuse };
}

/** Below this a fuzzy match is noise (a shared "ID" or "time"), not a suggestion worth reading. */
export const minimumScore = 0.62;

export function suggest(index: SuggestionIndex, raw: string, limit = 5): Suggestion[] {
  const key = labelKey(raw);
  if (key === '') return [];
  const best = new Map<string, Suggestion>();
  for (const entry of index.exact.get(key) ?? []) {
    best.set(entry.termId, {
      termId: entry.termId,
      score: 1,
      reason: `exact ${entry.kind} "${entry.text}" of ${entry.termName}`,
      isExact: true,
    });
  }
  for (const hit of index.fuse.search(key, { limit: limit * 4 })) {
    const entry = hit.item;
    if (best.has(entry.termId)) continue;
    const edits = editDistance(key, entry.key);
    const score = fuzzyScore(hit.score ?? 1, edits, key, entry.key);
    if (score < minimumScore) continue;
    best.set(entry.termId, {
      termId: entry.termId,
      score,
      reason: `${entry.kind} "${entry.text}" of ${entry.termName}, ${edits} ${edits === 1 ? 'edit' : 'edits'}`,
      isExact: false,
    });
  }
  return [...best.values()].sort((left, right) => right.score - left.score).slice(0, limit);
}

/**
 * Fuse.js finds an alias anywhere inside a longer one ("Hb" in "HbA1c"), so its score alone ranks
 * long aliases too high; the edit distance relative to length says how much would have to change.
 * Below 1, because only an exact alias is certain.
 */
function fuzzyScore(fuseScore: number, edits: number, key: string, alias: string): number {
  const length = Math.max(Array.from(key).length, Array.from(alias).length);
  const similarity = 1 - edits / length;
  return Math.min(0.99, round(0.4 * (1 - fuseScore) + 0.6 * similarity));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
