/**
 * Train, validation and test splits that a second run reproduces exactly and that never put one
 * patient (or record) on both sides.
 *
 * Pairs linked by any shared group key form one group (connected components, so a pair citing
 * two patients joins both patients' groups). Within each stratum, groups are ordered by a hash of
 * the seed and the group's smallest key — not by input order — and dealt out in that order until
 * each split holds its share of pairs. The same pairs and seed therefore always give the same
 * assignment, and the ratios hold closely even for a few dozen pairs.
 */
import { hashString } from '../text/near-duplicate';
import type { ExportablePair } from './exportable';

export const splitNames = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof splitNames)[number];

export type SplitRatios = Record<SplitName, number>;

export interface SplitSettings {
  ratios: SplitRatios;
  seed: number;
  /**
   * Stratify by the pair's first tag (in sorted order) that starts with this prefix, e.g.
   * "specialty:" for tags such as "specialty:cardiology", or a whole tag to balance pairs with and
   * without it. Absent: no stratification.
   */
  stratifyByTag?: string;
}

export const noSplit: SplitRatios = { train: 1, validation: 0, test: 0 };

/** What splitting needs to know of a pair. */
export type SplitItem = Pick<ExportablePair, 'id' | 'groupKeys' | 'tags'>;

export interface SplitAssignment<T extends SplitItem = ExportablePair> {
  /** Pairs per split, each in a seeded order that does not depend on input order. */
  splits: Record<SplitName, T[]>;
  /** Group (smallest key) of every pair, for the leakage check and the date shifter. */
  groupOf: Map<string, string>;
  groups: number;
}

/** Parses "0.8,0.1,0.1" (or percentages "80,10,10"); the parts must be ≥ 0 and sum to 1 (100). */
export function parseSplitRatios(text: string): SplitRatios {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 3 || parts.some((part) => !/^\d+(\.\d+)?$/.test(part)))
    throw new RangeError(
      `Split ratios must be three numbers for train, validation and test, such as 0.8,0.1,0.1; got "${text}".`,
    );
  const numbers = parts.map(Number);
  const sum = numbers.reduce((total, value) => total + value, 0);
  const scale = Math.abs(sum - 100) < 1e-9 ? 100 : 1;
  if (Math.abs(sum - scale) > 1e-9)
    throw new RangeError(`Split ratios must add up to 1 (or 100); "${text}" adds up to ${sum}.`);
  const [train = 0, validation = 0, test = 0] = numbers.map((value) => value / scale);
  return { train, validation, test };
}

export function checkSplitRatios(ratios: SplitRatios): string[] {
  const values = splitNames.map((name) => ratios[name]);
  if (values.some((value) => !Number.isFinite(value) || value < 0))
    return ['Split ratios must be numbers of 0 or more.'];
  const sum = values.reduce((total, value) => total + value, 0);
  return Math.abs(sum - 1) > 1e-9 ? [`Split ratios must add up to 1, not ${sum}.`] : [];
}

/** Groups of pair ids linked by shared keys, each named by its smallest key. */
export function groupPairs(pairs: readonly SplitItem[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let node = key;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (left: string, right: string) => {
    const a = find(left);
    const b = find(right);
    // The smaller key becomes the root, so a group's name does not depend on input order.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  };
  const keysOf = (pair: SplitItem) =>
    pair.groupKeys.length > 0 ? pair.groupKeys : [`pair:${pair.id}`];
  for (const pair of pairs)
    for (const key of keysOf(pair)) if (!parent.has(key)) parent.set(key, key);
  for (const pair of pairs) {
    const [first, ...rest] = keysOf(pair);
    if (first !== undefined) for (const key of rest) union(first, key);
  }
  const groupOf = new Map<string, string>();
  for (const pair of pairs) groupOf.set(pair.id, find(keysOf(pair)[0] ?? `pair:${pair.id}`));
  return groupOf;
}

/** A seeded 32-bit rank for a key; the same seed and key always rank alike. */
export function seededRank(seed: number, key: string): number {
  return hashString(`${seed}\u0000${key}`);
}

export function stratumOf(pair: Pick<SplitItem, 'tags'>, prefix: string | undefined): string {
  if (prefix === undefined || prefix === '') return '';
  return [...pair.tags].sort().find((tag) => tag.startsWith(prefix)) ?? '';
}

export function assignSplits<T extends SplitItem>(
  pairs: readonly T[],
  settings: SplitSettings,
): SplitAssignment<T> {
  const problems = checkSplitRatios(settings.ratios);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  const groupOf = groupPairs(pairs);
  const members = new Map<string, T[]>();
  for (const pair of pairs) {
    const group = groupOf.get(pair.id) ?? pair.id;
    const list = members.get(group);
    if (list) list.push(pair);
    else members.set(group, [pair]);
  }

  // A group's stratum is the one most of its pairs belong to (ties: the smaller name).
  const strata = new Map<string, string[]>();
  for (const [group, list] of members) {
    const counts = new Map<string, number>();
    for (const pair of list) {
      const stratum = stratumOf(pair, settings.stratifyByTag);
      counts.set(stratum, (counts.get(stratum) ?? 0) + 1);
    }
    const [[stratum] = ['']] = [...counts].sort(
      ([leftName, left], [rightName, right]) =>
        right - left || (leftName < rightName ? -1 : leftName > rightName ? 1 : 0),
    );
    const groups = strata.get(stratum);
    if (groups) groups.push(group);
    else strata.set(stratum, [group]);
  }

  const splits: Record<SplitName, T[]> = { train: [], validation: [], test: [] };
  const byRank = (left: string, right: string) =>
    seededRank(settings.seed, left) - seededRank(settings.seed, right) ||
    (left < right ? -1 : left > right ? 1 : 0);
  for (const groups of strata.values()) {
    groups.sort(byRank);
    const total = groups.reduce((sum, group) => sum + (members.get(group)?.length ?? 0), 0);
    let before = 0;
    for (const group of groups) {
      const list = members.get(group) ?? [];
      // Place the group by where its middle falls on the cumulative share of pairs.
      const middle = (before + list.length / 2) / total;
      splits[splitAt(middle, settings.ratios)].push(...list);
      before += list.length;
    }
  }
  for (const name of splitNames) splits[name].sort((left, right) => byRank(left.id, right.id));
  return { splits, groupOf, groups: members.size };
}

function splitAt(share: number, ratios: SplitRatios): SplitName {
  if (share < ratios.train) return 'train';
  if (share < ratios.train + ratios.validation) return 'validation';
  // Past train and validation; rounding can land here with no test share at all.
  if (ratios.test > 0) return 'test';
  return ratios.validation > 0 ? 'validation' : 'train';
}
