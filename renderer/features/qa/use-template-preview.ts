import { useDeferredValue, useMemo } from 'react';
import {
  expandTemplate,
  layoutProblems,
  type Expansion,
  type NormalizedRecord,
  type RecordLayout,
} from '../../../shared/qa/template-expand';
import {
  parseTemplate,
  templateErrors,
  type QaTemplateText,
  type TemplateError,
} from '../../../shared/qa/template-parse';
import { aboutTerm, vocabularyFor, type TermName } from './template-setup';

/** A layout a person chose for one source; another source starts from its own guess. */
export interface LayoutChoice {
  sourceId: string;
  layout: RecordLayout;
}

export interface TemplatePreviewInput {
  text: QaTemplateText;
  fields: readonly string[];
  records: readonly NormalizedRecord[];
  layout: RecordLayout;
  candidates: readonly TermName[];
  /** The term chosen by hand (nameEn), '' for none, null to let the template's text decide. */
  aboutChoice: string | null;
}

export interface TemplatePreview {
  about: TermName | null;
  errors: TemplateError[];
  layoutProblems: string[];
  /** The drafts the template gives; null while it cannot be applied. */
  expansion: Expansion | null;
}

/**
 * What a template gives over the records, recomputed on a deferred copy of the text so typing
 * stays quick on a large source.
 */
export function useTemplatePreview(input: TemplatePreviewInput): TemplatePreview {
  const text = useDeferredValue(input.text);
  const { fields, records, layout, candidates, aboutChoice } = input;
  return useMemo(() => {
    const about =
      aboutChoice === null
        ? aboutTerm(text, candidates)
        : (candidates.find((term) => term.nameEn === aboutChoice) ?? null);
    const vocabulary = vocabularyFor(fields, about, text);
    const isEmpty = text.question.trim() === '' || text.answer.trim() === '';
    const errors = templateErrors(text, vocabulary);
    if (isEmpty || errors.length > 0) return { about, errors, layoutProblems: [], expansion: null };
    const parsed = parseTemplate(text, vocabulary);
    const problems = layoutProblems(parsed, layout);
    if (problems.length > 0) return { about, errors, layoutProblems: problems, expansion: null };
    return {
      about,
      errors,
      layoutProblems: [],
      expansion: expandTemplate({ id: 'preview', parsed }, records, layout),
    };
  }, [text, fields, records, layout, candidates, aboutChoice]);
}
