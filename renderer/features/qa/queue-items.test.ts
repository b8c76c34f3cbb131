import { describe, expect, it } from 'vitest';
import { pairOf, reviewOf } from '../../../shared/qa/test-support';
import { queueItems, walkOrder } from './queue-items';

const twoExperts = { isTwoExpertRule: true };
const pairs = [
  pairOf({ id: 'qa-3', state: 'in-review', createdAt: '2025-03-01T08:03:00.000Z' }),
  pairOf({ id: 'qa-1', state: 'in-review', createdAt: '2025-03-01T08:01:00.000Z' }),
  pairOf({ id: 'qa-2', state: 'disputed', createdAt: '2025-03-01T08:02:00.000Z' }),
  pairOf({
    id: 'qa-4',
    state: 'needs-changes',
    createdAt: '2025-03-01T08:04:00.000Z',
    tags: { department: '血液科', free: [] },
  }),
];
const reviews = [
  reviewOf('qa-1', 'expert-1', 'approve'),
  reviewOf('qa-2', 'expert-1', 'approve'),
  reviewOf('qa-2', 'expert-2', 'reject'),
  reviewOf('qa-4', 'expert-2', 'request-changes'),
];

describe('queueItems', () => {
  it('gives an expert what waits for them, blind to the other expert', () => {
    const items = queueItems(
      pairs,
      reviews,
      { id: 'expert-2', role: 'clinical-expert' },
      twoExperts,
      {},
    );
    expect(items.map((item) => [item.view.pair.id, item.action])).toEqual([
      ['qa-1', 'approve'],
      ['qa-3', 'approve'],
    ]);
    expect(items[0]!.view.reviews).toEqual([]);
  });

  it('gives a lead the disputes first, then what the experts are working on, to look at', () => {
    const items = queueItems(
      pairs,
      reviews,
      { id: 'lead', role: 'governance-lead' },
      twoExperts,
      {},
    );
    expect(items.map((item) => [item.view.pair.id, item.action])).toEqual([
      ['qa-2', 'approve'],
      ['qa-1', null],
      ['qa-3', null],
    ]);
    expect(items[0]!.view.reviews.map((review) => review.decision)).toEqual(['approve', 'reject']);
  });

  it('gives an author the pairs sent back to them, and applies the filter', () => {
    const author = { id: 'annotator-1', role: 'annotator' } as const;
    expect(queueItems(pairs, reviews, author, twoExperts, { tags: ['department:血液科'] })).toEqual(
      [expect.objectContaining({ action: 'edit' })],
    );
    expect(queueItems(pairs, reviews, author, twoExperts, { states: ['in-review'] })).toHaveLength(
      2,
    );
  });
});

describe('walkOrder', () => {
  it('leaves out pairs just decided and puts skipped ones last', () => {
    const items = queueItems(
      pairs,
      [],
      { id: 'expert-3', role: 'clinical-expert' },
      twoExperts,
      {},
    );
    expect(walkOrder(items, new Map(), [])).toEqual(['qa-1', 'qa-3']);
    expect(walkOrder(items, new Map(), ['qa-1', 'qa-9'])).toEqual(['qa-3', 'qa-1']);
    expect(walkOrder(items, new Map([['qa-1', 1]]), [])).toEqual(['qa-3']);
    // The same pair at a new version is back.
    expect(walkOrder(items, new Map([['qa-1', 0]]), [])).toEqual(['qa-1', 'qa-3']);
  });
});
