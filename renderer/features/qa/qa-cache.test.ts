import { describe, expect, it } from 'vitest';
import { pairOf, reviewOf } from '../../../shared/qa/test-support';
import { QaCache } from './qa-cache';

describe('QaCache', () => {
  it('keeps the whole project while reading only what changed', () => {
    const cache = new QaCache('project-1');
    const first = pairOf({ id: 'qa-1', updatedAt: '2025-03-01T08:00:00.000Z' });
    const second = pairOf({ id: 'qa-2', updatedAt: '2025-03-01T08:05:00.000Z' });
    const elsewhere = pairOf({ id: 'qa-9', projectId: 'project-2' });
    expect(cache.merge([first, second, elsewhere], []).pairs).toEqual([first, second]);
    expect(cache.pairsSince).toBe('2025-03-01T08:05:00.000Z');

    // A decision: the pair changed, a review was made; a review of another project is dropped.
    const approved = {
      ...second,
      state: 'approved' as const,
      updatedAt: '2025-03-01T09:00:00.000Z',
    };
    const review = reviewOf('qa-2', 'expert-1', 'approve', { at: '2025-03-01T09:00:00.000Z' });
    const foreign = reviewOf('qa-9', 'expert-1', 'approve', { at: '2025-03-01T09:01:00.000Z' });
    const merged = cache.merge([approved], [review, foreign]);
    expect(merged.pairs).toEqual([first, approved]);
    expect(merged.reviews).toEqual([review]);
    expect(cache.reviewsSince).toBe('2025-03-01T09:01:00.000Z');

    // The same rows read again (changed in the millisecond a read ended) count once.
    expect(cache.merge([approved], [review])).toEqual(merged);
  });
});
