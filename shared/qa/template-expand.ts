import type { QaDraft, QaTags, RecordEvidence } from '../model/qa';
import { normalizeTags } from './tags';
import type { ParsedTemplate, TemplatePart, TemplateTerm } from './template-parse';

/** A record under canonical field names (raw names where unmapped), with where it came from. */
export interface NormalizedRecord {
  sourceId: string;
  sourceName: string;
  row: number;
  line: number;
  fields: Record<string, string>;
}

/**
 * wide: one record per patient or visit, a field per measurement named by its term; the unit of
 * a measurement is in the field `unitFields[term]`, if there is one.
 * long: one record per measurement, as lab systems export them: the test's (canonical) name is
 * the value of `testField`, its result and unit are in sibling fields.
 *
 * Units never come from the dictionary's usual unit: a value printed with a unit its source did
 * not use would be a wrong clinical statement.
 */
export type RecordLayout =
  | { kind: 'wide'; unitFields?: Record<string, string> }
  | { kind: 'long'; testField: string; valueField: string; unitField?: string };

export interface TemplateSource {
  id: string;
  parsed: ParsedTemplate;
  tags?: QaTags;
}

export interface ExpansionSkip {
  sourceName: string;
  row: number;
  line: number;
  reason: string;
}

export interface Expansion {
  drafts: QaDraft[];
  /** Records the template was about but could not be filled from, and why. */
  skipped: ExpansionSkip[];
  /**
   * Records the template is not about: in the long layout, rows of other tests; in the wide
   * layout, records without a field for the term at all (another source's columns).
   */
  unmatched: number;
}

/**
 * What keeps a layout from filling a template at all, as opposed to a record that lacks a value:
 * the person setting up the expansion fixes these once instead of reading one skip per record.
 */
export function layoutProblems(parsed: ParsedTemplate, layout: RecordLayout): string[] {
  const { term } = parsed;
  if (!term || !usesPart(parsed, 'unit')) return [];
  const unitField = layout.kind === 'long' ? layout.unitField : layout.unitFields?.[term.name];
  return unitField === undefined
    ? [`The template uses {unit}, but no field holds the unit of ${term.name}.`]
    : [];
}

/**
 * Drafts one pair per record (wide) or per measurement of the template's term (long). Each draft
 * is marked generated, cites the fields it was filled from, and still needs an expert. Throws a
 * RangeError when the layout cannot fill the template (see layoutProblems).
 */
export function expandTemplate(
  template: TemplateSource,
  records: Iterable<NormalizedRecord>,
  layout: RecordLayout,
): Expansion {
  const { parsed } = template;
  const [problem] = layoutProblems(parsed, layout);
  if (problem !== undefined) throw new RangeError(problem);
  const tags = normalizeTags(template.tags ?? { free: [] });
  const drafts: QaDraft[] = [];
  const skipped: ExpansionSkip[] = [];
  let unmatched = 0;
  for (const record of records) {
    if (parsed.term && !isAbout(parsed.term, record, layout)) {
      unmatched++;
      continue;
    }
    const filled = fill(parsed, record, layout);
    if ('reason' in filled) {
      const { sourceName, row, line } = record;
      skipped.push({ sourceName, row, line, reason: filled.reason });
      continue;
    }
    drafts.push({
      question: render(parsed.question, filled.values),
      answer: render(parsed.answer, filled.values),
      evidence: [
        {
          kind: 'record',
          sourceId: record.sourceId,
          sourceName: record.sourceName,
          row: record.row,
          line: record.line,
          fields: filled.cited,
        } satisfies RecordEvidence,
      ],
      tags,
      origin: 'generated',
      templateId: template.id,
    });
  }
  return { drafts, skipped, unmatched };
}

interface Filled {
  values: Map<string, string>;
  cited: Record<string, string>;
}

/** The text of every placeholder the template uses, or the first reason one has none. */
function fill(
  parsed: ParsedTemplate,
  record: NormalizedRecord,
  layout: RecordLayout,
): Filled | { reason: string } {
  const values = new Map<string, string>();
  const cited: Record<string, string> = {};
  const read = (field: string, what: string): string | { reason: string } => {
    const value = record.fields[field];
    if (value === undefined) return { reason: `${what}: the record has no field "${field}".` };
    if (value.trim() === '') return { reason: `${what}: "${field}" is empty.` };
    cited[field] = value;
    return value.trim();
  };
  for (const field of parsed.fields) {
    const value = read(field, `{${field}}`);
    if (typeof value !== 'string') return value;
    values.set(`field:${field}`, value);
  }
  const { term } = parsed;
  if (!term) return { values, cited };

  values.set(`term:${term.name}`, term.label);
  if (layout.kind === 'long') cited[layout.testField] = record.fields[layout.testField] ?? '';
  // In the wide layout the term's own field is the measurement: without a value there is
  // nothing to ask about, whether or not the text prints it.
  if (layout.kind === 'wide' || usesPart(parsed, 'value')) {
    const field = layout.kind === 'long' ? layout.valueField : term.name;
    const value = read(field, `the value of ${term.name}`);
    if (typeof value !== 'string') return value;
    values.set('value', value);
  }
  const unitField = layout.kind === 'long' ? layout.unitField : layout.unitFields?.[term.name];
  if (usesPart(parsed, 'unit') && unitField !== undefined) {
    const unit = read(unitField, `the unit of ${term.name}`);
    if (typeof unit !== 'string') return unit;
    values.set('unit', unit);
  }
  return { values, cited };
}

function isAbout(term: TemplateTerm, record: NormalizedRecord, layout: RecordLayout): boolean {
  if (layout.kind === 'wide') return record.fields[term.name] !== undefined;
  const test = (record.fields[layout.testField] ?? '').trim();
  return test === term.name || test === term.label;
}

function usesPart(parsed: ParsedTemplate, kind: TemplatePart['kind']): boolean {
  return [...parsed.question, ...parsed.answer].some((part) => part.kind === kind);
}

function render(parts: readonly TemplatePart[], values: ReadonlyMap<string, string>): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text;
        case 'field':
        case 'term':
          return values.get(`${part.kind}:${part.name}`) ?? '';
        default:
          return values.get(part.kind) ?? '';
      }
    })
    .join('')
    .trim();
}
