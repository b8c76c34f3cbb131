/**
 * Which pairs an export takes. By default only approved pairs; every other condition narrows.
 */
import type { ExportablePair } from './exportable';

export interface PairFilter {
  /** States to take; approved only unless asked otherwise. */
  states: readonly string[];
  /** Take a pair when it carries any of these tags (all pairs when empty). */
  anyTags: readonly string[];
  /** Leave out a pair carrying any of these tags. */
  excludeTags: readonly string[];
  /** Take a pair when any of these people approved it (all pairs when empty). */
  reviewerIds: readonly string[];
  /** Approved on or after this day or instant (ISO 8601); a bare date means the whole day. */
  approvedFrom?: string;
  /** Approved on or before this day or instant (ISO 8601); a bare date means the whole day. */
  approvedTo?: string;
  twoExpertOnly: boolean;
}

export const defaultPairFilter: PairFilter = {
  states: ['approved'],
  anyTags: [],
  excludeTags: [],
  reviewerIds: [],
  twoExpertOnly: false,
};

const bareDate = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses a filter that cannot be meant, with a message a person can act on. */
export function checkPairFilter(filter: PairFilter): string[] {
  const problems: string[] = [];
  if (filter.states.length === 0) problems.push('Choose at least one review state.');
  for (const [label, value] of [
    ['from', filter.approvedFrom],
    ['to', filter.approvedTo],
  ] as const)
    if (value !== undefined && Number.isNaN(Date.parse(value)))
      problems.push(`The "${label}" date ${JSON.stringify(value)} is not a date (use YYYY-MM-DD).`);
  if (
    filter.approvedFrom !== undefined &&
    filter.approvedTo !== undefined &&
    lowerBound(filter.approvedFrom) > upperBound(filter.approvedTo)
  )
    problems.push('The "from" date is after the "to" date.');
  return problems;
}

export function matchesFilter(pair: ExportablePair, filter: PairFilter): boolean {
  if (!filter.states.includes(pair.state)) return false;
  if (filter.twoExpertOnly && !pair.isTwoExpert) return false;
  if (filter.anyTags.length > 0 && !filter.anyTags.some((tag) => pair.tags.includes(tag)))
    return false;
  if (filter.excludeTags.some((tag) => pair.tags.includes(tag))) return false;
  if (
    filter.reviewerIds.length > 0 &&
    !filter.reviewerIds.some((reviewer) => pair.reviewerIds.includes(reviewer))
  )
    return false;
  if (filter.approvedFrom !== undefined || filter.approvedTo !== undefined) {
    if (pair.approvedAt === undefined) return false;
    const at = Date.parse(pair.approvedAt);
    if (Number.isNaN(at)) return false;
    if (filter.approvedFrom !== undefined && at < lowerBound(filter.approvedFrom)) return false;
    if (filter.approvedTo !== undefined && at > upperBound(filter.approvedTo)) return false;
  }
  return true;
}

export function filterPairs(
  pairs: Iterable<ExportablePair>,
  filter: PairFilter = defaultPairFilter,
): ExportablePair[] {
  const kept: ExportablePair[] = [];
  for (const pair of pairs) if (matchesFilter(pair, filter)) kept.push(pair);
  return kept;
}

// Bare dates are days in UTC, the zone the app stores instants in.
function lowerBound(value: string): number {
  return Date.parse(bareDate.test(value) ? `${value}T00:00:00.000Z` : value);
}

function upperBound(value: string): number {
  return Date.parse(bareDate.test(value) ? `${value}T23:59:59.999Z` : value);
}
