import type { QaPair, QaReviewPolicy, Review } from '../model/qa';
import { currentRound, type Actor } from './review-rules';

/** What one person is shown of a pair and its reviews. */
export interface ReviewerView {
  pair: QaPair;
  /** The decisions this person may see, oldest first. */
  reviews: Review[];
  /** This person's own decision on the current version, when they have made one. */
  ownDecision: Review | null;
}

/**
 * A pair as one person may see it. Under the two-expert rule the reviews are blind: while a pair
 * is in review, decisions on its current version are shown only to whoever made them, so the
 * second expert cannot be swayed by the first, and nobody else can pass the first decision on.
 * Once the round closes (approved, rejected, disputed, sent back) everything is shown, and
 * decisions on earlier versions always are: those rounds are over.
 */
export function reviewerView(
  pair: QaPair,
  reviews: readonly Review[],
  viewer: Actor,
  policy: QaReviewPolicy,
): ReviewerView {
  const own = reviews.filter((review) => review.qaPairId === pair.id);
  const round = new Set(currentRound(pair, own));
  const isBlind = policy.isTwoExpertRule && pair.state === 'in-review';
  const visible = own
    .filter((review) => !isBlind || !round.has(review) || review.reviewerId === viewer.id)
    .sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
  const ownDecision = [...round].find((review) => review.reviewerId === viewer.id) ?? null;
  return { pair, reviews: visible, ownDecision };
}

/** The two experts' decisions a lead resolves: the current version's reviews of a disputed pair. */
export function disputeOf(pair: QaPair, reviews: readonly Review[]): Review[] {
  if (pair.state !== 'disputed') return [];
  return currentRound(pair, reviews).sort((a, b) => compareText(a.at, b.at));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
