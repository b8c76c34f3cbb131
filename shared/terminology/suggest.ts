/**
 * Ranked dictionary terms for one raw name — a column header or, in long-format exports, a value
 * such as HL7 OBX-3. Exact aliases (and dictionary codes) come first with score 1; then candidates
 * found through the word index are compared word by word (order-insensitive, with typos,
 * shortened words and abbreviations read out) and letter by letter (edit distance, and Fuse.js
 * over the few candidates only); context moves close candidates apart. Every suggestion carries
 * a score in [0, 1] and a reason a person can check.
 */
import Fuse from 'fuse.js';
import type { AliasKind } from '../model/terminology';
import {
  resolveContext,
  weighContext,
  type ResolvedContext,
  type SuggestionContext,
} from './context';
import { typoDistance } from './edit-distance';
import { labelKey, normalizeLabel } from './normalize';
import { candidateAliases, readQuery, type Query } from './query';
import { systemKey } from './source-system';
import {
  buildSuggestionIndex,
  scopedKey,
  type AliasEntry,
  type SuggestionIndex,
  type TermEntry,
} from './suggestion-index';
import { align, type Alignment } from './alignment';
import { explainWords } from './reasons';

export { buildSuggestionIndex };
export type { SuggestionContext, SuggestionIndex };

export interface Suggestion {
  termId: string;
  score: number;
  /** Why, in words a person can check: "abbreviation "HGB" of Hemoglobin, 1 edit". */
  reason: string;
  isExact: boolean;
}

/** Below this a match is noise (a shared "ID" or "time"), not a suggestion worth reading. */
export const minimumScore = 0.62;

/**
 * A raw word the alias does not explain counts less than an alias word the raw name lacks: raw
 * names carry qualifiers ("Fibrinogen, Functional"), while a missing alias word ("Thrombin
 * time" for "Thrombin") more often means another test.
 */
const unmatchedRawWeight = 0.6;
/** Fuse.js compares letters with the best few candidates only: its cost grows with their length. */
const fuzzyCandidates = 20;

interface Scored {
  term: number;
  score: number;
  reason: string;
  isExact: boolean;
  kind: AliasKind | 'code';
  /** An exact hit of a synonym scoped to the file's own system: it outranks one for every system. */
  isScoped?: boolean;
}

/** Among equal scores: a dictionary code in the raw name (HL7 "718-7^…^LN") says most. */
const kindRank: Record<Scored['kind'], number> = {
  code: 0,
  name: 1,
  abbreviation: 2,
  synonym: 3,
  'learned synonym': 4,
};

export function suggest(
  index: SuggestionIndex,
  raw: string,
  limit = 5,
  context: SuggestionContext = {},
): Suggestion[] {
  const { label, codeTerms } = splitCoded(index, raw);
  const normalized = normalizeLabel(label);
  // A coded HL7 name ("XQ7^Haem local^L") is matched by its text, but a person who accepted it
  // taught the whole name: both keys find exact aliases.
  const wholeKey = label === raw.trim() ? normalized.key : labelKey(raw);
  const exactKeys = [...new Set([normalized.key, wholeKey])].filter((key) => key !== '');
  const query = readQuery(index, normalized.key);
  const resolved = resolveContext(query.words, normalized.unit, context);
  const best = new Map<number, Scored>();
  const keep = (candidate: Scored) => {
    const known = best.get(candidate.term);
    if (!known || compare(candidate, known) < 0) best.set(candidate.term, candidate);
  };
  for (const { term, code } of codeTerms) {
    const entry = index.terms[term];
    if (entry)
      keep(
        withContext(resolved, entry, certain(term, 'code', `code ${code} (${entry.term.system})`)),
      );
  }
  for (const aliasId of exactKeys.flatMap((key) => index.exact.get(key) ?? [])) {
    const alias = index.aliases[aliasId];
    const entry = alias && index.terms[alias.term];
    if (alias && entry)
      keep(
        withContext(resolved, entry, certain(alias.term, alias.kind, exactReason(alias, entry))),
      );
  }
  const system = systemKey(context.sourceSystem);
  for (const key of system === '' ? [] : exactKeys)
    for (const alias of index.scopedExact.get(scopedKey(system, key)) ?? []) {
      const entry = index.terms[alias.term];
      if (!entry) continue;
      const reason = `exact learned synonym "${alias.text}" of ${entry.term.nameEn} for source system ${alias.sourceSystem}`;
      keep(
        withContext(resolved, entry, {
          ...certain(alias.term, 'learned synonym', reason),
          isScoped: true,
        }),
      );
    }
  if (query.groups.length > 0) {
    const candidates = candidateAliases(index, query, resolved.specimen?.kind ?? null);
    const fuse = fuseScores(index, candidates.slice(0, fuzzyCandidates), normalized.key);
    const terms = new Set(candidates.map((alias) => index.aliases[alias]?.term ?? -1));
    for (const term of terms) {
      const scored = scoreTerm(index, query, term, fuse, resolved);
      if (scored) keep(scored);
    }
  }
  if (normalized.note) weighNote(index, normalized.note, best, resolved);
  return [...best.values()]
    .filter((scored) => scored.score >= minimumScore)
    .sort(compare)
    .slice(0, limit)
    .map((scored) => ({
      termId: index.terms[scored.term]?.term.id ?? '',
      score: round(scored.score),
      reason: scored.reason,
      isExact: scored.isExact,
    }));
}

function compare(left: Scored, right: Scored): number {
  return (
    right.score - left.score ||
    Number(right.isExact) - Number(left.isExact) ||
    Number(right.isScoped === true) - Number(left.isScoped === true) ||
    kindRank[left.kind] - kindRank[right.kind] ||
    left.term - right.term
  );
}

/**
 * HL7 v2 writes a coded name as "718-7^Hemoglobin^LN": a part equal to a dictionary code is an
 * exact hit, and the first wordy part is the label to match.
 */
function splitCoded(
  index: SuggestionIndex,
  raw: string,
): { label: string; codeTerms: { term: number; code: string }[] } {
  const isCoded = /^[^\s^()[\]]*\^/.test(raw) && !/\d\^\d/.test(raw);
  const parts = isCoded ? raw.split('^').map((part) => part.trim()) : [raw.trim()];
  const codeTerms: { term: number; code: string }[] = [];
  const texts: string[] = [];
  for (const part of parts) {
    const terms = part === '' ? undefined : index.codes.get(part.toLowerCase());
    if (terms) for (const term of terms) codeTerms.push({ term, code: part });
    else if (/\p{L}/u.test(part) && !/^(ln|loinc|sct|snomed|l|99[a-z]+)$/i.test(part))
      texts.push(part);
  }
  return { label: texts[0] ?? (codeTerms.length > 0 ? '' : raw), codeTerms };
}

function certain(term: number, kind: Scored['kind'], reason: string): Scored {
  return { term, score: 1, reason, isExact: true, kind };
}

function exactReason(alias: AliasEntry, entry: TermEntry): string {
  return `exact ${alias.kind} "${alias.text}" of ${entry.term.nameEn}`;
}

/** Context adds reasons to a certain match, and takes the certainty away if it contradicts it. */
function withContext(context: ResolvedContext, entry: TermEntry, scored: Scored): Scored {
  const evidence = weighContext(context, entry);
  const notes = evidence.notes.length > 0 ? `; ${evidence.notes.join('; ')}` : '';
  if (scored.isExact && !evidence.conflict && !evidence.doubt)
    return { ...scored, reason: scored.reason + notes };
  const ceiling = scored.isExact ? (evidence.conflict ? 0.9 : 0.98) : 0.99;
  return {
    ...scored,
    score: clamp(Math.min(ceiling, scored.score + evidence.adjustment)),
    reason: scored.reason + notes,
    isExact: false,
  };
}

function fuseScores(
  index: SuggestionIndex,
  candidates: number[],
  key: string,
): Map<number, number> {
  const scores = new Map<number, number>();
  if (key === '' || candidates.length === 0) return scores;
  const fuse = new Fuse(
    candidates.map((alias) => ({ alias, key: index.aliases[alias]?.key ?? '' })),
    { keys: ['key'], includeScore: true, threshold: 0.4, ignoreLocation: true },
  );
  for (const alias of candidates) scores.set(alias, 1);
  for (const hit of fuse.search(key)) scores.set(hit.item.alias, hit.score ?? 1);
  return scores;
}

/** The best reading of one term: its best alias, with words the term's other aliases explain. */
function scoreTerm(
  index: SuggestionIndex,
  query: Query,
  term: number,
  fuse: Map<number, number>,
  context: ResolvedContext,
): Scored | null {
  const entry = index.terms[term];
  if (!entry) return null;
  const alignments = entry.aliases.map((alias) => align(index, query, alias, entry, context));
  const termGroups = query.groups.map((_, position) =>
    Math.max(...alignments.map((alignment) => alignment.groups[position]?.similarity ?? 0)),
  );
  let termShared = 0;
  let termAsked = 0;
  query.groups.forEach((group, position) => {
    const similarity = termGroups[position] ?? 0;
    termShared += group.weight * similarity;
    termAsked += group.weight * (similarity + unmatchedRawWeight * (1 - similarity));
  });
  let best: { score: number; alignment: Alignment; edits: number | null } | null = null;
  for (const alignment of alignments) {
    const alias = index.aliases[alignment.alias];
    if (!alias) continue;
    const words = (termShared + alignment.covered) / (termAsked + alias.weight);
    const wordScore = words >= 0.999 ? 0.96 : 0.95 * words;
    const fuzzy = fuse.get(alignment.alias);
    const letters = fuzzy === undefined ? null : letterScore(query.key, alias.key, fuzzy);
    const runTogether = alignment.groups.some((group) => group.how === 'compact');
    const wholeWordsDiffer =
      alignment.missing.length > 0 || alignment.groups.some((group) => group.similarity === 0);
    const useLetters =
      letters !== null && (runTogether || (letters.score >= wordScore && !wholeWordsDiffer));
    const score = useLetters ? Math.max(letters.score, wordScore) : wordScore;
    if (!best || score > best.score + 1e-9)
      best = { score, alignment, edits: useLetters ? letters.edits : null };
  }
  const alias = best && index.aliases[best.alignment.alias];
  if (!best || !alias) return null;
  const base = `${alias.kind} "${alias.text}" of ${entry.term.nameEn}`;
  const reason =
    best.edits !== null
      ? `${base}, ${best.edits} ${best.edits === 1 ? 'edit' : 'edits'}`
      : explainWords(base, query, best.alignment, alignments, termGroups, entry, index);
  const scored: Scored = { term, score: best.score, reason, isExact: false, kind: alias.kind };
  return withContext(context, entry, scored);
}

/** Letter-level likeness: edits over the whole key, with Fuse.js's fuzzy score as a minor part. */
function letterScore(
  key: string,
  aliasKey: string,
  fuseScore: number,
): { score: number; edits: number } | null {
  const length = Math.max(Array.from(key).length, Array.from(aliasKey).length);
  const limit = Math.max(1, Math.floor(length * 0.3));
  const edits = typoDistance(key, aliasKey, limit);
  if (edits > limit || edits === 0) return null;
  return { score: Math.min(0.95, 0.8 * (1 - edits / length) + 0.2 * (1 - fuseScore)), edits };
}

/**
 * A trailing bracket that is not a unit is another name for the same thing: "(AST)" confirms
 * a close reading of "Asparate Aminotransferase", and alone still points at AST.
 */
function weighNote(
  index: SuggestionIndex,
  note: string,
  best: Map<number, Scored>,
  context: ResolvedContext,
): void {
  for (const aliasId of index.exact.get(labelKey(note)) ?? []) {
    const alias = index.aliases[aliasId];
    const entry = alias && index.terms[alias.term];
    if (!alias || !entry) continue;
    const known = best.get(alias.term);
    const confirms = `"${note}" in brackets is its ${alias.kind}`;
    if (known && !known.isExact)
      best.set(alias.term, {
        ...known,
        score: Math.min(0.99, known.score + 0.05),
        reason: `${known.reason}; ${confirms}`,
      });
    else if (!known) {
      const scored: Scored = {
        term: alias.term,
        score: 0.85,
        reason: `${alias.kind} "${alias.text}" of ${entry.term.nameEn}, from the brackets`,
        isExact: false,
        kind: alias.kind,
      };
      best.set(alias.term, withContext(context, entry, scored));
    }
  }
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
