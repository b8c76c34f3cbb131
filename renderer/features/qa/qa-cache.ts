import type { QaPair, Review } from '../../../shared/model/qa';

/**
 * A project's pairs and reviews as last read, brought up to date with only what changed since.
 * Reading ten thousand pairs again after every decision takes a third of a second on the main
 * thread (structured clone, garbage, the live query's bookkeeping), long enough to hold up the
 * reviewer's next key; reading the few that changed takes a millisecond.
 */
export class QaCache {
  readonly projectId: string;
  /** Ask for pairs changed, and reviews made, at or after these times (ISO; '' for all). */
  pairsSince = '';
  reviewsSince = '';
  private readonly pairs = new Map<string, QaPair>();
  private readonly reviews = new Map<string, Review>();

  constructor(projectId: string) {
    this.projectId = projectId;
  }

  /**
   * Takes in what changed and gives the whole project. Reviews of other projects' pairs are left
   * out; rows read twice (they changed in the millisecond the last read ended) count once.
   */
  merge(
    changedPairs: readonly QaPair[],
    newReviews: readonly Review[],
  ): { pairs: QaPair[]; reviews: Review[] } {
    for (const pair of changedPairs) {
      if (pair.projectId !== this.projectId) continue;
      this.pairs.set(pair.id, pair);
      if (pair.updatedAt > this.pairsSince) this.pairsSince = pair.updatedAt;
    }
    for (const review of newReviews) {
      if (review.at > this.reviewsSince) this.reviewsSince = review.at;
      if (this.pairs.has(review.qaPairId)) this.reviews.set(review.id, review);
    }
    return {
      pairs: [...this.pairs.values()],
      reviews: [...this.reviews.values()].sort(
        (a, b) => compareText(a.at, b.at) || compareText(a.id, b.id),
      ),
    };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
