import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenJson, leafText } from './flatten';

/** Reads a value back by a dotted path, the way a person would read a column name. */
function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (Array.isArray(current)) {
      current = current[Number(step)];
    } else if (current !== null && typeof current === 'object') {
      current = Object.getOwnPropertyDescriptor(current, step)?.value;
    } else {
      throw new Error(`path ${path} goes through a leaf`);
    }
  }
  return current;
}

/** Counts leaves (empty containers count as one, except the top level). */
function countLeaves(value: unknown, top = true): number {
  if (value !== null && typeof value === 'object') {
    const children = Array.isArray(value) ? value : Object.values(value);
    if (children.length === 0) return top ? 0 : 1;
    return children.reduce<number>((sum, child) => sum + countLeaves(child, false), 0);
  }
  return 1;
}

describe('flattenJson', () => {
  it('writes nested objects as dotted paths and arrays by index', () => {
    expect(
      flattenJson({
        patient: { name: { family: 'Li', given: ['Na', 'Ying'] } },
        tags: ['a', 'b'],
        结果: { 数值: 118 },
      }),
    ).toEqual({
      'patient.name.family': 'Li',
      'patient.name.given.0': 'Na',
      'patient.name.given.1': 'Ying',
      'tags.0': 'a',
      'tags.1': 'b',
      '结果.数值': '118',
    });
  });

  it('writes leaves as text: null as empty, numbers and booleans as JSON text', () => {
    expect(
      flattenJson({ a: null, b: 0, c: 13.2, d: false, e: true, f: '', g: 1e21, h: -0.5 }),
    ).toEqual({ a: '', b: '0', c: '13.2', d: 'false', e: 'true', f: '', g: '1e+21', h: '-0.5' });
  });

  it('keeps empty objects and arrays below the top level, and nothing for an empty top', () => {
    expect(flattenJson({ comments: [], meta: {}, deep: { list: [[]] } })).toEqual({
      comments: '[]',
      meta: '{}',
      'deep.list.0': '[]',
    });
    expect(flattenJson({})).toEqual({});
  });

  it('keeps both values when two routes give the same path', () => {
    expect(flattenJson({ 'a.b': 1, a: { b: 2 } })).toEqual({ 'a.b': '1', 'a.b #2': '2' });
    expect(flattenJson({ '': { x: 1 }, x: 2 })).toEqual({ '.x': '1', x: '2' });
  });

  it('keeps a key named __proto__ as data', () => {
    const record = flattenJson(JSON.parse('{"__proto__": {"x": 1}, "y": 2}'));
    expect(Object.keys(record)).toEqual(['__proto__.x', 'y']);
    const top = flattenJson(JSON.parse('{"__proto__": "p"}'));
    expect(Object.getOwnPropertyDescriptor(top, '__proto__')?.value).toBe('p');
  });

  it('leafText matches the documented forms', () => {
    expect([leafText('x'), leafText(null), leafText(7), leafText(true)]).toEqual([
      'x',
      '',
      '7',
      'true',
    ]);
  });
});

describe('flattenJson properties', () => {
  const key = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '1', '_', ' ', '血', '-') });
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, -1.5, 42),
      fc.string(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const record = fc.dictionary(key, json, { maxKeys: 6 });

  it('reads back every value by its path, and has one column per leaf', () => {
    fc.assert(
      fc.property(record, (value) => {
        const flat = flattenJson(value);
        for (const [path, text] of Object.entries(flat)) {
          const leaf = readPath(value, path);
          if (Array.isArray(leaf)) expect(text).toBe('[]');
          else if (leaf !== null && typeof leaf === 'object') expect(text).toBe('{}');
          else expect(text).toBe(leafText(leaf));
        }
        expect(Object.keys(flat)).toHaveLength(countLeaves(value));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same record for a value and its JSON round trip', () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue(), { maxKeys: 5 }), (value) => {
        expect(flattenJson(JSON.parse(JSON.stringify(value)))).toEqual(flattenJson(value));
      }),
    );
  });
});
