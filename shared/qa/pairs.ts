import type { QaDraft, QaPair } from '../model/qa';
import { requireNextState } from './state';
import { normalizeTags } from './tags';

export interface NewPairFacts {
  id: string;
  projectId: string;
  authorId: string;
  at: Date;
  /** Straight to review rather than kept as a draft. */
  isSubmitted: boolean;
}

/**
 * The pair a draft becomes, at version 1. Drafts from imports and templates keep their origin:
 * a generated pair goes to the same expert review as any other.
 */
export function pairFromDraft(draft: QaDraft, facts: NewPairFacts): QaPair {
  const at = facts.at.toISOString();
  const pair: QaPair = {
    id: facts.id,
    projectId: facts.projectId,
    question: draft.question.trim(),
    answer: draft.answer.trim(),
    evidence: draft.evidence,
    state: facts.isSubmitted ? requireNextState('draft', 'submit') : 'draft',
    authorId: facts.authorId,
    createdAt: at,
    updatedAt: at,
    version: 1,
    tags: normalizeTags(draft.tags),
    origin: draft.origin,
  };
  const notes = draft.notes?.trim();
  if (notes) pair.notes = notes;
  const context = draft.context?.trim();
  if (context) pair.context = context;
  if (draft.importedFrom) pair.importedFrom = draft.importedFrom;
  if (draft.templateId !== undefined) pair.templateId = draft.templateId;
  return pair;
}
