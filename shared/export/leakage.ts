/**
 * The check an ML engineer would run before trusting a split: does any text in validation or test
 * repeat (nearly) a text in another split, and does any group straddle two splits? Grouped splits
 * rule out the second by construction; the check proves it on the files' actual contents.
 */
import {
  NearDuplicateIndex,
  normalizeForDedupe,
  shingleSet,
  type NearDuplicateSettings,
  type Signature,
} from '../text/near-duplicate';
import { closestConfirmed, dedupeText, lazyShingles, type DedupeSettings } from './dedupe';
import type { ExportablePair } from './exportable';
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
}

export function checkLeakage(
  splits: Readonly<Record<SplitName, readonly ExportablePair[]>>,
  groupOf: ReadonlyMap<string, string>,
  settings: NearDuplicateSettings & Pick<DedupeSettings, 'scope' | 'indexLimits'>,
  /** Signatures already made with these same settings (by dedupe), so none is made twice. */
  knownSignatures: ReadonlyMap<string, Signature> = new Map(),
): LeakageReport {
  const index = new NearDuplicateIndex<string>(settings, settings.indexLimits);
  const texts = new Map<string, { text: string; split: SplitName }>();
  const shinglesOf = new Map<SplitName, (key: string) => Uint32Array | undefined>(
    splitNames.map((split) => [
      split,
      lazyShingles((key) => {
        const other = texts.get(key);
        return other && other.split !== split ? other.text : undefined;
      }, settings.shingleSize),
    ]),
  );
  const nearDuplicates: LeakedPair[] = [];
  // Exact repeats are found by their text, not left to the index, whose buckets are bounded.
  const firstWithText = new Map<string, { id: string; split: SplitName }>();
  const groupSplits = new Map<string, Set<SplitName>>();

  for (const split of splitNames) {
    for (const pair of splits[split]) {
      const group = groupOf.get(pair.id) ?? `pair:${pair.id}`;
      const splitsOfGroup = groupSplits.get(group) ?? new Set<SplitName>();
      splitsOfGroup.add(split);
      groupSplits.set(group, splitsOfGroup);

      const text = normalizeForDedupe(dedupeText(pair, settings.scope));
      const known = knownSignatures.get(pair.id);
      const signature =
        known && known.length === settings.numHashes ? known : index.signatureOf(text);
      const same = firstWithText.get(text);
      if (!same) firstWithText.set(text, { id: pair.id, split });
      // Train comes first: it has no earlier split to leak from, so it is only indexed.
      const match =
        split === 'train'
          ? null
          : same && same.split !== split
            ? { id: same.id, similarity: 1 }
            : closestConfirmed(
                index,
                signature,
                () => shingleSet(text, settings.shingleSize),
                (key) => shinglesOf.get(split)?.(key),
                settings.threshold,
              );
      const otherSplit = match ? texts.get(match.id)?.split : undefined;
      if (match && otherSplit)
        nearDuplicates.push({
          id: pair.id,
          split,
          otherId: match.id,
          otherSplit,
          similarity: match.similarity,
        });
      index.addSignature(pair.id, signature);
      texts.set(pair.id, { text, split });
    }
  }

  const sharedGroups = [...groupSplits]
    .filter(([, inSplits]) => inSplits.size > 1)
    .map(([group, inSplits]) => ({
      group,
      splits: splitNames.filter((name) => inSplits.has(name)),
    }))
    .sort((left, right) => (left.group < right.group ? -1 : left.group > right.group ? 1 : 0));
  return { threshold: settings.threshold, nearDuplicates, sharedGroups };
}
