/** Pairs and reviews the QA tests share. */
import type { QaPair, RecordEvidence, Review, ReviewDecision } from '../model/qa';

export const labRecord: RecordEvidence = {
  kind: 'record',
  sourceId: 'src-labs',
  sourceName: 'labs.csv',
  row: 4,
  line: 6,
  fields: { 检验项目: '血红蛋白', 结果: '98', 单位: 'g/L' },
};

export function pairOf(overrides: Partial<QaPair> = {}): QaPair {
  return {
    id: 'qa-1',
    projectId: 'project-1',
    question: '患者血红蛋白98 g/L，是否贫血？',
    answer: '是，低于成年男性参考下限130 g/L。',
    evidence: [labRecord],
    state: 'draft',
    authorId: 'annotator-1',
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-01T08:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function reviewOf(
  qaPairId: string,
  reviewerId: string,
  decision: ReviewDecision,
  overrides: Partial<Review> = {},
): Review {
  return {
    id: `review-${qaPairId}-${reviewerId}-${overrides.pairVersion ?? 1}`,
    qaPairId,
    pairVersion: 1,
    reviewerId,
    decision,
    comment: decision === 'approve' ? '' : 'see comment',
    at: '2025-03-02T09:00:00.000Z',
    ...overrides,
  };
}
