import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenJson } from './flatten';
import { jsonErrorLine, locateJsonProblem, parseJsonRecords, parseNdjson } from './json';
import { failureOf, lenient, recordsOf, skipsOf, strict } from './test-support';

const arrayPath = 'test/fixtures/records/json/lab-results.json';
const ndjsonPath = 'test/fixtures/records/json/lab-results.ndjson';

function fixture(path: string): string {
  return readFileSync(path, 'utf8');
}

describe('parseJsonRecords on lab-results.json', () => {
  const items = [...parseJsonRecords(fixture(arrayPath), strict('lab-results.json'))];
  const records = recordsOf(items);

  it('yields the 6 elements, each with the line its "{" is on', () => {
    expect(items).toHaveLength(6);
    expect(records.map((item) => item.origin)).toEqual(
      [2, 10, 19, 27, 28, 37].map((line) => ({ line })),
    );
  });

  it('flattens nested objects, arrays, nulls, numbers and booleans', () => {
    expect(records[0]?.record).toMatchObject({
      sampleId: 'S-0001',
      'patient.name.family': 'Zhang',
      'test.loinc': '718-7',
      'result.value': '13.2',
      'result.unit': 'g/dL',
      'result.flag': '',
      verified: 'true',
    });
    expect(records[1]?.record).toMatchObject({ 'tags.0': 'fasting', 'tags.1': 'repeat' });
    expect(records[5]?.record.comments).toBe('[]');
  });

  it('keeps Chinese keys and values', () => {
    expect(records[2]?.record).toEqual({
      标本号: 'S-0003',
      '患者.病历号': 'MRN-1002',
      '患者.姓名': '李娜',
      '患者.性别': '女',
      '检验项目.代码': '718-7',
      '检验项目.名称': '血红蛋白',
      '结果.数值': '118',
      '结果.单位': 'g/L',
      '结果.异常标志': 'L',
      采集时间: '2024-03-02 09:40',
      已审核: 'false',
    });
    expect(records[4]?.record['备注']).toBe('标本轻度溶血');
    expect(records[3]?.record['patient.name.given']).toBe('Fang');
  });
});

describe('parseNdjson on lab-results.ndjson', () => {
  const records = recordsOf([...parseNdjson(fixture(ndjsonPath), strict('lab-results.ndjson'))]);

  it('yields one record per non-blank line, numbered by file line (line 4 is blank)', () => {
    expect(records.map((item) => item.origin.line)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('flattens the nested line and keeps the values', () => {
    expect(records[0]?.record).toEqual({
      sampleId: 'S-0101',
      mrn: 'MRN-2001',
      loinc: '718-7',
      test: 'Hemoglobin',
      value: '12.7',
      unit: 'g/dL',
    });
    expect(records[3]?.record).toMatchObject({
      'patient.name.family': 'Liu',
      'test.loinc': '2160-0',
      'result.value': '1.4',
      'tags.1': 'follow-up',
    });
    expect(records[5]?.record).toMatchObject({
      test: '血红蛋白',
      value: '',
      note: '标本凝固，需重新采集',
    });
  });
});

describe('JSON errors name the file and line', () => {
  const brokenArray = '[\n  {"a": 1},\n  {"a": x},\n  {"a": 3}\n]\n';

  it('reports a syntax error on its line in both modes', () => {
    for (const options of [strict('bad.json'), lenient('bad.json')]) {
      const error = failureOf(() => [...parseJsonRecords(brokenArray, options)]);
      expect(error.fileName).toBe('bad.json');
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/^bad\.json, line 3: is not valid JSON: found "x"/);
    }
  });

  it('reports unterminated strings, missing commas, trailing commas and trailing text', () => {
    const lineOf = (text: string) => failureOf(() => [...parseJsonRecords(text, strict('x.json'))]);
    expect(lineOf('[\n{"a": "open\n}]').line).toBe(2);
    expect(lineOf('[\n{"a": "open').message).toContain('unterminated string');
    expect(lineOf('[\n{"a": 1}\n{"a": 2}\n]').line).toBe(3);
    expect(lineOf('[\n{"a": 1},\n]').line).toBe(3);
    expect(lineOf('[\n{"a": 1}\n]\n\nnot json').line).toBe(5);
    expect(lineOf('[\n{"a": 1 "b": 2}]').message).toContain(`where ',' or '}' should be`);
    expect(lineOf('[\n{"a": 01}]').line).toBe(2);
    expect(lineOf('[\n{"a": tru}]').line).toBe(2);
  });

  it('refuses a top level that is not an array, in both modes', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      const error = failureOf(() => [
        ...parseJsonRecords('\n{"resourceType": "Patient"}', { fileName: 'o.json', mode }),
      ]);
      expect(error.message).toBe(
        'o.json, line 2: the top level is an object, not an array of records',
      );
    }
    expect(failureOf(() => [...parseJsonRecords('"x"', strict('s.json'))]).message).toContain(
      'a string, not an array',
    );
    expect(failureOf(() => [...parseJsonRecords('  \n ', strict('b.json'))]).line).toBeNull();
  });

  it('strict stops at an element that is not an object; lenient skips it', () => {
    const text = '[\n  {"a": 1},\n  42,\n  null,\n  {"a": 2}\n]';
    const error = failureOf(() => [...parseJsonRecords(text, strict('mixed.json'))]);
    expect(error.message).toBe('mixed.json, line 3: array element [1] is a number, not an object');

    const items = [...parseJsonRecords(text, lenient('mixed.json'))];
    expect(recordsOf(items).map((item) => [item.origin.line, item.record.a])).toEqual([
      [2, '1'],
      [5, '2'],
    ]);
    expect(skipsOf(items)).toEqual([
      {
        kind: 'skip',
        origin: { line: 3 },
        reason: 'array element [1] is a number, not an object',
      },
      { kind: 'skip', origin: { line: 4 }, reason: 'array element [2] is null, not an object' },
    ]);
  });

  it('NDJSON: strict stops at a bad line; lenient skips it and keeps the others', () => {
    const text = '{"a": 1}\n{"a": \n\n[1, 2]\n{"a": 3}\r\n';
    const error = failureOf(() => [...parseNdjson(text, strict('bad.ndjson'))]);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^bad\.ndjson, line 2: is not valid JSON/);

    const items = [...parseNdjson(text, lenient('bad.ndjson'))];
    expect(recordsOf(items).map((item) => [item.origin.line, item.record.a])).toEqual([
      [1, '1'],
      [5, '3'],
    ]);
    expect(skipsOf(items).map((item) => [item.origin.line, item.reason])).toEqual([
      [2, expect.stringContaining('is not valid JSON') as unknown],
      [4, 'holds an array, not a JSON object'],
    ]);
  });

  it('NDJSON: a blank file is refused', () => {
    expect(failureOf(() => [...parseNdjson('\n \n', lenient('e.ndjson'))]).message).toContain(
      'blank',
    );
  });
});

describe('jsonErrorLine', () => {
  const text = '{\n  "a": 1,\n  "b": x\n}';
  const offsetOfX = text.indexOf('x');

  it('reads the place from older V8 ("at position N") and newer V8 ("(line L column C)")', () => {
    expect(jsonErrorLine(text, `Unexpected token x in JSON at position ${offsetOfX}`)).toBe(3);
    expect(
      jsonErrorLine(
        text,
        `Unexpected token 'x', "{ "a": 1, "b": x }" is not valid JSON at position ${offsetOfX} (line 3 column 8)`,
      ),
    ).toBe(3);
  });

  it('finds the place itself when the message names none', () => {
    expect(jsonErrorLine(text, `Unexpected token 'x', "..." is not valid JSON`)).toBe(3);
    expect(jsonErrorLine('{"a": 1}', 'something else')).toBeNull();
  });

  it('agrees with this engine’s JSON.parse', () => {
    try {
      JSON.parse(text);
      throw new Error('expected a SyntaxError');
    } catch (error) {
      expect(error).toBeInstanceOf(SyntaxError);
      expect(jsonErrorLine(text, (error as SyntaxError).message)).toBe(3);
    }
  });
});

describe('JSON properties', () => {
  const object = fc.dictionary(
    fc.string({ unit: fc.constantFrom('k', 'e', 'y', '1', '血', ' ') }),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 4 },
  );

  it('NDJSON of N objects yields N records on the right lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(object, fc.nat({ max: 2 }), fc.boolean()), { maxLength: 12 }),
        (entries) => {
          fc.pre(entries.length > 0);
          let text = '';
          let line = 1;
          const expected: { line: number; record: Record<string, string> }[] = [];
          for (const [value, blanksBefore, crlf] of entries) {
            text += (crlf ? '  \r\n' : '\n').repeat(blanksBefore);
            line += blanksBefore;
            expected.push({ line, record: flattenJson(value) });
            text += JSON.stringify(value) + (crlf ? '\r\n' : '\n');
            line++;
          }
          const records = recordsOf([...parseNdjson(text, strict('p.ndjson'))]);
          expect(records.map((item) => ({ line: item.origin.line, record: item.record }))).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a pretty-printed array of N objects yields N records on the lines they start', () => {
    fc.assert(
      fc.property(
        fc.array(object, { maxLength: 10 }),
        fc.constantFrom(0, 2, '\t'),
        (values, indent) => {
          const text = JSON.stringify(values, null, indent);
          const records = recordsOf([...parseJsonRecords(text, strict('p.json'))]);
          expect(records.map((item) => item.record)).toEqual(
            values.map((value) => flattenJson(value)),
          );
          // Independently: each element starts on the line after everything before it.
          let line = indent === 0 ? 1 : 2;
          records.forEach((item, index) => {
            expect(item.origin.line).toBe(line);
            if (indent !== 0)
              line += JSON.stringify(values[index], null, indent).split('\n').length;
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('locateJsonProblem accepts exactly what JSON.parse accepts', () => {
    const unit = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      'u',
      '0',
      '1',
      '-',
      '.',
      'e',
      '+',
      'a',
      't',
      'r',
      'true',
      'null',
      'false',
      ' ',
      '\n',
      '\t',
      '\u0001',
      '"k":',
      '"v"',
      '1.5e3',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 24 }), fc.json()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonProblem(text) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
