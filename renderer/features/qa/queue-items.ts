import { isAllowed } from '../../../shared/model/permissions';
import type { QaPair, QaReviewPolicy, Review } from '../../../shared/model/qa';
import { matchesFilter, pendingAction, type QueueFilter } from '../../../shared/qa/queue';
import type { Actor } from '../../../shared/qa/review-rules';
import { reviewerView, type ReviewerView } from '../../../shared/qa/reviewer-view';
import type { QaAction } from '../../../shared/qa/state';

export interface QueueItem {
  view: ReviewerView;
  /** What this person does with the pair now; null when they may only look at it. */
  action: QaAction | null;
}

/**
 * The review screen's list for one person: the pairs waiting for them (as shared/qa/queue.ts
 * decides), then — for someone who may not review — the pairs the experts are working on, shown
 * so they can follow them and see why they cannot decide. Oldest first within each part.
 */
export function queueItems(
  pairs: readonly QaPair[],
  reviews: readonly Review[],
  viewer: Actor,
  policy: QaReviewPolicy,
  filter: QueueFilter,
): QueueItem[] {
  const byPair = new Map<string, Review[]>();
  for (const review of reviews) {
    const list = byPair.get(review.qaPairId);
    if (list) list.push(review);
    else byPair.set(review.qaPairId, [review]);
  }
  const isLooking = !isAllowed(viewer.role, 'qa:review');
  const waiting: QueueItem[] = [];
  const watching: QueueItem[] = [];
  // Matching computes every pair's tags and sources: skipped when nothing is filtered.
  const isFiltered = Object.values(filter).some((values) => values !== undefined);
  for (const pair of [...pairs].sort(byCreation)) {
    if (isFiltered && !matchesFilter(pair, filter)) continue;
    const own = byPair.get(pair.id) ?? [];
    const action = pendingAction(pair, own, viewer, policy);
    if (action !== null) waiting.push({ view: reviewerView(pair, own, viewer, policy), action });
    else if (isLooking && pair.state === 'in-review') {
      watching.push({ view: reviewerView(pair, own, viewer, policy), action: null });
    }
  }
  return [...waiting, ...watching];
}

/**
 * Ids in the order J and K walk them: pairs decided in this session are left out (id → the
 * version decided on, so a new version of one shows again), pairs skipped go last.
 */
export function walkOrder(
  items: readonly QueueItem[],
  left: ReadonlyMap<string, number>,
  skipped: readonly string[],
): string[] {
  const kept = items
    .map((item) => item.view.pair)
    .filter((pair) => left.get(pair.id) !== pair.version)
    .map((pair) => pair.id);
  if (skipped.length === 0) return kept;
  const isSkipped = new Set(skipped);
  const present = new Set(kept);
  return [...kept.filter((id) => !isSkipped.has(id)), ...skipped.filter((id) => present.has(id))];
}

function byCreation(a: QaPair, b: QaPair): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}
