import { canonicalJson } from '../audit/canonical';
import {
  tagsOf,
  type Evidence,
  type QaContent,
  type QaPair,
  type QaTags,
  type QaVersion,
  type VersionedField,
} from '../model/qa';
import { normalizeTags, tagKeys } from './tags';
import { diffText, type DiffPart } from './text-diff';

export function contentOf(pair: QaPair): QaContent {
  return {
    question: pair.question,
    answer: pair.answer,
    tags: tagsOf(pair),
    evidence: pair.evidence,
  };
}

/** Which versioned parts differ. Tags compare after normalizing; evidence ignores its order. */
export function changedFields(before: QaContent, after: QaContent): VersionedField[] {
  const changed: VersionedField[] = [];
  if (before.question !== after.question) changed.push('question');
  if (before.answer !== after.answer) changed.push('answer');
  if (tagsText(before.tags) !== tagsText(after.tags)) changed.push('tags');
  if (evidenceText(before.evidence) !== evidenceText(after.evidence)) changed.push('evidence');
  return changed;
}

/**
 * The first version of a pair: its content as created, by its author. (For a pair stored before
 * versions were kept, the version it has now, as the earliest one known.)
 */
export function firstVersion(pair: QaPair): QaVersion {
  return sealVersion(pair, pair.authorId, pair.createdAt, []);
}

export interface QaEdit {
  question?: string;
  answer?: string;
  tags?: QaTags;
  evidence?: Evidence[];
  /** Notes are for reviewers, not training data: changing them alone makes no new version. */
  notes?: string;
}

export interface EditResult {
  pair: QaPair;
  /** The new version, or null when nothing versioned changed. */
  version: QaVersion | null;
}

/**
 * The pair after an edit, and the version the edit makes. The pair given is left as it was.
 * Whether this person may edit the pair now is the review rules' call (checkTransition 'edit'),
 * made before this.
 */
export function applyEdit(pair: QaPair, edit: QaEdit, editorId: string, at: Date): EditResult {
  const before = contentOf(pair);
  const after: QaContent = {
    question: edit.question?.trim() ?? before.question,
    answer: edit.answer?.trim() ?? before.answer,
    tags: edit.tags ? normalizeTags(edit.tags) : before.tags,
    evidence: edit.evidence ?? before.evidence,
  };
  const changed = changedFields(before, after);
  const notes = edit.notes?.trim();
  const isNotesChanged = notes !== undefined && notes !== (pair.notes ?? '');
  if (changed.length === 0 && !isNotesChanged) return { pair, version: null };

  const updated: QaPair = { ...pair, updatedAt: at.toISOString() };
  if (isNotesChanged) updated.notes = notes;
  if (changed.length === 0) return { pair: updated, version: null };
  Object.assign(updated, after, { version: pair.version + 1 });
  return { pair: updated, version: sealVersion(updated, editorId, updated.updatedAt, changed) };
}

export interface VersionDiff {
  question: DiffPart[];
  answer: DiffPart[];
  tags: { added: string[]; removed: string[] };
  evidence: { added: Evidence[]; removed: Evidence[] };
}

/** What differs between two versions, ready to show: texts as runs, tags and evidence as sets. */
export function diffVersions(before: QaContent, after: QaContent): VersionDiff {
  const tagsBefore = new Set(tagKeys(normalizeTags(before.tags)));
  const tagsAfter = new Set(tagKeys(normalizeTags(after.tags)));
  const textsBefore = new Set(before.evidence.map((item) => canonicalJson(item)));
  const textsAfter = new Set(after.evidence.map((item) => canonicalJson(item)));
  return {
    question: diffText(before.question, after.question),
    answer: diffText(before.answer, after.answer),
    tags: {
      added: [...tagsAfter].filter((key) => !tagsBefore.has(key)),
      removed: [...tagsBefore].filter((key) => !tagsAfter.has(key)),
    },
    evidence: {
      added: after.evidence.filter((item) => !textsBefore.has(canonicalJson(item))),
      removed: before.evidence.filter((item) => !textsAfter.has(canonicalJson(item))),
    },
  };
}

/**
 * A version holds its own deep copy, frozen: later edits of the pair, or of objects it was built
 * from, cannot reach back into the history.
 */
function sealVersion(
  pair: QaPair,
  editedBy: string,
  editedAt: string,
  changed: VersionedField[],
): QaVersion {
  const version: QaVersion = structuredClone({
    id: `${pair.id}@${pair.version}`,
    qaPairId: pair.id,
    version: pair.version,
    ...contentOf(pair),
    editedBy,
    editedAt,
    changed,
  });
  return deepFreeze(version);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function tagsText(tags: QaTags): string {
  return canonicalJson(normalizeTags(tags));
}

/** Order-free: the same evidence cited in another order is the same evidence. */
function evidenceText(evidence: readonly Evidence[]): string {
  return evidence
    .map((item) => canonicalJson(item))
    .sort()
    .join('\n');
}
