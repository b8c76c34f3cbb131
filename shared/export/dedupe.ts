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
import { SimilarTexts, textHasher, type Lookup } from './similar-texts';

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
}

/** Exact keys and signatures of every pair by slot, made in whatever order the pairs were read. */
export interface PairHashes {
  exactKeys: Float64Array;
  signatures: (Signature | undefined)[];
}

const decideBatch = 500;

/**
 * Goes through the pairs in preference order (`ids`) and drops each one that repeats a pair kept
 * before it, using hashes made beforehand: texts are read back (`load`, by slot) only for pairs
 * that have a near candidate, to confirm it by exact Jaccard similarity.
 */
export async function dedupeOrdered(
  ids: readonly string[],
  hashes: PairHashes,
  settings: DedupeSettings,
  load: (slots: readonly number[]) => Promise<readonly string[]>,
  onBatch: (done: number) => void = () => undefined,
): Promise<DedupePass> {
  const similar = new SimilarTexts(settings, settings.indexLimits, load);
  const kept = new Uint8Array(ids.length);
  const dropped: DroppedPair[] = [];
  for (let start = 0; start < ids.length; start += decideBatch) {
    const lookups: Lookup[] = [];
    for (let slot = start; slot < Math.min(ids.length, start + decideBatch); slot++)
      lookups.push({
        slot,
        text: null,
        exactKey: hashes.exactKeys[slot] ?? 0,
        signature: hashes.signatures[slot] ?? new Uint32Array(0),
      });
    if (settings.near) await similar.fetchCandidates(lookups);
    for (const lookup of lookups) {
      const match = similar.match(lookup, settings);
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
      similar.add(lookup);
    }
    onBatch(Math.min(ids.length, start + decideBatch));
  }
  return { kept, dropped, banding: settings.near ? similar.index.banding : null };
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
  const texts = ordered.map((pair) => normalizeForDedupe(dedupeText(pair, settings.scope)));
  const hashOf = textHasher(settings);
  const hashes: PairHashes = { exactKeys: new Float64Array(texts.length), signatures: [] };
  texts.forEach((text, slot) => {
    const { exactKey, signature } = hashOf(text);
    hashes.exactKeys[slot] = exactKey;
    hashes.signatures[slot] = signature;
  });
  const pass = await dedupeOrdered(
    ordered.map((pair) => pair.id),
    hashes,
    settings,
    (slots) => Promise.resolve(slots.map((slot) => texts[slot] ?? '')),
  );
  return {
    kept: ordered.filter((_, slot) => pass.kept[slot] === 1),
    report: { settings: { ...settings, banding: pass.banding }, dropped: pass.dropped },
  };
}
