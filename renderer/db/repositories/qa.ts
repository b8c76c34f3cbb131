import { newId } from '../../../shared/model/ids';
import { isAllowed, type Action } from '../../../shared/model/permissions';
import type { Profile } from '../../../shared/model/people';
import type {
  Evidence,
  QaPair,
  QaTags,
  QaVersion,
  Review,
  ReviewDecision,
} from '../../../shared/model/qa';
import { evidenceProblems } from '../../../shared/qa/evidence';
import { pairFromDraft } from '../../../shared/qa/pairs';
import { isReviewReason } from '../../../shared/qa/reasons';
import {
  checkTransition,
  decisionProblems,
  permissionFor,
  TransitionRefusedError,
  type TransitionRequest,
} from '../../../shared/qa/review-rules';
import { draftProblems } from '../../../shared/qa/state';
import { applyEdit, contentOf, firstVersion, type QaEdit } from '../../../shared/qa/versions';
import { appendAudit } from '../audit';
import type { TesseraDatabase } from '../database';
import { readReviewPolicy } from './qa-policy';

export * from './qa-bulk';
export * from './qa-policy';
export * from './qa-records';
export type { StoredQaTemplate } from '../database';

export interface DraftInput {
  projectId: string;
  question: string;
  answer: string;
  evidence: Evidence[];
  tags?: QaTags;
  notes?: string;
  /** Send it straight to an expert instead of keeping it as a draft. */
  isSubmitted: boolean;
}

/** A pair written by hand, at version 1; kept as a draft or sent to review. */
export async function createPair(
  db: TesseraDatabase,
  author: Profile,
  input: DraftInput,
  now = new Date(),
): Promise<QaPair> {
  if (!isAllowed(author.role, 'qa:draft')) throw new Error(`A ${author.role} cannot draft pairs.`);
  const problems = [
    ...draftProblems(input, input.evidence.length),
    ...input.evidence.flatMap((evidence) => evidenceProblems(evidence)),
  ];
  if (problems.length > 0) throw new Error(`The pair is incomplete: ${problems.join(', ')}.`);
  const draft = {
    question: input.question,
    answer: input.answer,
    evidence: input.evidence,
    tags: input.tags ?? { free: [] },
    origin: 'manual' as const,
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
  const pair = pairFromDraft(draft, {
    id: newId('qa', now),
    projectId: input.projectId,
    authorId: author.id,
    at: now,
    isSubmitted: input.isSubmitted,
  });
  await db.transaction('rw', [db.qaPairs, db.qaVersions, db.auditEvents], async () => {
    await db.qaPairs.add(pair);
    await db.qaVersions.add(firstVersion(pair));
    await appendAudit(
      db,
      author,
      { action: 'qa.create', entity: 'qa-pair', entityId: pair.id, before: null, after: pair },
      now,
    );
  });
  return pair;
}

/**
 * Changes a pair's question, answer, tags, evidence or notes. A change to anything but the notes
 * is a new version, kept with who made it and when. Nothing changed: nothing is written.
 */
export async function editPair(
  db: TesseraDatabase,
  editor: Profile,
  pairId: string,
  edit: QaEdit,
  now = new Date(),
): Promise<QaPair> {
  return db.transaction(
    'rw',
    [db.qaPairs, db.qaVersions, db.reviews, db.meta, db.auditEvents],
    async () => {
      const before = await requirePair(db, pairId);
      await requireAllowed(db, before, editor, 'edit');
      const { pair, version } = applyEdit(before, edit, editor.id, now);
      if (pair === before) return before;
      const problems = [
        ...draftProblems(pair, pair.evidence.length),
        ...pair.evidence.flatMap((evidence) => evidenceProblems(evidence)),
      ];
      if (problems.length > 0) throw new Error(`The pair is incomplete: ${problems.join(', ')}.`);
      await db.qaPairs.put(pair);
      if (version) await db.qaVersions.add(version);
      await appendAudit(
        db,
        editor,
        {
          action: 'qa.edit',
          entity: 'qa-pair',
          entityId: pairId,
          before: { version: before.version, ...contentOf(before), notes: before.notes ?? '' },
          after: {
            version: pair.version,
            changed: version?.changed ?? [],
            ...contentOf(pair),
            notes: pair.notes ?? '',
          },
        },
        now,
      );
      return pair;
    },
  );
}

/** Sends a draft, or a pair reworked after a request for changes, to the experts. */
export async function submitPair(
  db: TesseraDatabase,
  author: Profile,
  pairId: string,
  now = new Date(),
): Promise<QaPair> {
  return db.transaction('rw', [db.qaPairs, db.reviews, db.meta, db.auditEvents], async () => {
    const before = await requirePair(db, pairId);
    const { next } = await requireAllowed(db, before, author, 'submit');
    const after: QaPair = { ...before, state: next, updatedAt: now.toISOString() };
    await db.qaPairs.put(after);
    await appendAudit(
      db,
      author,
      {
        action: 'qa.submit',
        entity: 'qa-pair',
        entityId: pairId,
        before: { state: before.state, version: before.version },
        after: { state: after.state, version: after.version },
      },
      now,
    );
    return after;
  });
}

export interface DecisionOptions {
  /** A reason from shared/qa/reasons.ts, beside or instead of the comment. */
  reasonCode?: string;
  now?: Date;
}

/**
 * An expert's decision on a pair in review, or a governance lead's on a disputed one. The review
 * rules decide whether this person may decide now and where the pair goes: under the two-expert
 * rule a first decision is kept (blind) and the pair waits for a second expert.
 */
export async function reviewPair(
  db: TesseraDatabase,
  reviewer: Profile,
  pairId: string,
  decision: ReviewDecision,
  comment: string,
  options: DecisionOptions = {},
): Promise<QaPair> {
  const { reasonCode } = options;
  const now = options.now ?? new Date();
  if (decisionProblems(decision, comment, reasonCode).length > 0) {
    throw new Error('A rejection or a request for changes needs a reason.');
  }
  if (reasonCode !== undefined && !isReviewReason(reasonCode)) {
    throw new Error(`"${reasonCode}" is not one of the listed reasons.`);
  }
  return db.transaction('rw', [db.qaPairs, db.reviews, db.meta, db.auditEvents], async () => {
    const before = await requirePair(db, pairId);
    const { next, records } = await requireAllowed(db, before, reviewer, decision);
    const review: Review = {
      id: newId('review', now),
      qaPairId: pairId,
      pairVersion: before.version,
      reviewerId: reviewer.id,
      decision,
      comment: comment.trim(),
      at: now.toISOString(),
      kind: records ?? 'review',
      ...(reasonCode === undefined ? {} : { reasonCode }),
    };
    // A first blind decision leaves the pair untouched, so nothing about it tells the second
    // expert that someone has decided.
    const after: QaPair =
      next === before.state ? before : { ...before, state: next, updatedAt: now.toISOString() };
    if (after !== before) await db.qaPairs.put(after);
    await db.reviews.add(review);
    await appendAudit(
      db,
      reviewer,
      {
        action: review.kind === 'resolution' ? 'qa.resolve' : `qa.${decision}`,
        entity: 'qa-pair',
        entityId: pairId,
        before: { state: before.state },
        after: { state: after.state, review },
      },
      now,
    );
    return after;
  });
}

/**
 * "Edit, then approve": an expert corrects a pair in review and approves the corrected version,
 * both or neither. Each step is audited as itself.
 */
export async function editThenApprove(
  db: TesseraDatabase,
  expert: Profile,
  pairId: string,
  edit: QaEdit,
  now = new Date(),
): Promise<QaPair> {
  return db.transaction(
    'rw',
    [db.qaPairs, db.qaVersions, db.reviews, db.meta, db.auditEvents],
    async () => {
      await editPair(db, expert, pairId, edit, now);
      return reviewPair(db, expert, pairId, 'approve', '', { now });
    },
  );
}

export async function listPairs(db: TesseraDatabase, projectId: string): Promise<QaPair[]> {
  return db.qaPairs.where('projectId').equals(projectId).toArray();
}

/** Every review of the project's pairs, oldest first. */
export async function listReviews(
  db: TesseraDatabase,
  pairIds: Iterable<string>,
): Promise<Review[]> {
  const wanted = new Set(pairIds);
  // One read of the table: an anyOf over thousands of ids is slower and makes live queries
  // watch thousands of ranges.
  const reviews = await db.reviews.filter((review) => wanted.has(review.qaPairId)).toArray();
  return reviews.sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
}

/**
 * The project's pairs written or changed at or after `since` (an ISO time; '' for all). Every
 * change of a pair moves its updatedAt, except an expert's first blind decision, which is a
 * review: see reviewsSince.
 */
export async function pairsChangedSince(
  db: TesseraDatabase,
  projectId: string,
  since: string,
): Promise<QaPair[]> {
  return db.qaPairs
    .where('[projectId+updatedAt]')
    .between([projectId, since], [projectId, '\uffff'], true, true)
    .toArray();
}

/** Reviews of any project made at or after `since` ('' for all); reviews never change. */
export async function reviewsSince(db: TesseraDatabase, since: string): Promise<Review[]> {
  return db.reviews.where('at').aboveOrEqual(since).toArray();
}

export async function listVersions(db: TesseraDatabase, pairId: string): Promise<QaVersion[]> {
  const versions = await db.qaVersions.where('qaPairId').equals(pairId).toArray();
  return versions.sort((a, b) => a.version - b.version);
}

async function requirePair(db: TesseraDatabase, pairId: string): Promise<QaPair> {
  const pair = await db.qaPairs.get(pairId);
  if (!pair) throw new Error(`No pair ${pairId}.`);
  return pair;
}

async function requireAllowed(
  db: TesseraDatabase,
  pair: QaPair,
  actor: Profile,
  action: TransitionRequest['action'],
) {
  const reviews = await db.reviews.where('qaPairId').equals(pair.id).toArray();
  const policy = await readReviewPolicy(db, pair.projectId);
  const verdict = checkTransition({ pair, reviews, actor, action, policy });
  if (verdict.ok) return verdict;
  const message =
    verdict.refusal === 'role'
      ? roleRefusal(permissionFor(pair.state, action), actor)
      : verdict.message;
  throw new TransitionRefusedError(verdict.refusal, message);
}

function roleRefusal(permission: Action, actor: Profile): string {
  const who = `${actor.name} is a ${actor.role}`;
  switch (permission) {
    case 'qa:review':
      return `Only a clinical expert can review pairs; ${who}.`;
    case 'qa:resolve':
      return `Only a governance lead can settle a dispute; ${who}.`;
    default:
      return `Only an annotator or a governance lead can write pairs; ${who}.`;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
