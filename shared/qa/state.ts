import type { QaState } from '../model/qa';

/**
 * edit: change the question, answer, tags or evidence (a new version). approve, reject and
 * request-changes are an expert's decisions in review, or a lead's resolution of a dispute.
 */
export const qaActions = ['edit', 'submit', 'approve', 'reject', 'request-changes'] as const;
export type QaAction = (typeof qaActions)[number];

/**
 * Every move of the state graph; anything not listed is refused. This is the graph alone: who may
 * make a move, and where a decision leads under the two-expert rule, is in review-rules.ts.
 * An expert may edit a pair in review ("edit, then approve"); approved and rejected are final.
 */
const transitions: Record<QaState, Partial<Record<QaAction, QaState>>> = {
  draft: { edit: 'draft', submit: 'in-review' },
  'in-review': {
    edit: 'in-review',
    approve: 'approved',
    reject: 'rejected',
    'request-changes': 'needs-changes',
  },
  disputed: { approve: 'approved', reject: 'rejected', 'request-changes': 'needs-changes' },
  'needs-changes': { edit: 'needs-changes', submit: 'in-review' },
  approved: {},
  rejected: {},
};

export function nextState(state: QaState, action: QaAction): QaState | null {
  return transitions[state][action] ?? null;
}

export class TransitionError extends Error {
  constructor(state: QaState, action: QaAction) {
    super(`A pair in state "${state}" cannot be given "${action}".`);
    this.name = 'TransitionError';
  }
}

export function requireNextState(state: QaState, action: QaAction): QaState {
  const next = nextState(state, action);
  if (next === null) throw new TransitionError(state, action);
  return next;
}

export interface QaDraftInput {
  question: string;
  answer: string;
}

export type QaDraftProblem = 'question-empty' | 'answer-empty' | 'no-evidence';

/** What stops a draft from going to review; empty when it may go. */
export function draftProblems(input: QaDraftInput, evidenceCount: number): QaDraftProblem[] {
  const problems: QaDraftProblem[] = [];
  if (input.question.trim() === '') problems.push('question-empty');
  if (input.answer.trim() === '') problems.push('answer-empty');
  if (evidenceCount === 0) problems.push('no-evidence');
  return problems;
}
