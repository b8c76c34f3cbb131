import { isAllowed, rolesAllowed, type Action } from '../model/permissions';
import type { Role } from '../model/people';
import {
  reviewKindOf,
  type QaPair,
  type QaReviewPolicy,
  type QaState,
  type Review,
  type ReviewDecision,
  type ReviewKind,
} from '../model/qa';
import { nextState, type QaAction } from './state';

export interface Actor {
  id: string;
  role: Role;
}

export type PairStatus = Pick<QaPair, 'id' | 'state' | 'authorId' | 'version'>;

export interface TransitionRequest {
  pair: PairStatus;
  /** Reviews of the pair; reviews of other pairs are ignored. */
  reviews: readonly Review[];
  actor: Actor;
  action: QaAction;
  policy: QaReviewPolicy;
}

/**
 * state: the graph has no such move. role: the actor's role may not make it. own-pair: authors
 * never review or resolve their own pairs. already-decided: an expert decides once per version.
 * unchanged: a pair sent back for changes goes to review again only after an edit.
 */
export type Refusal = 'state' | 'role' | 'own-pair' | 'already-decided' | 'unchanged';

export type Verdict =
  | {
      ok: true;
      next: QaState;
      /** What the move records: a review, a lead's resolution, or nothing (edit, submit). */
      records: ReviewKind | null;
    }
  | { ok: false; refusal: Refusal; message: string; roles: readonly Role[] };

export function isDecision(action: QaAction): action is ReviewDecision {
  return action === 'approve' || action === 'reject' || action === 'request-changes';
}

/** The permission a move needs: the same action means reviewing in review, resolving in dispute. */
export function permissionFor(state: QaState, action: QaAction): Action {
  if (!isDecision(action)) return state === 'in-review' ? 'qa:review' : 'qa:draft';
  return state === 'disputed' ? 'qa:resolve' : 'qa:review';
}

/**
 * The experts' decisions that count for the pair as it is now: reviews of its current version.
 * An edit makes a new version, so decisions on the old text no longer count — two approvals
 * always approve the same words.
 */
export function currentRound(pair: PairStatus, reviews: readonly Review[]): Review[] {
  return reviews.filter(
    (review) =>
      review.qaPairId === pair.id &&
      reviewKindOf(review) === 'review' &&
      review.pairVersion === pair.version,
  );
}

/**
 * Where two experts' decisions on the same version lead. One approval against a rejection or a
 * request for changes is a dispute for a lead. Two negative decisions need no lead: two
 * rejections reject; otherwise the pair goes back to its author, because one expert thought it
 * could be fixed.
 */
export function combineDecisions(first: ReviewDecision, second: ReviewDecision): QaState {
  if (first === 'approve' && second === 'approve') return 'approved';
  if (first === 'approve' || second === 'approve') return 'disputed';
  if (first === 'reject' && second === 'reject') return 'rejected';
  return 'needs-changes';
}

/** Whether the actor may make the move now, and if so where it leads. */
export function checkTransition(request: TransitionRequest): Verdict {
  const { pair, reviews, actor, action, policy } = request;
  const graphNext = nextState(pair.state, action);
  if (graphNext === null) {
    return refuse('state', `A pair in state "${pair.state}" cannot be given "${action}".`, []);
  }
  const permission = permissionFor(pair.state, action);
  if (!isAllowed(actor.role, permission)) {
    const roles = rolesAllowed(permission);
    return refuse(
      'role',
      `Only a ${roles.join(' or a ')} can ${action} a pair in state "${pair.state}"; ` +
        `this profile is a ${actor.role}.`,
      roles,
    );
  }
  const isJudging = permission === 'qa:review' || permission === 'qa:resolve';
  if (isJudging && actor.id === pair.authorId) {
    return refuse('own-pair', 'Nobody reviews or resolves a pair they wrote.', []);
  }
  if (
    action === 'submit' &&
    pair.state === 'needs-changes' &&
    !isEditedSinceSentBack(pair, reviews)
  ) {
    return refuse(
      'unchanged',
      'The pair was sent back for changes; edit it before resubmitting.',
      [],
    );
  }
  if (!isDecision(action)) return { ok: true, next: graphNext, records: null };
  if (pair.state === 'disputed') return { ok: true, next: graphNext, records: 'resolution' };

  const round = currentRound(pair, reviews);
  if (round.some((review) => review.reviewerId === actor.id)) {
    return refuse('already-decided', 'This expert has already decided on this version.', []);
  }
  if (!policy.isTwoExpertRule) return { ok: true, next: graphNext, records: 'review' };
  const other = round.find((review) => review.reviewerId !== actor.id);
  const next = other ? combineDecisions(other.decision, action) : 'in-review';
  return { ok: true, next, records: 'review' };
}

export class TransitionRefusedError extends Error {
  readonly refusal: Refusal;

  constructor(refusal: Refusal, message: string) {
    super(message);
    this.name = 'TransitionRefusedError';
    this.refusal = refusal;
  }
}

/** The state the move leads to; throws TransitionRefusedError, saying why, when it is refused. */
export function requireTransition(request: TransitionRequest): {
  next: QaState;
  records: ReviewKind | null;
} {
  const verdict = checkTransition(request);
  if (!verdict.ok) throw new TransitionRefusedError(verdict.refusal, verdict.message);
  return { next: verdict.next, records: verdict.records };
}

export type DecisionProblem = 'reason-missing';

/** A rejection or a request for changes says why: a reason from the list, a comment, or both. */
export function decisionProblems(
  decision: ReviewDecision,
  comment: string,
  reasonCode?: string,
): DecisionProblem[] {
  if (decision === 'approve') return [];
  const hasReason = comment.trim() !== '' || (reasonCode ?? '').trim() !== '';
  return hasReason ? [] : ['reason-missing'];
}

function isEditedSinceSentBack(pair: PairStatus, reviews: readonly Review[]): boolean {
  let sentBackAt = 0;
  for (const review of reviews) {
    if (review.qaPairId === pair.id && review.decision === 'request-changes') {
      sentBackAt = Math.max(sentBackAt, review.pairVersion);
    }
  }
  return pair.version > sentBackAt;
}

function refuse(refusal: Refusal, message: string, roles: readonly Role[]): Verdict {
  return { ok: false, refusal, message, roles };
}
