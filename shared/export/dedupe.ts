/**
 * Drops repeated pairs before splitting: exact repeats (same text once normalized) and near
 * repeats (MinHash candidates confirmed by exact Jaccard similarity of character shingles). Every
 * drop is reported with the pair it repeats and how similar they are.
 */
import {
  defaultIndexLimits,
  defaultNearDuplicateSettings,
  normalizeForDedupe,
  type Banding,
  type IndexLimits,
  type NearDuplicateSettings,
  type Signature,
} from '../text/near-duplicate';
import type { ExportablePair } from './exportable';
import { arraySource, readInBatches } from './pair-source';
import { SimilarTexts, type Lookup } from './similar-texts';

export interface DedupeSettings extends NearDuplicateSettings {
  exact: boolean;
  near: boolean;
  /** Compare question and answer together, or the question alone. */
  scope: 'pair' | 'question';
  /** How much of the LSH index a query may scan; see `IndexLimits`. */
  indexLimits: IndexLimits;
}

export const defaultDedupeSettings: DedupeSettings = {
  ...defaultNearDuplicateSettings,
  exact: true,
  near: true,
  scope: 'pair',
  indexLimits: defaultIndexLimits,
};

export interface DroppedPair {
  id: string;
  /** The pair that was kept in its place. */
  keptId: string;
  reason: 'exact' | 'near';
  /** Jaccard similarity of the two texts' shingles (1 for exact repeats). */
  similarity: number;
}

export interface DedupeReport {
  settings: DedupeSettings & { banding: Banding | null };
  dropped: DroppedPair[];
}

/**
 * Which of two repeats to keep: the better-reviewed one (two experts, then more approvals), then
 * the earlier approved, then the smaller id — so the choice does not depend on input order.
 */
/** What decides which of two repeats is kept. */
export type Preference = Pick<ExportablePair, 'id' | 'isTwoExpert' | 'reviewerIds' | 'approvedAt'>;

export function comparePreference(left: Preference, right: Preference): number {
  if (left.isTwoExpert !== right.isTwoExpert) return left.isTwoExpert ? -1 : 1;
  if (left.reviewerIds.length !== right.reviewerIds.length)
    return right.reviewerIds.length - left.reviewerIds.length;
  const leftAt = left.approvedAt ?? '\uffff';
  const rightAt = right.approvedAt ?? '\uffff';
  if (leftAt !== rightAt) return leftAt < rightAt ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

export function dedupeText(pair: ExportablePair, scope: DedupeSettings['scope']): string {
  return scope === 'question' ? pair.question : `${pair.question}\n${pair.answer}`;
}

/** What the dedupe pass leaves for the passes after it, by slot (position in preference order). */
export interface DedupePass {
  /** 1 where the pair is kept. */
  kept: Uint8Array;
  dropped: DroppedPair[];
  banding: Banding | null;
  /** Signature and exact key of every kept pair, for the leakage check. */
  signatures: (Signature | undefined)[];
  exactKeys: Float64Array;
}

/**
 * Goes through the pairs in preference order (`ids`), a batch of normal-form texts at a time, and
 * drops each one that repeats a pair kept before it. With `settings` null nothing is dropped, but
 * signatures are still made for the leakage check. `load` reads kept texts back by slot.
 */
export async function dedupeOrdered(
  ids: readonly string[],
  batches: AsyncIterable<readonly string[]>,
  settings: DedupeSettings | null,
  load: (slots: readonly number[]) => Promise<readonly string[]>,
  onBatch: (done: number) => void = () => undefined,
): Promise<DedupePass> {
  const near = settings ?? defaultDedupeSettings;
  const similar = new SimilarTexts(near, near.indexLimits, load);
  const kept = new Uint8Array(ids.length);
  const signatures: (Signature | undefined)[] = new Array<Signature | undefined>(ids.length);
  const exactKeys = new Float64Array(ids.length);
  const dropped: DroppedPair[] = [];
  const matching = { exact: settings?.exact ?? false, near: settings?.near ?? false };
  let slot = 0;
  for await (const texts of batches) {
    const lookups: Lookup[] = texts.map((text) => similar.prepare({ slot: slot++, text }));
    if (matching.near) await similar.fetchCandidates(lookups);
    for (const lookup of lookups) {
      const match = settings ? similar.match(lookup, matching) : null;
      if (match) {
        dropped.push({
          id: ids[lookup.slot] ?? '',
          keptId: ids[match.slot] ?? '',
          reason: match.isExact ? 'exact' : 'near',
          similarity: match.similarity,
        });
        continue;
      }
      kept[lookup.slot] = 1;
      signatures[lookup.slot] = lookup.signature;
      exactKeys[lookup.slot] = lookup.exactKey;
      similar.add(lookup);
    }
    onBatch(slot);
  }
  return {
    kept,
    dropped,
    banding: settings?.near ? similar.index.banding : null,
    signatures,
    exactKeys,
  };
}

export interface DedupeResult {
  kept: ExportablePair[];
  report: DedupeReport;
}

/** Dedupe of pairs in memory, as the export runs it; for tests and small inputs. */
export async function dedupePairs(
  pairs: readonly ExportablePair[],
  settings: DedupeSettings = defaultDedupeSettings,
): Promise<DedupeResult> {
  const ordered = [...pairs].sort(comparePreference);
  const textOf = (pair: ExportablePair) => normalizeForDedupe(dedupeText(pair, settings.scope));
  const ids = ordered.map((pair) => pair.id);
  async function* batches() {
    for await (const batch of readInBatches(arraySource(ordered), ids)) yield batch.map(textOf);
  }
  const pass = await dedupeOrdered(ids, batches(), settings, (slots) =>
    Promise.resolve(slots.map((slot) => textOf(ordered[slot] as ExportablePair))),
  );
  return {
    kept: ordered.filter((_, slot) => pass.kept[slot] === 1),
    report: { settings: { ...settings, banding: pass.banding }, dropped: pass.dropped },
  };
}
