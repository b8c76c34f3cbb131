import { isAllowed } from '../../../shared/model/permissions';
import type { Profile } from '../../../shared/model/people';
import { singleExpertPolicy, type QaReviewPolicy } from '../../../shared/model/qa';
import { appendAudit } from '../audit';
import type { TesseraDatabase } from '../database';

/** The meta entry holding a project's review policy: a setting, not a table of its own. */
export function reviewPolicyKey(projectId: string): string {
  return `qa.reviewPolicy:${projectId}`;
}

/** Whether the project needs two experts' approval; one expert when never set. */
export async function readReviewPolicy(
  db: TesseraDatabase,
  projectId: string,
): Promise<QaReviewPolicy> {
  const entry = await db.meta.get(reviewPolicyKey(projectId));
  return isPolicy(entry?.value)
    ? { isTwoExpertRule: entry.value.isTwoExpertRule }
    : singleExpertPolicy;
}

/**
 * A governance lead turns the two-expert rule on or off for a project. The lead settles the
 * disputes the rule produces, so the lead's permission to resolve is the one that counts here.
 * Decisions already made stay as they are: the rule applies to the next decision on each pair.
 */
export async function setReviewPolicy(
  db: TesseraDatabase,
  lead: Profile,
  projectId: string,
  policy: QaReviewPolicy,
  now = new Date(),
): Promise<QaReviewPolicy> {
  if (!isAllowed(lead.role, 'qa:resolve')) {
    throw new Error(
      `Only a governance lead can set the review rule; ${lead.name} is a ${lead.role}.`,
    );
  }
  return db.transaction('rw', [db.meta, db.auditEvents], async () => {
    const before = await readReviewPolicy(db, projectId);
    const after: QaReviewPolicy = { isTwoExpertRule: policy.isTwoExpertRule };
    if (before.isTwoExpertRule === after.isTwoExpertRule) return before;
    await db.meta.put({ key: reviewPolicyKey(projectId), value: after });
    await appendAudit(
      db,
      lead,
      { action: 'qa.policy', entity: 'project', entityId: projectId, before, after },
      now,
    );
    return after;
  });
}

function isPolicy(value: unknown): value is QaReviewPolicy {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['isTwoExpertRule'] === 'boolean'
  );
}
