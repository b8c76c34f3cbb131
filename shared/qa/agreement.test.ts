import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Review, ReviewDecision } from '../model/qa';
import { agreementSummary, cohensKappa, kappaFromTable } from './agreement';
import { reviewOf } from './test-support';

describe('kappaFromTable on worked examples', () => {
  it('Wikipedia, "Cohen\'s kappa", simple example: 50 proposals, κ = 0.4', () => {
    // Both yes 20, A yes B no 5, A no B yes 10, both no 15: po = 0.7, pe = 0.5.
    const result = kappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('Cohen (1968), Table 1: 200 cases, 3 diagnoses, κ = .492', () => {
    // Observed proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 of N = 200; Cohen reports
    // unweighted kappa .492 (po = .70, pe = .41).
    const result = kappaFromTable([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.41, 12);
    expect(result.kappa).toBeCloseTo(0.492, 3);
  });

  it('is undefined with no items or when both raters use one category only', () => {
    expect(
      kappaFromTable([
        [0, 0],
        [0, 0],
      ]).kappa,
    ).toBeNull();
    expect(
      kappaFromTable([
        [7, 0],
        [0, 0],
      ]),
    ).toEqual({ n: 7, observed: 1, expected: 1, kappa: null });
  });

  it('refuses tables that are not square or hold non-counts', () => {
    expect(() => kappaFromTable([[1, 2], [3]])).toThrow(/square/);
    expect(() =>
      kappaFromTable([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/not a count/);
  });
});

describe('cohensKappa', () => {
  it('counts pairs of ratings into the table', () => {
    const ratings = [
      ...repeat<[string, string]>(['yes', 'yes'], 20),
      ...repeat<[string, string]>(['yes', 'no'], 5),
      ...repeat<[string, string]>(['no', 'yes'], 10),
      ...repeat<[string, string]>(['no', 'no'], 15),
    ];
    expect(cohensKappa(ratings, ['yes', 'no']).kappa).toBeCloseTo(0.4, 12);
    expect(() => cohensKappa([['yes', 'maybe']], ['yes', 'no'])).toThrow(/"maybe"/);
  });
});

const square = fc.integer({ min: 2, max: 4 }).chain((size) =>
  fc.array(fc.array(fc.nat({ max: 30 }), { minLength: size, maxLength: size }), {
    minLength: size,
    maxLength: size,
  }),
);

describe('kappa properties', () => {
  it('stays within [-1, 1], with observed and expected shares within [0, 1]', () => {
    fc.assert(
      fc.property(square, (table) => {
        const { observed, expected, kappa } = kappaFromTable(table);
        expect(observed).toBeGreaterThanOrEqual(0);
        expect(observed).toBeLessThanOrEqual(1);
        expect(expected).toBeGreaterThanOrEqual(0);
        expect(expected).toBeLessThanOrEqual(1 + 1e-12);
        if (kappa !== null) {
          expect(kappa).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('is the same whichever rater comes first and however categories are ordered', () => {
    fc.assert(
      fc.property(square, fc.nat(), (table, seed) => {
        const transposed = table.map((row, i) => row.map((_, j) => table[j]![i]!));
        const order = table
          .map((_, i) => i)
          .sort((a, b) => ((a * 7 + seed) % 5) - ((b * 7 + seed) % 5));
        const permuted = order.map((i) => order.map((j) => table[i]![j]!));
        const kappa = kappaFromTable(table).kappa;
        for (const other of [transposed, permuted]) {
          const result = kappaFromTable(other).kappa;
          if (kappa === null) expect(result).toBeNull();
          else expect(result).toBeCloseTo(kappa, 10);
        }
      }),
    );
  });

  it('is 1 when raters always agree and use more than one category', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 }), { minLength: 2, maxLength: 4 }), (diagonal) => {
        fc.pre(diagonal.filter((count) => count > 0).length >= 2);
        const table = diagonal.map((count, i) => diagonal.map((_, j) => (i === j ? count : 0)));
        expect(kappaFromTable(table).kappa).toBeCloseTo(1, 12);
      }),
    );
  });
});

/** Cohen's (1968) Table 1 as reviews: personality disorder, neurosis, psychosis → our decisions. */
function cohenTableAsReviews(): Review[] {
  const decisions: ReviewDecision[] = ['approve', 'reject', 'request-changes'];
  const table = [
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
  ];
  const reviews: Review[] = [];
  let pair = 0;
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) {
        const id = `qa-${++pair}`;
        reviews.push(reviewOf(id, 'expert-b', decisions[i]!));
        reviews.push(reviewOf(id, 'expert-a', decisions[j]!));
      }
    }),
  );
  return reviews;
}

describe('agreementSummary', () => {
  it('reports n, observed agreement and kappa for two experts on Cohen’s table', () => {
    const [summary, ...rest] = agreementSummary(cohenTableAsReviews());
    expect(rest).toEqual([]);
    expect(summary!.reviewers).toEqual(['expert-a', 'expert-b']);
    expect(summary!.n).toBe(200);
    expect(summary!.decisions.observed).toBeCloseTo(0.7, 12);
    expect(summary!.decisions.kappa).toBeCloseTo(0.492, 3);
    // Approve vs not: [[88, 32], [12, 68]] → po = .78, pe = .5, κ = .56.
    expect(summary!.approval.observed).toBeCloseTo(0.78, 12);
    expect(summary!.approval.kappa).toBeCloseTo(0.56, 12);
  });

  it('counts each pair once, at the latest version both decided on, without resolutions', () => {
    const reviews = [
      reviewOf('qa-1', 'expert-a', 'request-changes', { pairVersion: 1 }),
      reviewOf('qa-1', 'expert-b', 'request-changes', { pairVersion: 1 }),
      reviewOf('qa-1', 'expert-a', 'approve', { pairVersion: 2 }),
      reviewOf('qa-1', 'expert-b', 'reject', { pairVersion: 2 }),
      reviewOf('qa-1', 'lead', 'approve', { pairVersion: 2, kind: 'resolution' }),
      reviewOf('qa-2', 'expert-a', 'approve', { pairVersion: 1 }),
      reviewOf('qa-2', 'expert-c', 'approve', { pairVersion: 1 }),
      reviewOf('qa-3', 'expert-b', 'approve', { pairVersion: 1 }),
    ];
    const summary = agreementSummary(reviews);
    expect(summary.map((entry) => [entry.reviewers, entry.n])).toEqual([
      [['expert-a', 'expert-b'], 1],
      [['expert-a', 'expert-c'], 1],
    ]);
    expect(summary[0]!.decisions.observed).toBe(0);
    expect(summary[1]!.decisions).toEqual({ n: 1, observed: 1, expected: 1, kappa: null });
  });

  it('is empty when no two experts reviewed the same pair', () => {
    expect(agreementSummary([reviewOf('qa-1', 'expert-a', 'approve')])).toEqual([]);
  });
});

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}
