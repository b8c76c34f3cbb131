import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, joinTypes, Profiler } from './profile';

describe('classify', () => {
  it('recognises the value types of lab and record exports', () => {
    expect(classify('135')).toBe('integer');
    expect(classify('5.6')).toBe('decimal');
    expect(classify('2164-10-23')).toBe('date');
    expect(classify('10/23/64 21:09')).toBe('datetime');
    expect(classify('2164-10-23 15:30:00')).toBe('datetime');
    expect(classify('否')).toBe('boolean');
    expect(classify('SEPSIS')).toBe('text');
    expect(classify('  ')).toBe('empty');
  });

  it('joins types to the narrowest that fits both, symmetrically', () => {
    const types = fc.constantFrom(
      'empty',
      'integer',
      'decimal',
      'boolean',
      'date',
      'datetime',
      'text' as const,
    );
    fc.assert(
      fc.property(types, types, (left, right) => {
        expect(joinTypes(left, right)).toBe(joinTypes(right, left));
        expect(joinTypes(left, joinTypes(left, right))).toBe(joinTypes(left, right));
      }),
    );
  });
});

describe('Profiler', () => {
  it('counts empties, distinct values and the most frequent ones per column', () => {
    const profiler = new Profiler();
    for (const row of [
      ['1', 'SEPSIS', ''],
      ['2', 'SEPSIS', '5.5'],
      ['3', 'PNEUMONIA', '6'],
      ['4', 'SEPSIS'],
    ])
      profiler.addRow(row);
    const [id, diagnosis, value] = profiler.result(['id', 'diagnosis', 'value']);
    expect(id).toMatchObject({ type: 'integer', emptyCount: 0, distinctCount: 4 });
    expect(diagnosis).toMatchObject({
      type: 'text',
      distinctCount: 2,
      topValues: [
        { value: 'SEPSIS', count: 3 },
        { value: 'PNEUMONIA', count: 1 },
      ],
    });
    expect(value).toMatchObject({
      type: 'decimal',
      emptyCount: 2,
      emptyRate: 0.5,
      distinctCount: 2,
    });
  });

  it('top counts never exceed the rows, and empties plus values add up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('', 'a', 'b', '1'), { minLength: 2, maxLength: 2 })),
        (rows) => {
          const profiler = new Profiler();
          rows.forEach((row) => profiler.addRow(row));
          for (const column of profiler.result(['x', 'y'])) {
            const counted = column.topValues.reduce((sum, top) => sum + top.count, 0);
            expect(counted + column.emptyCount).toBe(rows.length);
          }
        },
      ),
    );
  });
});
