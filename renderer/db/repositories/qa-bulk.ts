import { newId } from '../../../shared/model/ids';
import { isAllowed } from '../../../shared/model/permissions';
import type { Profile } from '../../../shared/model/people';
import type { QaDraft, QaPair, QaTags } from '../../../shared/model/qa';
import { pairFromDraft } from '../../../shared/qa/pairs';
import type { RecordLayout } from '../../../shared/qa/template-expand';
import { firstVersion } from '../../../shared/qa/versions';
import { appendAudit } from '../audit';
import type { StoredQaTemplate, TesseraDatabase } from '../database';

export interface DraftImportInput {
  projectId: string;
  fileName: string;
  drafts: readonly QaDraft[];
  /** Send them straight to the experts instead of keeping them as drafts. */
  isSubmitted: boolean;
}

/**
 * Stores the drafts read from one file as pairs, all or none, with one audit event for the
 * import. Their ids share a prefix and number the drafts in file order, so the review queue
 * (ordered by creation) shows them as the file has them.
 */
export async function importDrafts(
  db: TesseraDatabase,
  author: Profile,
  input: DraftImportInput,
  now = new Date(),
): Promise<QaPair[]> {
  const pairs = pairsOf(author, input.projectId, input.drafts, input.isSubmitted, now);
  await db.transaction('rw', [db.qaPairs, db.qaVersions, db.auditEvents], async () => {
    await storePairs(db, pairs);
    await appendAudit(
      db,
      author,
      {
        action: 'qa.import',
        entity: 'project',
        entityId: input.projectId,
        before: null,
        after: { fileName: input.fileName, ...batchSummary(pairs) },
      },
      now,
    );
  });
  return pairs;
}

export interface TemplateInput {
  name: string;
  question: string;
  answer: string;
  tags: QaTags;
  sourceId: string;
  layout: RecordLayout;
}

export interface GeneratedPairsInput {
  projectId: string;
  template: TemplateInput;
  /** What expanding the template over the source's records drafted. */
  drafts: readonly QaDraft[];
  isSubmitted: boolean;
}

/**
 * Keeps the template and stores the pairs it drafted, marked generated and naming the template,
 * all or none, with one audit event. Generated pairs go through review like any other.
 */
export async function createFromTemplate(
  db: TesseraDatabase,
  author: Profile,
  input: GeneratedPairsInput,
  now = new Date(),
): Promise<{ template: StoredQaTemplate; pairs: QaPair[] }> {
  const template: StoredQaTemplate = {
    ...input.template,
    id: newId('qa-template', now),
    projectId: input.projectId,
    createdBy: author.id,
    createdAt: now.toISOString(),
  };
  const drafts = input.drafts.map((draft): QaDraft => ({
    ...draft,
    origin: 'generated',
    templateId: template.id,
  }));
  const pairs = pairsOf(author, input.projectId, drafts, input.isSubmitted, now);
  await db.transaction(
    'rw',
    [db.qaPairs, db.qaVersions, db.qaTemplates, db.auditEvents],
    async () => {
      await db.qaTemplates.add(template);
      await storePairs(db, pairs);
      await appendAudit(
        db,
        author,
        {
          action: 'qa.generate',
          entity: 'project',
          entityId: input.projectId,
          before: null,
          after: { template, ...batchSummary(pairs) },
        },
        now,
      );
    },
  );
  return { template, pairs };
}

export async function listTemplates(
  db: TesseraDatabase,
  projectId: string,
): Promise<StoredQaTemplate[]> {
  const templates = await db.qaTemplates.where('projectId').equals(projectId).toArray();
  return templates.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function pairsOf(
  author: Profile,
  projectId: string,
  drafts: readonly QaDraft[],
  isSubmitted: boolean,
  now: Date,
): QaPair[] {
  if (!isAllowed(author.role, 'qa:draft')) throw new Error(`A ${author.role} cannot draft pairs.`);
  if (drafts.length === 0) throw new Error('There are no drafts to store.');
  const batch = newId('qa', now);
  const width = String(drafts.length - 1).length;
  return drafts.map((draft, index) => {
    const where = draft.importedFrom
      ? `${draft.importedFrom.fileName}, line ${draft.importedFrom.line}: `
      : `Draft ${index + 1}: `;
    if (draft.question.trim() === '') throw new Error(`${where}the question is empty.`);
    if (draft.answer.trim() === '') throw new Error(`${where}the answer is empty.`);
    return pairFromDraft(draft, {
      id: `${batch}-${String(index).padStart(width, '0')}`,
      projectId,
      authorId: author.id,
      at: now,
      isSubmitted,
    });
  });
}

async function storePairs(db: TesseraDatabase, pairs: readonly QaPair[]): Promise<void> {
  await db.qaPairs.bulkAdd([...pairs]);
  await db.qaVersions.bulkAdd(pairs.map(firstVersion));
}

/** What a batch stored, in a few fields: its ids are the prefix and 0 … count − 1. */
function batchSummary(pairs: readonly QaPair[]) {
  const first = pairs[0]!;
  return {
    count: pairs.length,
    state: first.state,
    firstId: first.id,
    lastId: pairs.at(-1)!.id,
  };
}
