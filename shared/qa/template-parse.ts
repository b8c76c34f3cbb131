/**
 * Question and answer templates, e.g. "患者{age}岁，{Hemoglobin}为{value}{unit}，是否贫血？".
 *
 * The binding syntax:
 * - `{name}` is a placeholder. Spaces just inside the braces are ignored.
 * - `{value}` and `{unit}` are the measurement's value and unit. They need a term placeholder.
 * - `{Term}`, where Term is a dictionary term's canonical name or its display label, makes the
 *   template about that measurement: it is replaced by the term's label (血红蛋白), and each
 *   record that has a measurement of the term gives one pair. A template names one term at most.
 * - `{field}`, where field is a (canonical) field of the records, is replaced by its value.
 * - When a name could be several of these, `value`/`unit` come first, then terms, then fields.
 * - `{{` and `}}` are a literal `{` and `}`.
 *
 * Errors name the part (question or answer), the line and the column (in characters, from 1).
 */

export interface TemplateTerm {
  /** Canonical name, e.g. "Hemoglobin". */
  name: string;
  /** What the question says, e.g. "血红蛋白". */
  label: string;
}

/** The names a template may use. */
export interface TemplateVocabulary {
  fields: readonly string[];
  terms: readonly TemplateTerm[];
}

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string }
  | { kind: 'term'; name: string }
  | { kind: 'value' }
  | { kind: 'unit' };

export type TemplateSide = 'question' | 'answer';

export type TemplateProblem =
  | 'unclosed-brace'
  | 'unopened-brace'
  | 'empty-placeholder'
  | 'unknown-placeholder'
  | 'measurement-without-term'
  | 'two-terms';

export class TemplateError extends Error {
  readonly side: TemplateSide;
  readonly line: number;
  readonly column: number;
  readonly problem: TemplateProblem;
  /** The names the reason mentions, so the interface can say it in the reader's language. */
  readonly detail: Readonly<Record<string, string>>;

  constructor(
    side: TemplateSide,
    line: number,
    column: number,
    problem: TemplateProblem,
    reason: string,
    detail: Record<string, string> = {},
  ) {
    super(`The ${side}, line ${line}, column ${column}: ${reason}`);
    this.name = 'TemplateError';
    this.side = side;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.detail = detail;
  }
}

export interface QaTemplateText {
  question: string;
  answer: string;
}

export interface ParsedTemplate {
  question: TemplatePart[];
  answer: TemplatePart[];
  /** The term the template is about, or null for a template over fields only. */
  term: TemplateTerm | null;
  /** The record fields it reads, in order of first use. */
  fields: string[];
}

/** Parses both sides and checks them together; throws the first TemplateError. */
export function parseTemplate(
  template: QaTemplateText,
  vocabulary: TemplateVocabulary,
): ParsedTemplate {
  const [first] = templateErrors(template, vocabulary);
  if (first) throw first;
  const question = parseTemplateText(template.question, vocabulary, 'question');
  const answer = parseTemplateText(template.answer, vocabulary, 'answer');
  const used = [...question, ...answer];
  const termName = used.find((part) => part.kind === 'term')?.name;
  const fields = [...new Set(used.flatMap((part) => (part.kind === 'field' ? [part.name] : [])))];
  const term = vocabulary.terms.find((candidate) => candidate.name === termName) ?? null;
  return { question, answer, term, fields };
}

/** Every problem of a template, for showing them all at once; empty when it is usable. */
export function templateErrors(
  template: QaTemplateText,
  vocabulary: TemplateVocabulary,
): TemplateError[] {
  const errors: TemplateError[] = [];
  const located: { side: TemplateSide; part: TemplatePart; offset: number }[] = [];
  for (const side of ['question', 'answer'] as const) {
    try {
      for (const entry of scan(template[side], vocabulary, side)) located.push({ side, ...entry });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      errors.push(error);
    }
  }
  // The checks across both sides need both read: with a side unreadable, its term is unknown.
  if (errors.length > 0) return errors;
  let term: { name: string } | null = null;
  for (const { side, part, offset } of located) {
    const [line, column] = position(template[side], offset);
    if (part.kind === 'term') {
      if (term === null) term = part;
      else if (term.name !== part.name) {
        errors.push(
          new TemplateError(
            side,
            line,
            column,
            'two-terms',
            `{${part.name}} is a second term; a template is about one term (it already has {${term.name}}).`,
            { name: part.name, first: term.name },
          ),
        );
      }
    }
  }
  if (term === null) {
    for (const { side, part, offset } of located) {
      if (part.kind !== 'value' && part.kind !== 'unit') continue;
      const [line, column] = position(template[side], offset);
      errors.push(
        new TemplateError(
          side,
          line,
          column,
          'measurement-without-term',
          `{${part.kind}} needs a term placeholder such as {Hemoglobin} to say whose ${part.kind} it is.`,
          { name: part.kind },
        ),
      );
    }
  }
  return errors;
}

/** One side of a template as parts; throws a TemplateError at the first problem. */
export function parseTemplateText(
  text: string,
  vocabulary: TemplateVocabulary,
  side: TemplateSide = 'question',
): TemplatePart[] {
  return scan(text, vocabulary, side).map((entry) => entry.part);
}

/** The template text of parts: the inverse of parsing, with braces in text doubled. */
export function formatTemplateText(parts: readonly TemplatePart[]): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text.replace(/\{/g, '{{').replace(/\}/g, '}}');
        case 'field':
        case 'term':
          return `{${part.name}}`;
        default:
          return `{${part.kind}}`;
      }
    })
    .join('');
}

function scan(
  text: string,
  vocabulary: TemplateVocabulary,
  side: TemplateSide,
): { part: TemplatePart; offset: number }[] {
  const fail = (
    offset: number,
    problem: TemplateProblem,
    reason: string,
    detail: Record<string, string> = {},
  ): TemplateError => {
    const [line, column] = position(text, offset);
    return new TemplateError(side, line, column, problem, reason, detail);
  };
  const entries: { part: TemplatePart; offset: number }[] = [];
  let literal = '';
  let literalStart = 0;
  const flush = () => {
    if (literal !== '')
      entries.push({ part: { kind: 'text', text: literal }, offset: literalStart });
    literal = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if ((char === '{' || char === '}') && text[index + 1] === char) {
      if (literal === '') literalStart = index;
      literal += char;
      index += 2;
      continue;
    }
    if (char === '}') {
      throw fail(index, 'unopened-brace', "'}' closes nothing; write '}}' for a literal brace.");
    }
    if (char !== '{') {
      if (literal === '') literalStart = index;
      literal += char;
      index++;
      continue;
    }
    const close = text.indexOf('}', index + 1);
    const reopen = text.indexOf('{', index + 1);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      throw fail(index, 'unclosed-brace', "'{' is never closed; write '{{' for a literal brace.");
    }
    const name = text.slice(index + 1, close).trim();
    if (name === '') throw fail(index, 'empty-placeholder', 'the placeholder {} has no name.');
    const part = resolve(name, vocabulary);
    if (part === null) {
      throw fail(
        index,
        'unknown-placeholder',
        `{${name}} is not a term, a field, {value} or {unit}.${hint(name, vocabulary)}`,
        { name, suggestion: nearName(name, vocabulary) ?? '' },
      );
    }
    flush();
    entries.push({ part, offset: index });
    index = close + 1;
  }
  flush();
  return entries;
}

function resolve(name: string, vocabulary: TemplateVocabulary): TemplatePart | null {
  if (name === 'value') return { kind: 'value' };
  if (name === 'unit') return { kind: 'unit' };
  const term =
    vocabulary.terms.find((candidate) => candidate.name === name) ??
    vocabulary.terms.find((candidate) => candidate.label === name);
  if (term) return { kind: 'term', name: term.name };
  if (vocabulary.fields.includes(name)) return { kind: 'field', name };
  return null;
}

function nearName(name: string, vocabulary: TemplateVocabulary): string | undefined {
  const folded = name.toLowerCase();
  const known = [
    'value',
    'unit',
    ...vocabulary.terms.flatMap((term) => [term.name, term.label]),
    ...vocabulary.fields,
  ];
  return known.find((candidate) => candidate.toLowerCase() === folded);
}

function hint(name: string, vocabulary: TemplateVocabulary): string {
  const near = nearName(name, vocabulary);
  return near === undefined ? '' : ` Did you mean {${near}}?`;
}

/** 1-based line and column (in characters, so a Chinese character or an emoji counts as one). */
function position(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return [line, [...before.slice(lineStart)].length + 1];
}
