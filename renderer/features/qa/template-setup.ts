import type { NormalizedRecord, RecordLayout } from '../../../shared/qa/template-expand';
import type { TemplateTerm, TemplateVocabulary } from '../../../shared/qa/template-parse';

/** A dictionary term as the template screen needs it. */
export interface TermName {
  nameEn: string;
  nameZh: string;
  /** Units the term is measured in; none for things that are not measured (sex, a date). */
  units: readonly string[];
}

const valueNames = ['value', 'result', 'results', 'resultvalue', '结果', '检验结果', '数值', '值'];
const unitNames = ['unit', 'units', '单位'];

function fold(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/gu, '');
}

function fieldNamed(fields: readonly string[], names: readonly string[]): string | undefined {
  return fields.find((field) => names.includes(fold(field)));
}

/**
 * The layout records most likely have: long when a column's values name dictionary terms (a lab
 * export's test column), with value and unit columns found by their names; wide otherwise.
 */
export function guessLayout(
  fields: readonly string[],
  records: readonly NormalizedRecord[],
  terms: readonly TermName[],
): RecordLayout {
  const names = new Set(terms.flatMap((term) => [term.nameEn, term.nameZh]));
  let best: { field: string; hits: number } | null = null;
  for (const field of fields) {
    const hits = records.filter((record) => names.has((record.fields[field] ?? '').trim())).length;
    if (hits > 0 && (best === null || hits > best.hits)) best = { field, hits };
  }
  const valueField = fieldNamed(fields, valueNames);
  if (best === null || valueField === undefined) return { kind: 'wide' };
  const unitField = fieldNamed(fields, unitNames);
  return {
    kind: 'long',
    testField: best.field,
    valueField,
    ...(unitField === undefined ? {} : { unitField }),
  };
}

/**
 * Terms a template over these records can be about: measured in them, as a column of their own
 * (a term that is not a measurement, such as sex, stays a plain field) or as a test.
 */
export function candidateTerms(
  terms: readonly TermName[],
  fields: readonly string[],
  records: readonly NormalizedRecord[],
  layout: RecordLayout,
): TermName[] {
  if (layout.kind === 'wide') {
    return terms.filter((term) => term.units.length > 0 && fields.includes(term.nameEn));
  }
  const tests = new Set(records.map((record) => (record.fields[layout.testField] ?? '').trim()));
  return terms.filter((term) => tests.has(term.nameEn) || tests.has(term.nameZh));
}

/** Placeholder names in a template text, `{{` and `}}` being literal braces. */
export function placeholderNames(text: string): { name: string; offset: number }[] {
  const names: { name: string; offset: number }[] = [];
  const pattern = /\{\{|\}\}|\{([^{}]*)\}/gu;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) names.push({ name: match[1].trim(), offset: match.index });
  }
  return names;
}

/**
 * Which candidate the template is about: the one its placeholders name, and of several the last
 * one named before {value} (in "患者{Age}岁，{Hemoglobin}为{value}" the value is hemoglobin's).
 */
export function aboutTerm(
  template: { question: string; answer: string },
  candidates: readonly TermName[],
): TermName | null {
  const named = placeholderNames(`${template.question}\n${template.answer}`);
  const termOf = (name: string) =>
    candidates.find((term) => term.nameEn === name || term.nameZh === name);
  const mentioned = named.flatMap((entry) => {
    const term = termOf(entry.name);
    return term ? [{ term, offset: entry.offset }] : [];
  });
  const measure = named.find((entry) => entry.name === 'value' || entry.name === 'unit');
  const before = measure ? mentioned.filter((entry) => entry.offset < measure.offset) : [];
  return (before.at(-1) ?? mentioned[0])?.term ?? null;
}

/**
 * The names a template may use: the records' fields, and the one term it is about, labelled in
 * the template's own language (a Chinese template says 血红蛋白, an English one Hemoglobin).
 * Other terms that are columns stay plain fields, so {Age} beside {Hemoglobin} reads the age.
 */
export function vocabularyFor(
  fields: readonly string[],
  about: TermName | null,
  template: { question: string; answer: string },
): TemplateVocabulary {
  if (about === null) return { fields, terms: [] };
  const isChinese = /\p{Script=Han}/u.test(template.question + template.answer);
  const term: TemplateTerm = {
    name: about.nameEn,
    label: isChinese && about.nameZh !== '' ? about.nameZh : about.nameEn,
  };
  return { fields: fields.filter((field) => field !== about.nameEn), terms: [term] };
}
