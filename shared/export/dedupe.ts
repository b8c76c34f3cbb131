/**
 * Drops repeated pairs before splitting: exact repeats (same text once normalized) and near
 * repeats (MinHash candidates confirmed by exact Jaccard similarity of character shingles). Every
 * drop is reported with the pair it repeats and how similar they are.
 */
import {
  NearDuplicateIndex,
  defaultIndexLimits,
  defaultNearDuplicateSettings,
  jaccardOfSorted,
  normalizeForDedupe,
  shingleSet,
  type Banding,
  type IndexLimits,
  type NearDuplicateSettings,
  type Signature,
} from '../text/near-duplicate';
import type { ExportablePair } from './exportable';

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

export interface DedupeResult {
  kept: ExportablePair[];
  report: DedupeReport;
  /** MinHash signatures of the kept pairs (near dedupe only), for the leakage check to reuse. */
  signatures: Map<string, Signature>;
}

/**
 * Which of two repeats to keep: the better-reviewed one (two experts, then more approvals), then
 * the earlier approved, then the smaller id — so the choice does not depend on input order.
 */
export function comparePreference(left: ExportablePair, right: ExportablePair): number {
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

export function dedupePairs(
  pairs: readonly ExportablePair[],
  settings: DedupeSettings = defaultDedupeSettings,
): DedupeResult {
  const ordered = [...pairs].sort(comparePreference);
  const kept: ExportablePair[] = [];
  const dropped: DroppedPair[] = [];
  const exactKeys = new Map<string, string>();
  const index = settings.near
    ? new NearDuplicateIndex<string>(settings, settings.indexLimits)
    : null;
  const keptTexts = new Map<string, string>();
  const signatures = new Map<string, Signature>();
  const shinglesOf = lazyShingles((key) => keptTexts.get(key), settings.shingleSize);

  for (const pair of ordered) {
    const text = normalizeForDedupe(dedupeText(pair, settings.scope));
    if (settings.exact) {
      const keptId = exactKeys.get(text);
      if (keptId !== undefined) {
        dropped.push({ id: pair.id, keptId, reason: 'exact', similarity: 1 });
        continue;
      }
    }
    if (index) {
      const signature = index.signatureOf(text);
      const match = closestConfirmed(
        index,
        signature,
        () => shingleSet(text, settings.shingleSize),
        shinglesOf,
        settings.threshold,
      );
      if (match) {
        dropped.push({
          id: pair.id,
          keptId: match.id,
          reason: 'near',
          similarity: match.similarity,
        });
        continue;
      }
      index.addSignature(pair.id, signature);
      keptTexts.set(pair.id, text);
      signatures.set(pair.id, signature);
    }
    exactKeys.set(text, pair.id);
    kept.push(pair);
  }
  return {
    kept,
    report: { settings: { ...settings, banding: index?.banding ?? null }, dropped },
    signatures,
  };
}

/**
 * Shingle sets made when first needed and kept: only pairs that turn up as candidates are ever
 * shingled, and none twice.
 */
export function lazyShingles(
  textOf: (key: string) => string | undefined,
  shingleSize: number,
): (key: string) => Uint32Array | undefined {
  const made = new Map<string, Uint32Array>();
  return (key) => {
    const cached = made.get(key);
    if (cached) return cached;
    const text = textOf(key);
    if (text === undefined) return undefined;
    const set = shingleSet(text, shingleSize);
    made.set(key, set);
    return set;
  };
}

// MinHash estimates have a standard error of about 0.05 near 0.8 at 64 hashes: candidates
// estimated more than two errors below the threshold are not worth an exact comparison, and a
// handful of the best estimates is enough to find the closest kept pair.
const estimateSlack = 0.1;
const maxVerified = 16;

/**
 * The indexed item most similar to `text` by exact Jaccard, among the candidates `shinglesOf`
 * knows (it returns undefined to skip one), when it reaches the threshold. Ties go to the smaller
 * key.
 */
export function closestConfirmed(
  index: NearDuplicateIndex<string>,
  signature: Signature,
  mineOf: () => Uint32Array,
  shinglesOf: (key: string) => Uint32Array | undefined,
  threshold: number,
): { id: string; similarity: number } | null {
  let best: { id: string; similarity: number } | null = null;
  let mine: Uint32Array | null = null;
  let verified = 0;
  for (const { key, estimate } of index.candidates(signature)) {
    if (estimate < threshold - estimateSlack || verified >= maxVerified) break;
    const other = shinglesOf(key);
    if (!other) continue;
    verified++;
    mine ??= mineOf();
    const similarity = jaccardOfSorted(mine, other);
    if (similarity < threshold) continue;
    if (!best || similarity > best.similarity || (similarity === best.similarity && key < best.id))
      best = { id: key, similarity };
  }
  return best;
}
