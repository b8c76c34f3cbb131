/**
 * Question–answer pairs, the evidence they cite, their versions and the reviews they get.
 *
 * Fields added after the first release are optional so that pairs stored before them still load;
 * `tagsOf` and `originOf` give their defaults.
 */

/**
 * draft → in-review → approved | rejected | needs-changes; needs-changes → in-review after an
 * edit. `disputed`: under the two-expert rule, one expert approved and the other did not, and a
 * governance lead decides.
 */
export const qaStates = [
  'draft',
  'in-review',
  'disputed',
  'approved',
  'rejected',
  'needs-changes',
] as const;
export type QaState = (typeof qaStates)[number];

/** A whole record a pair cites. */
export interface RecordEvidence {
  kind: 'record';
  sourceId: string;
  sourceName: string;
  row: number;
  line: number;
  /** The cited fields as they were when the pair was written, so evidence survives re-imports. */
  fields: Record<string, string>;
}

/** One field of one record. */
export interface FieldEvidence {
  kind: 'field';
  sourceId: string;
  sourceName: string;
  row: number;
  line: number;
  /** The field's name in the source file. */
  field: string;
  /** The dictionary name the field is mapped to, when it is. */
  canonical?: string;
  /** The value as it was when the pair was written. */
  value: string;
}

/** Characters [start, end) of a page's corrected OCR text, with the text they hold. */
export interface TextSpan {
  kind: 'span';
  start: number;
  end: number;
  text: string;
}

/** [x0, y0, x1, y1] in page pixels, top-left origin. */
export type BoxCoordinates = [number, number, number, number];

/** A rectangle drawn on a page image, with the OCR text inside it. */
export interface PageBox {
  kind: 'box';
  box: BoxCoordinates;
  text: string;
}

/** A region of one page of a scanned document. */
export interface OcrRegionEvidence {
  kind: 'ocr-region';
  scanId: string;
  scanName: string;
  /** 1-based page number. */
  page: number;
  region: TextSpan | PageBox;
}

/**
 * A passage or document an imported pair rests on (MedQuAD's source page, a CSV's evidence
 * column), pinned to the line of the import file it came from.
 */
export interface DocumentEvidence {
  kind: 'document';
  fileName: string;
  line: number;
  title: string;
  url?: string;
  publisher?: string;
  text?: string;
}

export type Evidence = RecordEvidence | FieldEvidence | OcrRegionEvidence | DocumentEvidence;

export const difficulties = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof difficulties)[number];

export interface QaTags {
  department?: string;
  topic?: string;
  difficulty?: Difficulty;
  /** Any other labels, in the order given, without repeats. */
  free: string[];
}

/** generated: drafted by a template from records; it still needs an expert like any other. */
export const qaOrigins = ['manual', 'imported', 'generated'] as const;
export type QaOrigin = (typeof qaOrigins)[number];

/** Where an imported pair came from, for finding it in the original file. */
export interface ImportOrigin {
  fileName: string;
  line: number;
  /** The pair's id in the file, when it has one (MedQuAD's qid). */
  externalId?: string;
}

export interface QaPair {
  id: string;
  projectId: string;
  question: string;
  answer: string;
  evidence: Evidence[];
  state: QaState;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  tags?: QaTags;
  /** The author's notes to reviewers; not part of the training data. */
  notes?: string;
  /** A passage that goes with the question, from an import's context column. */
  context?: string;
  origin?: QaOrigin;
  importedFrom?: ImportOrigin;
  /** The template a generated pair came from. */
  templateId?: string;
}

/** A pair before it is stored: what imports and templates produce and the drafting form holds. */
export interface QaDraft {
  question: string;
  answer: string;
  evidence: Evidence[];
  tags: QaTags;
  origin: QaOrigin;
  notes?: string;
  context?: string;
  importedFrom?: ImportOrigin;
  templateId?: string;
}

export type ReviewDecision = 'approve' | 'reject' | 'request-changes';

/**
 * review: a clinical expert's decision on a pair in review. resolution: a governance lead's
 * decision on a disputed pair.
 */
export type ReviewKind = 'review' | 'resolution';

export interface Review {
  id: string;
  qaPairId: string;
  pairVersion: number;
  reviewerId: string;
  decision: ReviewDecision;
  comment: string;
  at: string;
  /** Absent on reviews stored before resolutions existed: those are all 'review'. */
  kind?: ReviewKind;
  /** A reason picked from the list in shared/qa/reasons.ts, beside or instead of a comment. */
  reasonCode?: string;
}

/** Per project: whether a pair needs two experts' independent approval. */
export interface QaReviewPolicy {
  isTwoExpertRule: boolean;
}

export const singleExpertPolicy: QaReviewPolicy = { isTwoExpertRule: false };

/** The parts of a pair that are versioned: every change to one of them makes a new version. */
export const versionedFields = ['question', 'answer', 'tags', 'evidence'] as const;
export type VersionedField = (typeof versionedFields)[number];

export interface QaContent {
  question: string;
  answer: string;
  tags: QaTags;
  evidence: Evidence[];
}

/** One immutable state of a pair's content: who made it, when, and what it changed. */
export interface QaVersion extends QaContent {
  /** `<pair id>@<version>`, so a version's key follows from the pair and its number. */
  id: string;
  qaPairId: string;
  version: number;
  editedBy: string;
  editedAt: string;
  /** What differs from the version before; empty for version 1. */
  changed: VersionedField[];
}

export function tagsOf(pair: Pick<QaPair, 'tags'>): QaTags {
  return pair.tags ?? { free: [] };
}

export function originOf(pair: Pick<QaPair, 'origin'>): QaOrigin {
  return pair.origin ?? 'manual';
}

export function reviewKindOf(review: Pick<Review, 'kind'>): ReviewKind {
  return review.kind ?? 'review';
}
