export const qaStates = ['draft', 'in-review', 'approved', 'rejected', 'needs-changes'] as const;
export type QaState = (typeof qaStates)[number];

export interface RecordEvidence {
  kind: 'record';
  sourceId: string;
  sourceName: string;
  row: number;
  line: number;
  /** The cited fields as they were when the pair was written, so evidence survives re-imports. */
  fields: Record<string, string>;
}

export type Evidence = RecordEvidence;

export interface QaPair {
  id: string;
  projectId: string;
  question: string;
  answer: string;
  evidence: Evidence[];
  state: QaState;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ReviewDecision = 'approve' | 'reject' | 'request-changes';

export interface Review {
  id: string;
  qaPairId: string;
  pairVersion: number;
  reviewerId: string;
  decision: ReviewDecision;
  comment: string;
  at: string;
}
