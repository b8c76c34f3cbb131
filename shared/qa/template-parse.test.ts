import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTemplateText,
  parseTemplate,
  parseTemplateText,
  TemplateError,
  templateErrors,
  type TemplatePart,
  type TemplateVocabulary,
} from './template-parse';

const vocabulary: TemplateVocabulary = {
  fields: ['age', 'Sex', '科室', 'patient id'],
  terms: [
    { name: 'Hemoglobin', label: '血红蛋白' },
    { name: 'Glucose', label: '葡萄糖' },
  ],
};

function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('parseTemplateText', () => {
  it('reads the issue’s example: fields, a term, value and unit', () => {
    expect(parseTemplateText('患者{age}岁，{Hemoglobin}为{value}{unit}，…？', vocabulary)).toEqual([
      { kind: 'text', text: '患者' },
      { kind: 'field', name: 'age' },
      { kind: 'text', text: '岁，' },
      { kind: 'term', name: 'Hemoglobin' },
      { kind: 'text', text: '为' },
      { kind: 'value' },
      { kind: 'unit' },
      { kind: 'text', text: '，…？' },
    ]);
  });

  it('knows a term by its label, trims spaces inside braces, and reads doubled braces', () => {
    expect(parseTemplateText('{ 血红蛋白 } {{x}} {patient id}', vocabulary)).toEqual([
      { kind: 'term', name: 'Hemoglobin' },
      { kind: 'text', text: ' {x} ' },
      { kind: 'field', name: 'patient id' },
    ]);
  });

  it('names the column of an unknown placeholder, counting Chinese characters as one', () => {
    const error = errorOf(() => parseTemplateText('患者{年龄}岁', vocabulary, 'question'));
    expect(error).toMatchObject({
      side: 'question',
      line: 1,
      column: 3,
      problem: 'unknown-placeholder',
    });
    expect(error.message).toBe(
      'The question, line 1, column 3: {年龄} is not a term, a field, {value} or {unit}.',
    );
  });

  it('suggests the name that differs only in case', () => {
    const error = errorOf(() => parseTemplateText('Sex: {sex}', vocabulary, 'answer'));
    expect(error.message).toBe(
      'The answer, line 1, column 6: {sex} is not a term, a field, {value} or {unit}. Did you mean {Sex}?',
    );
  });

  it('reports unbalanced and empty braces with line and column', () => {
    expect(errorOf(() => parseTemplateText('患者{age岁', vocabulary))).toMatchObject({
      problem: 'unclosed-brace',
      column: 3,
    });
    expect(errorOf(() => parseTemplateText('{age {Sex}', vocabulary))).toMatchObject({
      problem: 'unclosed-brace',
      column: 1,
    });
    expect(errorOf(() => parseTemplateText('第一行\n患者}岁', vocabulary))).toMatchObject({
      problem: 'unopened-brace',
      line: 2,
      column: 3,
    });
    expect(errorOf(() => parseTemplateText('a { } b', vocabulary))).toMatchObject({
      problem: 'empty-placeholder',
      column: 3,
    });
  });
});

describe('parseTemplate', () => {
  it('finds the term and the fields used on both sides', () => {
    const parsed = parseTemplate(
      {
        question: '{Sex}患者{age}岁，{Hemoglobin}为{value}{unit}，是否贫血？',
        answer: '{血红蛋白}{value}{unit}，{科室}复查。',
      },
      vocabulary,
    );
    expect(parsed.term).toEqual({ name: 'Hemoglobin', label: '血红蛋白' });
    expect(parsed.fields).toEqual(['Sex', 'age', '科室']);
  });

  it('refuses two terms and a value without a term, saying where', () => {
    const twoTerms = { question: '{Hemoglobin}为{value}', answer: '{Glucose}正常' };
    expect(errorOf(() => parseTemplate(twoTerms, vocabulary))).toMatchObject({
      side: 'answer',
      column: 1,
      problem: 'two-terms',
    });
    const noTerm = { question: '{age}岁', answer: '结果{value}' };
    const error = errorOf(() => parseTemplate(noTerm, vocabulary));
    expect(error).toMatchObject({ side: 'answer', column: 3, problem: 'measurement-without-term' });
    expect(error.message).toMatch(/\{value\} needs a term placeholder/);
  });

  it('does not blame {value} on a missing term when the side with the term is unreadable', () => {
    const errors = templateErrors(
      { question: '{Hemoglobin}为{value', answer: '{value}' },
      vocabulary,
    );
    expect(errors.map((error) => [error.side, error.problem])).toEqual([
      ['question', 'unclosed-brace'],
    ]);
  });

  it('lists every problem at once', () => {
    const errors = templateErrors({ question: '{x}', answer: '{value} {' }, vocabulary);
    expect(errors.map((error) => [error.side, error.problem, error.column])).toEqual([
      ['question', 'unknown-placeholder', 1],
      ['answer', 'unclosed-brace', 9],
    ]);
  });
});

const plainText = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .map((text) => text.replace(/[{}]/g, ''));
const part: fc.Arbitrary<TemplatePart> = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    .map((text) => ({ kind: 'text' as const, text })),
  fc.constantFrom(...vocabulary.fields).map((name) => ({ kind: 'field' as const, name })),
  fc.constantFrom('Hemoglobin', 'Glucose').map((name) => ({ kind: 'term' as const, name })),
  fc.constantFrom({ kind: 'value' as const }, { kind: 'unit' as const }),
);

/** Neighbouring text parts read back as one. */
function merged(parts: TemplatePart[]): TemplatePart[] {
  const result: TemplatePart[] = [];
  for (const entry of parts) {
    const last = result.at(-1);
    if (entry.kind === 'text' && last?.kind === 'text') last.text += entry.text;
    else result.push({ ...entry });
  }
  return result;
}

describe('parser properties', () => {
  it('parsing the formatted parts gives the parts back (braces in text included)', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        expect(parseTemplateText(formatTemplateText(parts), vocabulary)).toEqual(merged(parts));
      }),
    );
  });

  it('text without braces is one text part, itself', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(parseTemplateText(text, vocabulary)).toEqual(
          text === '' ? [] : [{ kind: 'text', text }],
        );
      }),
    );
  });

  it('a lone brace is reported at its own line and column', () => {
    fc.assert(
      fc.property(plainText, fc.nat(), fc.constantFrom('{', '}'), (text, at, brace) => {
        const characters = [...text];
        const index = at % (characters.length + 1);
        const source = [...characters.slice(0, index), brace, ...characters.slice(index)].join('');
        const before = characters.slice(0, index).join('');
        const lines = before.split('\n');
        const error = errorOf(() => parseTemplateText(source, vocabulary));
        expect(error.problem).toBe(brace === '{' ? 'unclosed-brace' : 'unopened-brace');
        expect(error.line).toBe(lines.length);
        expect(error.column).toBe([...lines.at(-1)!].length + 1);
      }),
    );
  });

  it('a placeholder of an unknown name is reported at its brace', () => {
    fc.assert(
      fc.property(
        plainText,
        plainText,
        fc.string({ minLength: 1, maxLength: 6 }),
        (head, tail, name) => {
          const trimmed = name.replace(/[{}]/g, '').trim();
          fc.pre(
            trimmed !== '' &&
              ![
                'value',
                'unit',
                ...vocabulary.fields,
                'Hemoglobin',
                'Glucose',
                '血红蛋白',
                '葡萄糖',
              ].includes(trimmed),
          );
          fc.pre(!head.includes('\n'));
          const error = errorOf(() => parseTemplateText(`${head}{${trimmed}}${tail}`, vocabulary));
          expect(error).toMatchObject({
            problem: 'unknown-placeholder',
            line: 1,
            column: [...head].length + 1,
          });
        },
      ),
    );
  });
});
