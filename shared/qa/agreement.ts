import { reviewKindOf, type Review, type ReviewDecision } from '../model/qa';

export interface Kappa {
  /** Items both raters rated. */
  n: number;
  /** Share of items on which they agree. */
  observed: number;
  /** Share of agreement expected by chance from each rater's own category shares. */
  expected: number;
  /**
   * Cohen's kappa, (observed − expected) / (1 − expected). Null when it is undefined: no items,
   * or both raters put every item in the same single category (expected = 1).
   */
  kappa: number | null;
}

/**
 * Cohen's kappa from a square table of counts: table[i][j] items rated i by the first rater and
 * j by the second (Cohen, "A coefficient of agreement for nominal scales", 1960).
 */
export function kappaFromTable(table: readonly (readonly number[])[]): Kappa {
  const size = table.length;
  if (table.some((row) => row.length !== size)) throw new RangeError('The table must be square.');
  let n = 0;
  let agreed = 0;
  const rows = new Array<number>(size).fill(0);
  const columns = new Array<number>(size).fill(0);
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`Cell [${i}][${j}] holds ${count}, not a count.`);
      }
      n += count;
      rows[i]! += count;
      columns[j]! += count;
      if (i === j) agreed += count;
    }),
  );
  if (n === 0) return { n: 0, observed: 0, expected: 0, kappa: null };
  const observed = agreed / n;
  const expected = rows.reduce((sum, row, i) => sum + row * columns[i]!, 0) / (n * n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa };
}

/** Cohen's kappa over pairs of ratings, each rating one of `categories`. */
export function cohensKappa<C extends string>(
  ratings: readonly (readonly [C, C])[],
  categories: readonly C[],
): Kappa {
  const index = new Map(categories.map((category, position) => [category, position]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [first, second] of ratings) {
    const i = index.get(first);
    const j = index.get(second);
    if (i === undefined || j === undefined) {
      throw new RangeError(`"${i === undefined ? first : second}" is not one of the categories.`);
    }
    table[i]![j]!++;
  }
  return kappaFromTable(table);
}

export const threeDecisions: readonly ReviewDecision[] = ['approve', 'reject', 'request-changes'];
export type ApprovalCategory = 'approve' | 'not-approve';
export const approvalCategories: readonly ApprovalCategory[] = ['approve', 'not-approve'];

export function approvalOf(decision: ReviewDecision): ApprovalCategory {
  return decision === 'approve' ? 'approve' : 'not-approve';
}

export interface ReviewerAgreement {
  /** The two reviewers, in sorted order. */
  reviewers: [string, string];
  /** Pairs both reviewed. */
  n: number;
  /** Approve vs not approve. */
  approval: Kappa;
  /** Approve, reject, request changes. */
  decisions: Kappa;
}

/**
 * Agreement between every two experts over the pairs both reviewed. Where they reviewed a pair
 * more than once (it was edited and came back), the latest version both decided on counts, so
 * each pair counts once. Leads' resolutions are not reviews and are left out.
 */
export function agreementSummary(reviews: readonly Review[]): ReviewerAgreement[] {
  // pair → version → reviewer → decision (the latest, if one somehow decided twice)
  const decided = new Map<string, Map<number, Map<string, Review>>>();
  for (const review of reviews) {
    if (reviewKindOf(review) !== 'review') continue;
    const versions = getOrCreate(
      decided,
      review.qaPairId,
      () => new Map<number, Map<string, Review>>(),
    );
    const reviewers = getOrCreate(versions, review.pairVersion, () => new Map<string, Review>());
    const earlier = reviewers.get(review.reviewerId);
    if (!earlier || earlier.at <= review.at) reviewers.set(review.reviewerId, review);
  }

  const byReviewers = new Map<string, ReviewerRatings>();
  for (const versions of decided.values()) {
    // Later versions overwrite earlier ones, so each two reviewers keep their latest shared one.
    const latestTogether = new Map<string, ReviewerRatings>();
    for (const version of [...versions.keys()].sort((a, b) => a - b)) {
      const byReviewer = [...versions.get(version)!.values()].sort((a, b) =>
        compareText(a.reviewerId, b.reviewerId),
      );
      byReviewer.forEach((first, i) => {
        for (const second of byReviewer.slice(i + 1)) {
          latestTogether.set(`${first.reviewerId}\u0000${second.reviewerId}`, {
            reviewers: [first.reviewerId, second.reviewerId],
            ratings: [[first.decision, second.decision]],
          });
        }
      });
    }
    for (const [key, { reviewers, ratings }] of latestTogether) {
      getOrCreate(byReviewers, key, () => ({ reviewers, ratings: [] })).ratings.push(...ratings);
    }
  }

  return [...byReviewers.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, { reviewers, ratings }]) => ({
      reviewers,
      n: ratings.length,
      approval: cohensKappa(
        ratings.map(([a, b]) => [approvalOf(a), approvalOf(b)] as const),
        approvalCategories,
      ),
      decisions: cohensKappa(ratings, threeDecisions),
    }));
}

interface ReviewerRatings {
  reviewers: [string, string];
  ratings: [ReviewDecision, ReviewDecision][];
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
