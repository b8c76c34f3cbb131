import { newId } from '../../../shared/model/ids';
import { isAllowed } from '../../../shared/model/permissions';
import type { Profile } from '../../../shared/model/people';
import type { Evidence, QaPair, Review, ReviewDecision } from '../../../shared/model/qa';
import { draftProblems, requireNextState, type QaAction } from '../../../shared/qa/state';
import { appendAudit } from '../audit';
import type { TesseraDatabase } from '../database';

export interface DraftInput {
  projectId: string;
  question: string;
  answer: string;
  evidence: Evidence[];
  /** Send it straight to an expert instead of keeping it as a draft. */
  isSubmitted: boolean;
}

export async function createPair(
  db: TesseraDatabase,
  author: Profile,
  input: DraftInput,
  now = new Date(),
): Promise<QaPair> {
  if (!isAllowed(author.role, 'qa:draft')) throw new Error(`A ${author.role} cannot draft pairs.`);
  const problems = draftProblems(input, input.evidence.length);
  if (problems.length > 0) throw new Error(`The pair is incomplete: ${problems.join(', ')}.`);
  const pair: QaPair = {
    id: newId('qa', now),
    projectId: input.projectId,
    question: input.question.trim(),
    answer: input.answer.trim(),
    evidence: input.evidence,
    state: input.isSubmitted ? requireNextState('draft', 'submit') : 'draft',
    authorId: author.id,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await db.transaction('rw', db.qaPairs, db.auditEvents, async () => {
    await db.qaPairs.add(pair);
    await appendAudit(db, author, {
      action: 'qa.create',
      entity: 'qa-pair',
      entityId: pair.id,
      before: null,
      after: pair,
    });
  });
  return pair;
}

const actionOf: Record<ReviewDecision, QaAction> = {
  approve: 'approve',
  reject: 'reject',
  'request-changes': 'request-changes',
};

/** An expert's decision on a pair in review: the review is kept and the pair moves on. */
export async function reviewPair(
  db: TesseraDatabase,
  reviewer: Profile,
  pairId: string,
  decision: ReviewDecision,
  comment: string,
  now = new Date(),
): Promise<QaPair> {
  if (!isAllowed(reviewer.role, 'qa:review')) {
    throw new Error(
      `Only a clinical expert can review pairs; ${reviewer.name} is a ${reviewer.role}.`,
    );
  }
  if (decision !== 'approve' && comment.trim() === '') {
    throw new Error('A rejection or a request for changes needs a reason.');
  }
  return db.transaction('rw', db.qaPairs, db.reviews, db.auditEvents, async () => {
    const before = await db.qaPairs.get(pairId);
    if (!before) throw new Error(`No pair ${pairId}.`);
    const after: QaPair = {
      ...before,
      state: requireNextState(before.state, actionOf[decision]),
      updatedAt: now.toISOString(),
    };
    const review: Review = {
      id: newId('review', now),
      qaPairId: pairId,
      pairVersion: before.version,
      reviewerId: reviewer.id,
      decision,
      comment: comment.trim(),
      at: now.toISOString(),
    };
    await db.qaPairs.put(after);
    await db.reviews.add(review);
    await appendAudit(db, reviewer, {
      action: `qa.${decision}`,
      entity: 'qa-pair',
      entityId: pairId,
      before: { state: before.state },
      after: { state: after.state, review },
    });
    return after;
  });
}
