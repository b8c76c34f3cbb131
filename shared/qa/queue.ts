import {
  originOf,
  tagsOf,
  type QaOrigin,
  type QaPair,
  type QaReviewPolicy,
  type QaState,
  type Review,
} from '../model/qa';
import { evidenceSource } from './evidence';
import { checkTransition, type Actor } from './review-rules';
import { reviewerView, type ReviewerView } from './reviewer-view';
import type { QaAction } from './state';
import { tagKeys } from './tags';

/** Each list narrows the pairs to those matching any of its entries; an absent list keeps all. */
export interface QueueFilter {
  /** Tag keys, as tagKey gives them: `department:泌尿外科`, `tag:PSA`. */
  tags?: readonly string[];
  /** Record sources, scans or import files the pair's evidence comes from (see sourcesOf). */
  sources?: readonly string[];
  states?: readonly QaState[];
  authors?: readonly string[];
  origins?: readonly QaOrigin[];
}

/**
 * By creation time only. Not by last update: a first expert's decision may touch a pair, and an
 * order that moved such pairs would tell the second expert that someone had decided.
 */
export type QueueOrder = 'oldest' | 'newest';

export interface QueueOptions {
  policy: QaReviewPolicy;
  filter?: QueueFilter;
  order?: QueueOrder;
}

/** Where a pair's evidence comes from: record sources, scans and import files. */
export function sourcesOf(pair: QaPair): string[] {
  const sources = pair.evidence.map(evidenceSource);
  if (pair.importedFrom) sources.push(pair.importedFrom.fileName);
  return [...new Set(sources)];
}

export function matchesFilter(pair: QaPair, filter: QueueFilter): boolean {
  const isAny = <T>(wanted: readonly T[] | undefined, has: readonly T[]): boolean =>
    wanted === undefined || wanted.some((entry) => has.includes(entry));
  return (
    isAny(filter.tags, tagKeys(tagsOf(pair))) &&
    isAny(filter.sources, sourcesOf(pair)) &&
    isAny(filter.states, [pair.state]) &&
    isAny(filter.authors, [pair.authorId]) &&
    isAny(filter.origins, [originOf(pair)])
  );
}

/**
 * What a person has to do with a pair now, or null: an expert reviews pairs in review they have
 * not decided on, a lead resolves disputes, an author reworks pairs sent back to them.
 */
export function pendingAction(
  pair: QaPair,
  reviews: readonly Review[],
  viewer: Actor,
  policy: QaReviewPolicy,
): QaAction | null {
  const isPossible = (action: QaAction) =>
    checkTransition({ pair, reviews, actor: viewer, action, policy }).ok;
  if (pair.state === 'in-review' || pair.state === 'disputed') {
    return isPossible('approve') ? 'approve' : null;
  }
  if (pair.state === 'needs-changes' && pair.authorId === viewer.id) {
    return isPossible('edit') ? 'edit' : null;
  }
  return null;
}

/**
 * A person's queue: the pairs waiting for them, filtered and ordered, each as that person may
 * see it (blind under the two-expert rule).
 */
export function reviewQueue(
  pairs: readonly QaPair[],
  reviews: readonly Review[],
  viewer: Actor,
  options: QueueOptions,
): ReviewerView[] {
  const byPair = groupByPair(reviews);
  const filter = options.filter ?? {};
  const direction = options.order === 'newest' ? -1 : 1;
  return pairs
    .filter((pair) => matchesFilter(pair, filter))
    .filter((pair) => pendingAction(pair, byPair.get(pair.id) ?? [], viewer, options.policy))
    .sort((a, b) => direction * (compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)))
    .map((pair) => reviewerView(pair, byPair.get(pair.id) ?? [], viewer, options.policy));
}

/**
 * J (next) and K (previous) through a queue. Without a current pair, or with one no longer in
 * the queue, J goes to the first pair and K to the last; at either end the cursor stays.
 */
export function moveInQueue(
  ids: readonly string[],
  currentId: string | null,
  direction: 'next' | 'previous',
): string | null {
  if (ids.length === 0) return null;
  const index = currentId === null ? -1 : ids.indexOf(currentId);
  if (index === -1) return direction === 'next' ? ids[0]! : ids.at(-1)!;
  const target =
    direction === 'next' ? Math.min(index + 1, ids.length - 1) : Math.max(index - 1, 0);
  return ids[target]!;
}

/**
 * The pair to show after the current one left the queue (it was decided): the first pair after
 * it that is still queued, else the nearest one before it, else whatever is queued.
 */
export function nextAfterLeaving(
  before: readonly string[],
  after: readonly string[],
  leftId: string,
): string | null {
  const remaining = new Set(after);
  const index = before.indexOf(leftId);
  if (index !== -1) {
    const following = before.slice(index + 1).find((id) => remaining.has(id));
    if (following !== undefined) return following;
    const preceding = before
      .slice(0, index)
      .reverse()
      .find((id) => remaining.has(id));
    if (preceding !== undefined) return preceding;
  }
  return after[0] ?? null;
}

function groupByPair(reviews: readonly Review[]): Map<string, Review[]> {
  const byPair = new Map<string, Review[]>();
  for (const review of reviews) {
    const list = byPair.get(review.qaPairId);
    if (list) list.push(review);
    else byPair.set(review.qaPairId, [review]);
  }
  return byPair;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
