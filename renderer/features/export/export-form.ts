/**
 * The export screen's choices as the person makes them (percentages, text fields, one line per
 * name), and how they become the settings shared/export runs on. Kept apart from the components
 * so the translation is tested without a browser.
 */
import type { CurationSettings } from '../../../shared/export/curate';
import {
  defaultOutputSettings,
  type DatasetOutputSettings,
  type QaFormat,
} from '../../../shared/export/dataset-files';
import { checkCurationSettings } from '../../../shared/export/curate';
import { defaultDedupeSettings } from '../../../shared/export/dedupe';
import { defaultPairFilter } from '../../../shared/export/filters';
import type { Project } from '../../../shared/model/records';

export type RecordFormat = 'none' | 'jsonl' | 'csv' | 'parquet';

export interface ExportForm {
  format: QaFormat;
  hfDataFormat: 'jsonl' | 'parquet';
  systemPrompt: string;
  includeEvidence: boolean;
  license: string;
  states: string[];
  anyTags: string[];
  excludeTags: string[];
  reviewerIds: string[];
  /** YYYY-MM-DD or ''. */
  approvedFrom: string;
  approvedTo: string;
  twoExpertOnly: boolean;
  dedupe: 'none' | 'exact' | 'near';
  /** Jaccard similarity of character shingles at which two pairs count as one. */
  threshold: number;
  /** Percentages of the pairs for train, validation and test. */
  train: number;
  validation: number;
  test: number;
  seed: number;
  /** Tag or tag prefix ("topic:") to balance the splits by; '' for none. */
  stratifyByTag: string;
  deidentify: boolean;
  deidMode: 'placeholder' | 'pseudonym';
  dates: 'shift' | 'placeholder' | 'keep';
  /** Extra names to remove, one per line. */
  names: string;
  records: RecordFormat;
  includeRaw: boolean;
  mappings: boolean;
  corrections: boolean;
}

export const defaultExportForm: ExportForm = {
  format: 'openai-chat',
  hfDataFormat: 'jsonl',
  systemPrompt: '',
  includeEvidence: false,
  license: defaultOutputSettings.card.license,
  states: [...defaultPairFilter.states],
  anyTags: [],
  excludeTags: [],
  reviewerIds: [],
  approvedFrom: '',
  approvedTo: '',
  twoExpertOnly: false,
  dedupe: 'near',
  threshold: defaultDedupeSettings.threshold,
  train: 80,
  validation: 10,
  test: 10,
  seed: 42,
  stratifyByTag: '',
  deidentify: false,
  deidMode: 'placeholder',
  dates: 'shift',
  names: '',
  records: 'jsonl',
  includeRaw: false,
  mappings: true,
  corrections: false,
};

export function namesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;，；]/)
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
  ];
}

export function curationOf(form: ExportForm): CurationSettings {
  const percent = form.train + form.validation + form.test;
  return {
    filter: {
      ...defaultPairFilter,
      states: form.states,
      anyTags: form.anyTags,
      excludeTags: form.excludeTags,
      reviewerIds: form.reviewerIds,
      twoExpertOnly: form.twoExpertOnly,
      ...(form.approvedFrom === '' ? {} : { approvedFrom: form.approvedFrom }),
      ...(form.approvedTo === '' ? {} : { approvedTo: form.approvedTo }),
    },
    dedupe:
      form.dedupe === 'none'
        ? null
        : form.dedupe === 'exact'
          ? { ...defaultDedupeSettings, near: false }
          : { ...defaultDedupeSettings, threshold: form.threshold },
    split: {
      // Shares of the whole, so 80/10/10 and 8/1/1 mean the same; an all-zero form stays
      // invalid and is reported.
      ratios: {
        train: percent > 0 ? form.train / percent : 0,
        validation: percent > 0 ? form.validation / percent : 0,
        test: percent > 0 ? form.test / percent : 0,
      },
      seed: form.seed,
      ...(form.stratifyByTag.trim() === '' ? {} : { stratifyByTag: form.stratifyByTag.trim() }),
    },
    deidentify: form.deidentify
      ? { mode: form.deidMode, dates: form.dates, names: namesOf(form.names) }
      : null,
  };
}

export function outputOf(form: ExportForm, project: Project): DatasetOutputSettings {
  return {
    ...defaultOutputSettings,
    format: form.format,
    hfDataFormat: form.hfDataFormat,
    prompt: { systemPrompt: form.systemPrompt, includeEvidence: form.includeEvidence },
    // Excel opens a UTF-8 CSV as such only with a byte order mark; Chinese text needs it.
    csvBom: true,
    card: {
      ...defaultOutputSettings.card,
      prettyName: `${project.name} question–answer pairs`,
      license: form.license.trim() || 'other',
    },
  };
}

/** What stops the export, in words a person can act on; empty when it may run. */
export function formProblems(form: ExportForm): string[] {
  const problems = checkCurationSettings(curationOf(form));
  if ([form.train, form.validation, form.test].some((value) => !(value >= 0)))
    problems.push('Split percentages must be 0 or more.');
  else if (form.train + form.validation + form.test === 0)
    problems.push('At least one split needs a share of the pairs.');
  return [...new Set(problems)];
}

/** "tessera-Ward-7-20261121-090000": a folder name any file system takes, sorted by time. */
export function folderNameFor(project: Project, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safe = project.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
  return `tessera-${safe}-${stamp}`;
}
