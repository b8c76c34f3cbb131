import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, lineOfNearestJsonPath, offsetOfJsonPath } from './json-support';

describe('JSON paths', () => {
  it('are written as JSONPath, quoting keys that are not identifiers', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['terms', 3, 'learned', 0, 'addedBy'])).toBe(
      '$.terms[3].learned[0].addedBy',
    );
    expect(formatJsonPath(['a b', '名称', 'x"y'])).toBe('$["a b"]["名称"]["x\\"y"]');
  });

  it('find the line of a value past strings holding brackets, quotes and commas', () => {
    const text = [
      '{',
      '  "note": "a } ] , \\" { [",',
      '  "list": [',
      '    {"x": 1},',
      '    {"x": "]"},',
      '    {',
      '      "x": 3',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(lineOfNearestJsonPath(text, ['list', 2, 'x'])).toBe(7);
    expect(lineOfNearestJsonPath(text, ['list', 1, 'x'])).toBe(5);
    expect(lineOfNearestJsonPath(text, ['list', 2, 'missing'])).toBe(6);
    expect(lineOfNearestJsonPath(text, ['list', 9])).toBe(3);
    expect(offsetOfJsonPath(text, ['note', 0])).toBeNull();
  });

  it('find every value of any JSON document where JSON.stringify put it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 2);
        /** The value that starts at `offset`: the shortest prefix that parses to it. */
        const valueAt = (offset: number, expected: unknown): unknown => {
          for (let end = offset + 1; end <= text.length; end++) {
            try {
              const parsed = JSON.parse(text.slice(offset, end)) as unknown;
              if (JSON.stringify(parsed) === JSON.stringify(expected)) return parsed;
            } catch {
              // Not a whole value yet.
            }
          }
          return undefined;
        };
        const visit = (node: unknown, path: (string | number)[]) => {
          const offset = offsetOfJsonPath(text, path);
          expect(offset).not.toBeNull();
          expect(valueAt(offset ?? 0, node)).toEqual(JSON.parse(JSON.stringify(node)));
          if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
          else if (node !== null && typeof node === 'object') {
            for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
          }
        };
        visit(value, []);
      }),
      { numRuns: 60 },
    );
  });
});
