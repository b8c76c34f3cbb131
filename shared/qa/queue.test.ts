import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QaPair, QaReviewPolicy, Review } from '../model/qa';
import {
  matchesFilter,
  moveInQueue,
  nextAfterLeaving,
  pendingAction,
  reviewQueue,
  sourcesOf,
} from './queue';
import { reviewerView } from './reviewer-view';
import { pairOf, reviewOf } from './test-support';

const twoExperts: QaReviewPolicy = { isTwoExpertRule: true };
const single: QaReviewPolicy = { isTwoExpertRule: false };
const expertA = { id: 'expert-a', role: 'clinical-expert' as const };
const expertB = { id: 'expert-b', role: 'clinical-expert' as const };
const lead = { id: 'lead', role: 'governance-lead' as const };
const author = { id: 'annotator-1', role: 'annotator' as const };

const pairs: QaPair[] = [
  pairOf({
    id: 'qa-1',
    state: 'in-review',
    createdAt: '2025-03-01T08:00:00Z',
    tags: { department: '血液科', free: ['贫血'] },
  }),
  pairOf({
    id: 'qa-2',
    state: 'in-review',
    createdAt: '2025-03-01T09:00:00Z',
    tags: { department: '泌尿外科', free: ['PSA'] },
    origin: 'imported',
    evidence: [{ kind: 'document', fileName: 'medquad.xml', line: 21, title: 'PSA' }],
    importedFrom: { fileName: 'medquad.xml', line: 21 },
  }),
  pairOf({ id: 'qa-3', state: 'disputed', createdAt: '2025-03-01T07:00:00Z' }),
  pairOf({ id: 'qa-4', state: 'needs-changes', createdAt: '2025-03-01T06:00:00Z', version: 2 }),
  pairOf({ id: 'qa-5', state: 'approved', createdAt: '2025-03-01T05:00:00Z' }),
  pairOf({ id: 'qa-6', state: 'in-review', createdAt: '2025-03-01T10:00:00Z', authorId: 'lead' }),
  pairOf({ id: 'qa-7', state: 'draft', createdAt: '2025-03-01T04:00:00Z' }),
];
const reviews: Review[] = [
  reviewOf('qa-1', 'expert-a', 'approve', { at: '2025-03-02T09:00:00Z' }),
  reviewOf('qa-3', 'expert-a', 'approve', { at: '2025-03-02T08:00:00Z' }),
  reviewOf('qa-3', 'expert-b', 'reject', { at: '2025-03-02T08:30:00Z', comment: '单位错误' }),
  reviewOf('qa-4', 'expert-b', 'request-changes', {
    at: '2025-03-02T07:00:00Z',
    comment: '补充参考范围',
  }),
];
const ids = (queue: { pair: QaPair }[]) => queue.map((item) => item.pair.id);

describe('reviewQueue', () => {
  it('gives each expert the pairs in review they have not decided on, oldest first', () => {
    expect(ids(reviewQueue(pairs, reviews, expertA, { policy: twoExperts }))).toEqual([
      'qa-2',
      'qa-6',
    ]);
    expect(ids(reviewQueue(pairs, reviews, expertB, { policy: twoExperts }))).toEqual([
      'qa-1',
      'qa-2',
      'qa-6',
    ]);
    expect(
      ids(reviewQueue(pairs, reviews, expertB, { policy: twoExperts, order: 'newest' })),
    ).toEqual(['qa-6', 'qa-2', 'qa-1']);
  });

  it('gives a lead the disputes, and an author the pairs sent back to them', () => {
    expect(ids(reviewQueue(pairs, reviews, lead, { policy: twoExperts }))).toEqual(['qa-3']);
    expect(ids(reviewQueue(pairs, reviews, author, { policy: twoExperts }))).toEqual(['qa-4']);
    expect(
      pendingAction(pairs[3]!, reviews, { id: 'annotator-2', role: 'annotator' }, twoExperts),
    ).toBeNull();
  });

  it('filters by tag, source, state, author and origin', () => {
    const queue = (filter: object) =>
      ids(reviewQueue(pairs, reviews, expertB, { policy: twoExperts, filter }));
    expect(queue({ tags: ['department:泌尿外科'] })).toEqual(['qa-2']);
    expect(queue({ tags: ['tag:贫血', 'tag:PSA'] })).toEqual(['qa-1', 'qa-2']);
    expect(queue({ sources: ['src-labs'] })).toEqual(['qa-1', 'qa-6']);
    expect(queue({ sources: ['medquad.xml'] })).toEqual(['qa-2']);
    expect(queue({ authors: ['lead'] })).toEqual(['qa-6']);
    expect(queue({ origins: ['imported'] })).toEqual(['qa-2']);
    expect(queue({ states: ['approved'] })).toEqual([]);
    expect(matchesFilter(pairs[4]!, { states: ['approved'] })).toBe(true);
    expect(sourcesOf(pairs[1]!)).toEqual(['medquad.xml']);
  });

  it('under one expert, a single decision closes the pair, so the queue is the same for all', () => {
    expect(ids(reviewQueue(pairs, [], expertA, { policy: single }))).toEqual([
      'qa-1',
      'qa-2',
      'qa-6',
    ]);
  });
});

describe('the blind rule in views and queues', () => {
  it('hides the first expert’s decision from the second until the round is over', () => {
    const view = reviewerView(pairs[0]!, reviews, expertB, twoExperts);
    expect(view.reviews).toEqual([]);
    expect(view.ownDecision).toBeNull();
    const own = reviewerView(pairs[0]!, reviews, expertA, twoExperts);
    expect(own.ownDecision).toMatchObject({ reviewerId: 'expert-a', decision: 'approve' });
    expect(own.reviews).toHaveLength(1);
    expect(reviewerView(pairs[0]!, reviews, author, twoExperts).reviews).toEqual([]);
  });

  it('shows both decisions once the pair is disputed, and earlier rounds always', () => {
    const dispute = reviewerView(pairs[2]!, reviews, lead, twoExperts);
    expect(dispute.reviews.map((review) => [review.reviewerId, review.decision])).toEqual([
      ['expert-a', 'approve'],
      ['expert-b', 'reject'],
    ]);
    const resubmitted = { ...pairs[0]!, version: 2 };
    expect(reviewerView(resubmitted, reviews, expertB, twoExperts).reviews).toHaveLength(1);
  });

  it('gives the second expert the same queue whether or not the first has decided', () => {
    const inReview = pairs.filter((pair) => pair.state === 'in-review');
    const decision = fc.constantFrom(
      'approve' as const,
      'reject' as const,
      'request-changes' as const,
    );
    fc.assert(
      fc.property(
        fc.subarray(inReview),
        fc.array(decision, { minLength: inReview.length, maxLength: inReview.length }),
        (decided, choices) => {
          const firstDecisions = decided.map((pair, index) =>
            reviewOf(pair.id, 'expert-a', choices[index]!),
          );
          const withFirst = reviewQueue(pairs, firstDecisions, expertB, { policy: twoExperts });
          const without = reviewQueue(pairs, [], expertB, { policy: twoExperts });
          expect(withFirst).toEqual(without);
        },
      ),
    );
  });
});

describe('moving through the queue', () => {
  const queue = ['qa-1', 'qa-2', 'qa-3'];

  it('J and K step and stop at the ends', () => {
    expect(moveInQueue(queue, 'qa-1', 'next')).toBe('qa-2');
    expect(moveInQueue(queue, 'qa-3', 'next')).toBe('qa-3');
    expect(moveInQueue(queue, 'qa-2', 'previous')).toBe('qa-1');
    expect(moveInQueue(queue, 'qa-1', 'previous')).toBe('qa-1');
    expect(moveInQueue(queue, null, 'next')).toBe('qa-1');
    expect(moveInQueue(queue, 'gone', 'previous')).toBe('qa-3');
    expect(moveInQueue([], 'qa-1', 'next')).toBeNull();
  });

  it('after a decision, shows the pair that followed the decided one', () => {
    expect(nextAfterLeaving(queue, ['qa-1', 'qa-3'], 'qa-2')).toBe('qa-3');
    expect(nextAfterLeaving(queue, ['qa-1', 'qa-2'], 'qa-3')).toBe('qa-2');
    expect(nextAfterLeaving(queue, [], 'qa-3')).toBeNull();
  });

  const queues = fc
    .uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 })
    .map((list) => list.map(String));

  it('next then previous comes back, except off the last pair', () => {
    fc.assert(
      fc.property(queues, fc.nat(), (list, at) => {
        const current = list[at % list.length]!;
        const next = moveInQueue(list, current, 'next')!;
        expect(list).toContain(next);
        if (current !== list.at(-1)) expect(moveInQueue(list, next, 'previous')).toBe(current);
        else expect(next).toBe(current);
      }),
    );
  });

  it('the pair shown after a decision is still queued, and follows the decided one when any does', () => {
    fc.assert(
      fc.property(queues, fc.nat(), fc.array(fc.boolean()), (list, at, keeps) => {
        const left = list[at % list.length]!;
        const after = list.filter((id, index) => id !== left && (keeps[index] ?? true));
        const shown = nextAfterLeaving(list, after, left);
        if (after.length === 0) expect(shown).toBeNull();
        else expect(after).toContain(shown);
        const later = list.slice(list.indexOf(left) + 1).filter((id) => after.includes(id));
        if (later.length > 0) expect(shown).toBe(later[0]);
      }),
    );
  });
});
