import { describe, expect, it } from 'vitest';
import { qaStates } from '../model/qa';
import { draftProblems, nextState, qaActions, requireNextState } from './state';

/** The graph written out by hand, independently of the table in state.ts. */
const allowed = new Map<string, string>([
  ['draft/edit', 'draft'],
  ['draft/submit', 'in-review'],
  ['in-review/edit', 'in-review'],
  ['in-review/approve', 'approved'],
  ['in-review/reject', 'rejected'],
  ['in-review/request-changes', 'needs-changes'],
  ['disputed/approve', 'approved'],
  ['disputed/reject', 'rejected'],
  ['disputed/request-changes', 'needs-changes'],
  ['needs-changes/edit', 'needs-changes'],
  ['needs-changes/submit', 'in-review'],
]);

describe('QA state graph', () => {
  it('covers six states and five actions', () => {
    expect(qaStates).toHaveLength(6);
    expect(qaActions).toHaveLength(5);
  });

  for (const state of qaStates) {
    for (const action of qaActions) {
      const expected = allowed.get(`${state}/${action}`) ?? null;
      it(`${state} + ${action} → ${expected ?? 'refused'}`, () => {
        expect(nextState(state, action)).toBe(expected);
        if (expected === null) {
          expect(() => requireNextState(state, action)).toThrow(/cannot be given/);
        } else {
          expect(requireNextState(state, action)).toBe(expected);
        }
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
