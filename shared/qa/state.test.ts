import { describe, expect, it } from 'vitest';
import { qaStates } from '../model/qa';
import { draftProblems, nextState, requireNextState, type QaAction } from './state';

const actions: QaAction[] = ['submit', 'approve', 'reject', 'request-changes', 'edit'];

const allowed = new Map<string, string>([
  ['draft/edit', 'draft'],
  ['draft/submit', 'in-review'],
  ['in-review/approve', 'approved'],
  ['in-review/reject', 'rejected'],
  ['in-review/request-changes', 'needs-changes'],
  ['needs-changes/edit', 'needs-changes'],
  ['needs-changes/submit', 'in-review'],
]);

describe('QA review state machine', () => {
  for (const state of qaStates) {
    for (const action of actions) {
      const expected = allowed.get(`${state}/${action}`) ?? null;
      it(`${state} + ${action} → ${expected ?? 'refused'}`, () => {
        expect(nextState(state, action)).toBe(expected);
        if (expected === null)
          expect(() => requireNextState(state, action)).toThrow(/cannot be given/);
      });
    }
  }
});

describe('draftProblems', () => {
  it('lists what keeps a draft from review', () => {
    expect(draftProblems({ question: ' ', answer: '' }, 0)).toEqual([
      'question-empty',
      'answer-empty',
      'no-evidence',
    ]);
    expect(draftProblems({ question: 'Q?', answer: 'A.' }, 1)).toEqual([]);
  });
});
