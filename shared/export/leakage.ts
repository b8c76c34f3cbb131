/**
 * The check an ML engineer would run before trusting a split: does any text in validation or test
 * repeat (nearly) a text in another split, and does any group straddle two splits? Grouped splits
 * rule out the second by construction; the check proves it on the files' actual contents.
 */
import {
  normalizeForDedupe,
  type NearDuplicateSettings,
  type Signature,
} from '../text/near-duplicate';
import { dedupeText, type DedupeSettings } from './dedupe';
import type { ExportablePair } from './exportable';
import { SimilarTexts, exactKeyOf, type Lookup } from './similar-texts';
import { splitNames, type SplitName } from './splits';

export interface LeakedPair {
  id: string;
  split: SplitName;
  /** The pair in an earlier split (train before validation before test) it resembles. */
  otherId: string;
  otherSplit: SplitName;
  similarity: number;
}

export interface SharedGroup {
  group: string;
  splits: SplitName[];
}

export interface LeakageReport {
  threshold: number;
  nearDuplicates: LeakedPair[];
  sharedGroups: SharedGroup[];
  /**
   * How near repeats across splits were ruled out: searched for here, or already removed by the
   * near-duplicate dedupe, which compared every kept pair with every pair kept before it.
   */
  nearRepeats: 'searched' | 'removed-by-dedupe';
}

export type LeakageSettings = NearDuplicateSettings & Pick<DedupeSettings, 'indexLimits'>;

/** A pair as the check sees it: a slot that `load` reads its text back by, and its hashes. */
export interface LeakageItem {
  id: string;
  slot: number;
  group: string;
  exactKey: number;
  signature: Signature;
}

const batchSize = 500;

/**
 * Goes through the splits in order (train, validation, test): each pair outside train is compared
 * with the pairs of earlier splits, by exact key and then by MinHash candidates confirmed on
 * their texts, which `load` reads back only for pairs that have candidates.
 */
export async function leakageOf(
  splits: Readonly<Record<SplitName, readonly LeakageItem[]>>,
  settings: LeakageSettings,
  load: (slots: readonly number[]) => Promise<readonly string[]>,
  onBatch: (done: number) => void = () => undefined,
  /** False when near repeats were already removed with this index: see `curate`. */
  near = true,
): Promise<LeakageReport> {
  const similar = new SimilarTexts(settings, settings.indexLimits, load);
  const splitOf = new Map<number, { id: string; split: SplitName }>();
  const nearDuplicates: LeakedPair[] = [];
  const groupSplits = new Map<string, Set<SplitName>>();
  let done = 0;
  for (const split of splitNames) {
    const items = splits[split];
    const eligible = (slot: number) => {
      const other = splitOf.get(slot);
      return other !== undefined && other.split !== split;
    };
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize);
      const lookups: Lookup[] = batch.map((item) => ({
        slot: item.slot,
        text: null,
        exactKey: item.exactKey,
        signature: item.signature,
      }));
      // Train comes first: it has no earlier split to leak from, so it is only indexed.
      if (split !== 'train' && near) await similar.fetchCandidates(lookups, eligible);
      batch.forEach((item, position) => {
        const lookup = lookups[position] as Lookup;
        const inSplits = groupSplits.get(item.group) ?? new Set<SplitName>();
        inSplits.add(split);
        groupSplits.set(item.group, inSplits);
        const match =
          split === 'train' ? null : similar.match(lookup, { exact: true, near, eligible });
        const other = match ? splitOf.get(match.slot) : undefined;
        if (match && other)
          nearDuplicates.push({
            id: item.id,
            split,
            otherId: other.id,
            otherSplit: other.split,
            similarity: match.similarity,
          });
        similar.add(lookup, near);
        splitOf.set(item.slot, { id: item.id, split });
      });
      done += batch.length;
      onBatch(done);
    }
  }
  const sharedGroups = [...groupSplits]
    .filter(([, inSplits]) => inSplits.size > 1)
    .map(([group, inSplits]) => ({
      group,
      splits: splitNames.filter((name) => inSplits.has(name)),
    }))
    .sort((left, right) => (left.group < right.group ? -1 : left.group > right.group ? 1 : 0));
  return {
    threshold: settings.threshold,
    nearDuplicates,
    sharedGroups,
    nearRepeats: near ? 'searched' : 'removed-by-dedupe',
  };
}

/** The check on pairs in memory; for tests and small inputs. */
export async function checkLeakage(
  splits: Readonly<Record<SplitName, readonly ExportablePair[]>>,
  groupOf: ReadonlyMap<string, string>,
  settings: LeakageSettings & Pick<DedupeSettings, 'scope'>,
): Promise<LeakageReport> {
  const texts: string[] = [];
  const similar = new SimilarTexts(settings, settings.indexLimits, () => Promise.resolve([]));
  const items = (pairs: readonly ExportablePair[]): LeakageItem[] =>
    pairs.map((pair) => {
      const text = normalizeForDedupe(dedupeText(pair, settings.scope));
      const slot = texts.push(text) - 1;
      return {
        id: pair.id,
        slot,
        group: groupOf.get(pair.id) ?? `pair:${pair.id}`,
        exactKey: exactKeyOf(text),
        signature: similar.prepare({ slot, text }).signature,
      };
    });
  return leakageOf(
    { train: items(splits.train), validation: items(splits.validation), test: items(splits.test) },
    settings,
    (slots) => Promise.resolve(slots.map((slot) => texts[slot] ?? '')),
  );
}
