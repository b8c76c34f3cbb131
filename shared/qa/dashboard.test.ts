import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qaStates, type QaPair, type Review } from '../model/qa';
import { dashboard } from './dashboard';
import { pairOf, reviewOf } from './test-support';

const pairs: QaPair[] = [
  pairOf({
    id: 'qa-1',
    state: 'approved',
    createdAt: '2025-03-01T02:00:00Z',
    tags: { department: '血液科', free: ['贫血'] },
  }),
  pairOf({
    id: 'qa-2',
    state: 'approved',
    createdAt: '2025-03-01T20:00:00Z',
    tags: { department: '血液科', free: [] },
  }),
  pairOf({
    id: 'qa-3',
    state: 'rejected',
    createdAt: '2025-03-02T01:00:00Z',
    tags: { department: '泌尿外科', free: ['PSA'] },
  }),
  pairOf({ id: 'qa-4', state: 'in-review', createdAt: '2025-03-04T01:00:00Z' }),
  pairOf({
    id: 'qa-5',
    state: 'disputed',
    createdAt: '2025-03-04T02:00:00Z',
    tags: { free: ['贫血'] },
  }),
];
const reviews: Review[] = [
  // Two-expert approval of qa-1: the second approval, on 3 March, approves it.
  reviewOf('qa-1', 'expert-a', 'approve', { at: '2025-03-02T10:00:00Z' }),
  reviewOf('qa-1', 'expert-b', 'approve', { at: '2025-03-03T10:00:00Z' }),
  // qa-2: a dispute a lead resolved on 4 March (Beijing), 3 March UTC.
  reviewOf('qa-2', 'expert-a', 'approve', { at: '2025-03-02T11:00:00Z' }),
  reviewOf('qa-2', 'expert-b', 'reject', { at: '2025-03-02T12:00:00Z' }),
  reviewOf('qa-2', 'lead', 'approve', { at: '2025-03-03T18:00:00Z', kind: 'resolution' }),
  reviewOf('qa-3', 'expert-a', 'reject', { at: '2025-03-02T13:00:00Z' }),
  reviewOf('qa-3', 'expert-b', 'request-changes', { at: '2025-03-02T14:00:00Z', pairVersion: 2 }),
  reviewOf('qa-5', 'expert-a', 'approve', { at: '2025-03-04T03:00:00Z' }),
  reviewOf('qa-5', 'expert-b', 'reject', { at: '2025-03-04T04:00:00Z' }),
];

describe('dashboard', () => {
  const result = dashboard(pairs, reviews);

  it('counts pairs per state', () => {
    expect(result.total).toBe(5);
    expect(result.byState).toEqual({
      draft: 0,
      'in-review': 1,
      disputed: 1,
      approved: 2,
      rejected: 1,
      'needs-changes': 0,
    });
  });

  it('counts decisions per reviewer, resolutions apart', () => {
    expect(result.byReviewer).toEqual([
      {
        reviewerId: 'expert-a',
        approve: 3,
        reject: 1,
        requestChanges: 0,
        reviews: 4,
        resolutions: 0,
      },
      {
        reviewerId: 'expert-b',
        approve: 1,
        reject: 2,
        requestChanges: 1,
        reviews: 4,
        resolutions: 0,
      },
      { reviewerId: 'lead', approve: 1, reject: 0, requestChanges: 0, reviews: 0, resolutions: 1 },
    ]);
  });

  it('counts pairs per tag and state, most used first', () => {
    expect(result.byTag.map((entry) => [entry.tag, entry.total])).toEqual([
      ['department:血液科', 2],
      ['tag:贫血', 2],
      ['department:泌尿外科', 1],
      ['tag:PSA', 1],
    ]);
    expect(result.byTag[1]!.byState).toMatchObject({ approved: 1, disputed: 1 });
    expect(result.untagged).toBe(1);
  });

  it('gives throughput per day in UTC, quiet days included', () => {
    expect(result.perDay).toEqual([
      { day: '2025-03-01', created: 2, decisions: 0, approved: 0 },
      { day: '2025-03-02', created: 1, decisions: 5, approved: 0 },
      { day: '2025-03-03', created: 0, decisions: 2, approved: 2 },
      { day: '2025-03-04', created: 2, decisions: 2, approved: 0 },
    ]);
  });

  it('counts days in the time zone asked for', () => {
    const beijing = dashboard(pairs, reviews, { utcOffsetMinutes: 480 }).perDay;
    expect(beijing.map((entry) => [entry.day, entry.created, entry.approved])).toEqual([
      ['2025-03-01', 1, 0],
      ['2025-03-02', 2, 0],
      ['2025-03-03', 0, 1],
      ['2025-03-04', 2, 1],
    ]);
  });

  it('is empty for a project without pairs', () => {
    expect(dashboard([], [])).toMatchObject({
      total: 0,
      byReviewer: [],
      byTag: [],
      untagged: 0,
      perDay: [],
    });
  });

  it('keeps its totals consistent for any pairs and reviews', () => {
    const pair = fc.record({
      state: fc.constantFrom(...qaStates),
      createdAt: fc.date({
        min: new Date('2025-01-01'),
        max: new Date('2025-03-01'),
        noInvalidDate: true,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 30 }),
        fc.nat({ max: 40 }),
        (entries, reviewCount) => {
          const generated = entries.map((entry, index) =>
            pairOf({
              id: `qa-${index}`,
              state: entry.state,
              createdAt: entry.createdAt.toISOString(),
            }),
          );
          const generatedReviews = Array.from({ length: reviewCount }, (_, index) =>
            reviewOf(
              `qa-${index % Math.max(1, entries.length)}`,
              `expert-${index % 3}`,
              'approve',
              {
                id: `r-${index}`,
                at: new Date(Date.UTC(2025, 1, 1 + (index % 20))).toISOString(),
              },
            ),
          );
          const summary = dashboard(generated, generatedReviews);
          const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
          expect(sum(Object.values(summary.byState))).toBe(entries.length);
          expect(sum(summary.perDay.map((entry) => entry.created))).toBe(entries.length);
          expect(sum(summary.perDay.map((entry) => entry.decisions))).toBe(reviewCount);
          expect(sum(summary.byReviewer.map((entry) => entry.reviews))).toBe(reviewCount);
          for (let index = 1; index < summary.perDay.length; index++) {
            const gap =
              Date.parse(summary.perDay[index]!.day) - Date.parse(summary.perDay[index - 1]!.day);
            expect(gap).toBe(86_400_000);
          }
        },
      ),
    );
  });
});
