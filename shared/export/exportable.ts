/**
 * What the export pipeline needs to know about a question–answer pair, and nothing more. The app
 * and the command line adapt their stored pairs and reviews to this shape (see `from-bundle.ts`),
 * so the stored model can grow (versions, templates, review rounds) without the dataset code
 * following every change.
 */
import { foldFieldName } from '../deid/fields';

/**
 * Something a pair cites: a record (or one field of it), a region of a scanned page, a passage of
 * a document. Records need only the first four fields; other kinds say how to show themselves
 * (`label`) and what they are about (`groupKey`).
 */
export interface ExportEvidence {
  /** Where the cited record came from; with `row` it names one record. */
  sourceId: string;
  sourceName: string;
  row: number;
  /** The cited fields as they were when the pair was written (raw or canonical names). */
  fields: Readonly<Record<string, string>>;
  /** How the context names this evidence; "<sourceName>, row <row + 1>" when absent. */
  label?: string;
  /** The group this evidence puts the pair in; `record:<sourceId>#<row>` when absent. */
  groupKey?: string;
}

export interface ExportablePair {
  id: string;
  question: string;
  answer: string;
  /** Review state: 'approved', 'in-review', 'draft', 'rejected', 'needs-changes' … */
  state: string;
  tags: readonly string[];
  /** Everyone who approved the current version of the pair. */
  reviewerIds: readonly string[];
  /** When the current version was (last) approved, ISO 8601; absent when never approved. */
  approvedAt?: string;
  /** Approved by two experts independently (two distinct approvals, or a two-expert review). */
  isTwoExpert: boolean;
  /**
   * Keys of the people or records the pair is about. Pairs that share any key stay in one split,
   * and dates are shifted by one offset per first key; see `evidenceGroupKeys`.
   */
  groupKeys: readonly string[];
  evidence: readonly ExportEvidence[];
  /** A passage that goes with the question (reading comprehension); always part of the prompt. */
  context?: string;
}

/**
 * Field names that hold a patient (or customer) identifier, so that every pair about one person
 * falls into one group whatever record it cites. Compared case-insensitively, ignoring spaces,
 * underscores, hyphens and colons.
 */
export const defaultPatientIdFields: readonly string[] = [
  'patient_id',
  'patientid',
  'subject_id',
  'person_id',
  'mrn',
  'medical_record_number',
  'patient id',
  '患者id',
  '患者编号',
  '病人id',
  '病案号',
  '住院号',
  '门诊号',
  '病历号',
  '身份证号',
];

/**
 * The group keys of a pair from its evidence: `patient:<id>` when a cited record names its
 * patient in one of `patientIdFields`, else the evidence's own group key or
 * `record:<sourceId>#<row>`; a pair without evidence is its own group (`pair:<id>`). Sorted and
 * distinct, so the first key is stable.
 */
export function evidenceGroupKeys(
  pairId: string,
  evidence: readonly ExportEvidence[],
  patientIdFields: readonly string[] = defaultPatientIdFields,
): string[] {
  const wanted = new Set(patientIdFields.map(foldFieldName));
  const keys = new Set<string>();
  for (const item of evidence) {
    const patient = Object.entries(item.fields).find(
      ([name, value]) => wanted.has(foldFieldName(name)) && value.trim() !== '',
    );
    keys.add(
      patient
        ? `patient:${patient[1].trim()}`
        : (item.groupKey ?? `record:${item.sourceId}#${item.row}`),
    );
  }
  if (keys.size === 0) keys.add(`pair:${pairId}`);
  return [...keys].sort();
}
