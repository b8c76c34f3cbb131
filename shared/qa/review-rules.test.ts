import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../model/people';
import {
  qaStates,
  type QaReviewPolicy,
  type QaState,
  type Review,
  type ReviewDecision,
} from '../model/qa';
import {
  checkTransition,
  combineDecisions,
  currentRound,
  decisionProblems,
  requireTransition,
  TransitionRefusedError,
  type PairStatus,
  type Refusal,
} from './review-rules';
import { qaActions, type QaAction } from './state';

const single: QaReviewPolicy = { isTwoExpertRule: false };
const twoExperts: QaReviewPolicy = { isTwoExpertRule: true };

let reviewCount = 0;
function review(
  reviewerId: string,
  decision: ReviewDecision,
  pairVersion: number,
  extra: Partial<Review> = {},
): Review {
  reviewCount++;
  return {
    id: `review-${reviewCount}`,
    qaPairId: 'qa-1',
    pairVersion,
    reviewerId,
    decision,
    comment: decision === 'approve' ? '' : 'because',
    at: `2025-03-01T10:00:${String(reviewCount % 60).padStart(2, '0')}Z`,
    ...extra,
  };
}

/**
 * The pair every table row is tried on: at version 2, sent back once at version 1 (so it has been
 * edited since and may be resubmitted), with no decisions yet on version 2.
 */
function pairIn(state: QaState): PairStatus {
  return { id: 'qa-1', state, authorId: 'author', version: 2 };
}
const history = [review('expert-0', 'request-changes', 1)];

/** The moves of the graph, written out by hand. */
const graph = new Set([
  'draft/edit',
  'draft/submit',
  'in-review/edit',
  'in-review/approve',
  'in-review/reject',
  'in-review/request-changes',
  'disputed/approve',
  'disputed/reject',
  'disputed/request-changes',
  'needs-changes/edit',
  'needs-changes/submit',
]);

type Row = [
  QaState,
  QaAction,
  Role,
  single: QaState,
  twoExperts: QaState,
  isAuthorAllowed: boolean,
];

/** Every allowed (state, action, role), where it leads, and whether the pair's author may. */
const allowedRows: Row[] = [
  ['draft', 'edit', 'annotator', 'draft', 'draft', true],
  ['draft', 'edit', 'governance-lead', 'draft', 'draft', true],
  ['draft', 'submit', 'annotator', 'in-review', 'in-review', true],
  ['draft', 'submit', 'governance-lead', 'in-review', 'in-review', true],
  ['in-review', 'edit', 'clinical-expert', 'in-review', 'in-review', false],
  ['in-review', 'approve', 'clinical-expert', 'approved', 'in-review', false],
  ['in-review', 'reject', 'clinical-expert', 'rejected', 'in-review', false],
  ['in-review', 'request-changes', 'clinical-expert', 'needs-changes', 'in-review', false],
  ['disputed', 'approve', 'governance-lead', 'approved', 'approved', false],
  ['disputed', 'reject', 'governance-lead', 'rejected', 'rejected', false],
  ['disputed', 'request-changes', 'governance-lead', 'needs-changes', 'needs-changes', false],
  ['needs-changes', 'edit', 'annotator', 'needs-changes', 'needs-changes', true],
  ['needs-changes', 'edit', 'governance-lead', 'needs-changes', 'needs-changes', true],
  ['needs-changes', 'submit', 'annotator', 'in-review', 'in-review', true],
  ['needs-changes', 'submit', 'governance-lead', 'in-review', 'in-review', true],
];
const rowsByKey = new Map(allowedRows.map((row) => [`${row[0]}/${row[1]}/${row[2]}`, row]));

describe('every state × action × role, as author and not, with and without the two-expert rule', () => {
  for (const state of qaStates) {
    for (const action of qaActions) {
      for (const role of roles) {
        const row = rowsByKey.get(`${state}/${action}/${role}`);
        const label = row ? `→ ${row[3]} (two experts: ${row[4]})` : 'refused';
        it(`${state} + ${action} by a ${role} ${label}`, () => {
          for (const isAuthor of [false, true]) {
            for (const policy of [single, twoExperts]) {
              const verdict = checkTransition({
                pair: pairIn(state),
                reviews: history,
                actor: { id: isAuthor ? 'author' : 'someone', role },
                action,
                policy,
              });
              const expectedRefusal: Refusal | null = !graph.has(`${state}/${action}`)
                ? 'state'
                : !row
                  ? 'role'
                  : isAuthor && !row[5]
                    ? 'own-pair'
                    : null;
              const context = `${isAuthor ? 'author' : 'not author'}, ${policy.isTwoExpertRule ? 'two experts' : 'one expert'}`;
              if (expectedRefusal === null) {
                expect(verdict, context).toMatchObject({
                  ok: true,
                  next: policy.isTwoExpertRule ? row![4] : row![3],
                });
              } else {
                expect(verdict, context).toMatchObject({ ok: false, refusal: expectedRefusal });
              }
            }
          }
        });
      }
    }
  }
});

describe('what a move records', () => {
  const expert = { id: 'expert-1', role: 'clinical-expert' as const };
  const lead = { id: 'lead', role: 'governance-lead' as const };
  const annotator = { id: 'author', role: 'annotator' as const };

  it('an expert decision records a review, a lead decision a resolution, edits nothing', () => {
    const base = { reviews: history, policy: single };
    expect(
      checkTransition({ ...base, pair: pairIn('in-review'), actor: expert, action: 'approve' }),
    ).toEqual({ ok: true, next: 'approved', records: 'review' });
    expect(
      checkTransition({ ...base, pair: pairIn('disputed'), actor: lead, action: 'reject' }),
    ).toEqual({ ok: true, next: 'rejected', records: 'resolution' });
    expect(
      checkTransition({ ...base, pair: pairIn('draft'), actor: annotator, action: 'edit' }),
    ).toEqual({ ok: true, next: 'draft', records: null });
  });

  it('a role refusal names the roles that may, for the disabled control to say why', () => {
    const verdict = checkTransition({
      pair: pairIn('in-review'),
      reviews: [],
      actor: lead,
      action: 'approve',
      policy: single,
    });
    expect(verdict).toMatchObject({ ok: false, refusal: 'role', roles: ['clinical-expert'] });
    if (!verdict.ok) expect(verdict.message).toMatch(/clinical-expert.*governance-lead/);
  });
});

describe('the two-expert rule', () => {
  const decisions: ReviewDecision[] = ['approve', 'reject', 'request-changes'];
  const outcomes: Record<string, QaState> = {
    'approve/approve': 'approved',
    'approve/reject': 'disputed',
    'approve/request-changes': 'disputed',
    'reject/approve': 'disputed',
    'reject/reject': 'rejected',
    'reject/request-changes': 'needs-changes',
    'request-changes/approve': 'disputed',
    'request-changes/reject': 'needs-changes',
    'request-changes/request-changes': 'needs-changes',
  };

  for (const first of decisions) {
    for (const second of decisions) {
      it(`${first} then ${second} → ${outcomes[`${first}/${second}`]}`, () => {
        expect(combineDecisions(first, second)).toBe(outcomes[`${first}/${second}`]);
        const verdict = checkTransition({
          pair: pairIn('in-review'),
          reviews: [...history, review('expert-1', first, 2)],
          actor: { id: 'expert-2', role: 'clinical-expert' },
          action: second,
          policy: twoExperts,
        });
        expect(verdict).toEqual({
          ok: true,
          next: outcomes[`${first}/${second}`],
          records: 'review',
        });
      });
    }
  }

  it('refuses a second decision by the same expert on the same version', () => {
    const reviews = [review('expert-1', 'approve', 2)];
    const request = {
      pair: pairIn('in-review'),
      reviews,
      actor: { id: 'expert-1', role: 'clinical-expert' as const },
      policy: twoExperts,
    };
    for (const action of decisions) {
      expect(checkTransition({ ...request, action })).toMatchObject({
        ok: false,
        refusal: 'already-decided',
      });
    }
    // After an edit the pair is a new version: the old approval no longer counts.
    const edited = { ...pairIn('in-review'), version: 3 };
    expect(checkTransition({ ...request, pair: edited, action: 'approve' })).toMatchObject({
      ok: true,
      next: 'in-review',
    });
    expect(currentRound(edited, reviews)).toEqual([]);
  });

  it('does not count a lead resolution, or another pair’s reviews, as an expert decision', () => {
    const reviews = [
      review('lead', 'approve', 2, { kind: 'resolution' }),
      review('expert-1', 'approve', 2, { qaPairId: 'qa-other' }),
    ];
    const verdict = checkTransition({
      pair: pairIn('in-review'),
      reviews,
      actor: { id: 'expert-2', role: 'clinical-expert' },
      action: 'approve',
      policy: twoExperts,
    });
    expect(verdict).toMatchObject({ ok: true, next: 'in-review' });
  });
});

describe('resubmitting after a request for changes', () => {
  const author = { id: 'author', role: 'annotator' as const };

  it('is refused until the pair has been edited', () => {
    const sentBack = [review('expert-1', 'request-changes', 2)];
    const request = { reviews: sentBack, actor: author, action: 'submit' as const, policy: single };
    expect(checkTransition({ ...request, pair: pairIn('needs-changes') })).toMatchObject({
      ok: false,
      refusal: 'unchanged',
    });
    expect(
      checkTransition({ ...request, pair: { ...pairIn('needs-changes'), version: 3 } }),
    ).toMatchObject({ ok: true, next: 'in-review' });
  });

  it('also after a lead sends a disputed pair back', () => {
    const sentBack = [review('lead', 'request-changes', 2, { kind: 'resolution' })];
    const verdict = checkTransition({
      pair: pairIn('needs-changes'),
      reviews: sentBack,
      actor: author,
      action: 'submit',
      policy: twoExperts,
    });
    expect(verdict).toMatchObject({ ok: false, refusal: 'unchanged' });
  });
});

describe('requireTransition', () => {
  it('returns the move or throws the refusal', () => {
    const pair = pairIn('in-review');
    const expert = { id: 'expert-1', role: 'clinical-expert' as const };
    expect(
      requireTransition({ pair, reviews: [], actor: expert, action: 'reject', policy: single }),
    ).toEqual({ next: 'rejected', records: 'review' });
    const refused = () =>
      requireTransition({
        pair: { ...pair, authorId: 'expert-1' },
        reviews: [],
        actor: expert,
        action: 'approve',
        policy: single,
      });
    expect(refused).toThrow(TransitionRefusedError);
    expect(refused).toThrow(/wrote/);
  });
});

describe('decisionProblems', () => {
  it('asks a rejection or a request for changes for a comment or a listed reason', () => {
    expect(decisionProblems('approve', '')).toEqual([]);
    expect(decisionProblems('reject', '  ')).toEqual(['reason-missing']);
    expect(decisionProblems('request-changes', '', ' ')).toEqual(['reason-missing']);
    expect(decisionProblems('reject', '', 'not-supported-by-evidence')).toEqual([]);
    expect(decisionProblems('request-changes', 'Units are wrong.')).toEqual([]);
  });
});

describe('random review sessions under the two-expert rule', () => {
  // The author is a lead, who may both draft and resolve: only the own-pair rule stops them.
  const people = [
    { id: 'author', role: 'governance-lead' as const },
    { id: 'annotator-2', role: 'annotator' as const },
    { id: 'expert-1', role: 'clinical-expert' as const },
    { id: 'expert-2', role: 'clinical-expert' as const },
    { id: 'expert-3', role: 'clinical-expert' as const },
    { id: 'lead', role: 'governance-lead' as const },
  ];
  const attempt = fc.record({
    person: fc.constantFrom(...people),
    action: fc.constantFrom(...qaActions),
  });

  it('approves only on two experts’ approvals of one version, or a lead’s resolution', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 60 }), (attempts) => {
        let pair: PairStatus = { id: 'qa-1', state: 'draft', authorId: 'author', version: 1 };
        const reviews: Review[] = [];
        for (const { person, action } of attempts) {
          const verdict = checkTransition({
            pair,
            reviews,
            actor: person,
            action,
            policy: twoExperts,
          });
          if (!verdict.ok) continue;
          if (verdict.records !== null) {
            reviews.push(
              review(person.id, action as ReviewDecision, pair.version, { kind: verdict.records }),
            );
          }
          if (verdict.next === 'approved') {
            const round = currentRound(pair, reviews);
            const last = reviews.at(-1)!;
            const isTwoApprovals =
              round.length === 2 &&
              round.every((entry) => entry.decision === 'approve') &&
              round[0]!.reviewerId !== round[1]!.reviewerId;
            expect(isTwoApprovals || last.kind === 'resolution').toBe(true);
          }
          const isEdit = action === 'edit';
          pair = { ...pair, state: verdict.next, version: pair.version + (isEdit ? 1 : 0) };
        }
        for (const entry of reviews) {
          expect(entry.reviewerId).not.toBe('author');
          const role = people.find((person) => person.id === entry.reviewerId)?.role;
          expect(role).toBe(entry.kind === 'resolution' ? 'governance-lead' : 'clinical-expert');
        }
        const decided = reviews.map((entry) => `${entry.reviewerId}@${entry.pairVersion}`);
        expect(new Set(decided).size).toBe(decided.length);
      }),
      { numRuns: 300 },
    );
  });
});
