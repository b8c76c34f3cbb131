import { describe, expect, it } from 'vitest';
import type { QaDraft } from '../model/qa';
import { pairFromDraft } from './pairs';
import { isReviewReason, reviewReasons } from './reasons';
import { labRecord } from './test-support';

const facts = {
  id: 'qa-9',
  projectId: 'p-1',
  authorId: 'annotator-1',
  at: new Date('2025-03-05T08:00:00Z'),
};

describe('pairFromDraft', () => {
  it('makes version 1 of a generated pair, keeping where it came from', () => {
    const draft: QaDraft = {
      question: ' 血红蛋白为98g/L，是否贫血？ ',
      answer: '是。',
      evidence: [labRecord],
      tags: { topic: ' 贫血 ', free: ['血常规', '血常规'] },
      origin: 'generated',
      templateId: 'tpl-hb',
      notes: '  ',
    };
    expect(pairFromDraft(draft, { ...facts, isSubmitted: true })).toEqual({
      id: 'qa-9',
      projectId: 'p-1',
      question: '血红蛋白为98g/L，是否贫血？',
      answer: '是。',
      evidence: [labRecord],
      state: 'in-review',
      authorId: 'annotator-1',
      createdAt: '2025-03-05T08:00:00.000Z',
      updatedAt: '2025-03-05T08:00:00.000Z',
      version: 1,
      tags: { topic: '贫血', free: ['血常规'] },
      origin: 'generated',
      templateId: 'tpl-hb',
    });
  });

  it('keeps an imported draft as a draft with its context and origin', () => {
    const draft: QaDraft = {
      question: 'Q?',
      answer: 'A.',
      evidence: [],
      tags: { free: [] },
      origin: 'imported',
      context: 'A passage.',
      importedFrom: { fileName: 'drafts.csv', line: 3 },
    };
    expect(pairFromDraft(draft, { ...facts, isSubmitted: false })).toMatchObject({
      state: 'draft',
      origin: 'imported',
      context: 'A passage.',
      importedFrom: { fileName: 'drafts.csv', line: 3 },
    });
  });
});

describe('review reasons', () => {
  it('are distinct codes', () => {
    expect(new Set(reviewReasons).size).toBe(reviewReasons.length);
    expect(isReviewReason('unsafe-advice')).toBe(true);
    expect(isReviewReason('bad')).toBe(false);
  });
});
