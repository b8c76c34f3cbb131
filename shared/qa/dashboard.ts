import { reviewKindOf, tagsOf, type QaPair, type QaState, type Review } from '../model/qa';
import { tagKeys } from './tags';

export type StateCounts = Record<QaState, number>;

export interface ReviewerCounts {
  reviewerId: string;
  approve: number;
  reject: number;
  requestChanges: number;
  /** Experts' reviews; a lead's resolutions are counted apart. */
  reviews: number;
  resolutions: number;
}

export interface TagCounts {
  /** As tagKey gives it: `department:泌尿外科`, `tag:PSA`. */
  tag: string;
  total: number;
  byState: StateCounts;
}

export interface DayCounts {
  /** YYYY-MM-DD in the time zone asked for. */
  day: string;
  created: number;
  /** Reviews and resolutions made that day. */
  decisions: number;
  /** Pairs whose final approval came that day. */
  approved: number;
}

export interface Dashboard {
  total: number;
  byState: StateCounts;
  byReviewer: ReviewerCounts[];
  /** Most used tags first. */
  byTag: TagCounts[];
  untagged: number;
  /** Every day from the first to the last with activity, quiet days included, for a chart. */
  perDay: DayCounts[];
}

export interface DashboardOptions {
  /** Minutes east of UTC of the days to count in (China: 480); UTC when absent. */
  utcOffsetMinutes?: number;
}

/** A project's progress from its pairs and their reviews. */
export function dashboard(
  pairs: readonly QaPair[],
  reviews: readonly Review[],
  options: DashboardOptions = {},
): Dashboard {
  const dayOf = (iso: string) =>
    new Date(Date.parse(iso) + (options.utcOffsetMinutes ?? 0) * 60_000).toISOString().slice(0, 10);
  const byState = emptyStateCounts();
  const byTag = new Map<string, TagCounts>();
  let untagged = 0;
  const days = new Map<string, DayCounts>();
  const day = (iso: string): DayCounts => {
    const key = dayOf(iso);
    let counts = days.get(key);
    if (!counts) {
      counts = { day: key, created: 0, decisions: 0, approved: 0 };
      days.set(key, counts);
    }
    return counts;
  };

  for (const pair of pairs) {
    byState[pair.state]++;
    day(pair.createdAt).created++;
    const keys = tagKeys(tagsOf(pair));
    if (keys.length === 0) untagged++;
    for (const key of keys) {
      let counts = byTag.get(key);
      if (!counts) {
        counts = { tag: key, total: 0, byState: emptyStateCounts() };
        byTag.set(key, counts);
      }
      counts.total++;
      counts.byState[pair.state]++;
    }
  }

  const byReviewer = new Map<string, ReviewerCounts>();
  const finalApproval = new Map<string, string>();
  for (const review of reviews) {
    day(review.at).decisions++;
    let counts = byReviewer.get(review.reviewerId);
    if (!counts) {
      counts = {
        reviewerId: review.reviewerId,
        approve: 0,
        reject: 0,
        requestChanges: 0,
        reviews: 0,
        resolutions: 0,
      };
      byReviewer.set(review.reviewerId, counts);
    }
    if (review.decision === 'approve') counts.approve++;
    else if (review.decision === 'reject') counts.reject++;
    else counts.requestChanges++;
    if (reviewKindOf(review) === 'resolution') counts.resolutions++;
    else counts.reviews++;
    if (review.decision === 'approve') {
      const latest = finalApproval.get(review.qaPairId);
      if (latest === undefined || latest < review.at) finalApproval.set(review.qaPairId, review.at);
    }
  }
  // An approved pair's last approving decision is the one that approved it, in either mode.
  for (const pair of pairs) {
    const at = pair.state === 'approved' ? finalApproval.get(pair.id) : undefined;
    if (at !== undefined) day(at).approved++;
  }

  return {
    total: pairs.length,
    byState,
    byReviewer: [...byReviewer.values()].sort((a, b) => compareText(a.reviewerId, b.reviewerId)),
    byTag: [...byTag.values()].sort((a, b) => b.total - a.total || compareText(a.tag, b.tag)),
    untagged,
    perDay: fillDays(days),
  };
}

function fillDays(days: Map<string, DayCounts>): DayCounts[] {
  const keys = [...days.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (first === undefined || last === undefined) return [];
  const filled: DayCounts[] = [];
  for (let time = Date.parse(first); ; time += 86_400_000) {
    const key = new Date(time).toISOString().slice(0, 10);
    filled.push(days.get(key) ?? { day: key, created: 0, decisions: 0, approved: 0 });
    if (key === last) return filled;
  }
}

function emptyStateCounts(): StateCounts {
  return {
    draft: 0,
    'in-review': 0,
    disputed: 0,
    approved: 0,
    rejected: 0,
    'needs-changes': 0,
  } satisfies StateCounts;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
