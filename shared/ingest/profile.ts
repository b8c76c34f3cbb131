/** What a column holds, computed once at import: the mapping step starts from this. */

export type ValueType = 'empty' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'text';

export interface FieldProfile {
  field: string;
  type: ValueType;
  emptyCount: number;
  emptyRate: number;
  distinctCount: number;
  /** True when there were more distinct values than were counted exactly. */
  isDistinctCapped: boolean;
  topValues: { value: string; count: number }[];
}

const maxDistinct = 5000;
const topCount = 10;

const integer = /^[+-]?\d+$/;
const decimal = /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/;
const booleans = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n', '是', '否']);
const date = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;
const dateTime =
  /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function classify(value: string): ValueType {
  const text = value.trim();
  if (text === '') return 'empty';
  if (integer.test(text)) return 'integer';
  if (decimal.test(text)) return 'decimal';
  if (booleans.has(text.toLowerCase())) return 'boolean';
  if (date.test(text)) return 'date';
  if (dateTime.test(text)) return 'datetime';
  return 'text';
}

/** The narrowest type that every value fits: integer ⊂ decimal, date ⊂ datetime, else text. */
export function joinTypes(left: ValueType, right: ValueType): ValueType {
  if (left === right || right === 'empty') return left;
  if (left === 'empty') return right;
  const numbers = new Set<ValueType>(['integer', 'decimal']);
  if (numbers.has(left) && numbers.has(right)) return 'decimal';
  const times = new Set<ValueType>(['date', 'datetime']);
  if (times.has(left) && times.has(right)) return 'datetime';
  return 'text';
}

/**
 * One column's running profile. This runs for every cell of every import, so the common paths
 * are cheap: a value already counted costs one Map lookup; once the type is 'text' nothing is
 * classified any more; past the distinct cap, new values are only checked for emptiness.
 */
class ColumnProfiler {
  private type: ValueType = 'empty';
  private empty = 0;
  private seen = 0;
  private readonly counts = new Map<string, number>();
  private isCapped = false;

  add(value: string): void {
    this.seen++;
    const counted = this.counts.get(value);
    if (counted !== undefined) {
      this.counts.set(value, counted + 1);
      if (value === '' || (value.charCodeAt(0) <= 32 && value.trim() === '')) this.empty++;
      return;
    }
    if (this.type !== 'text' || value === '' || value.charCodeAt(0) <= 32) {
      const kind = classify(value);
      if (kind === 'empty') this.empty++;
      this.type = joinTypes(this.type, kind);
    }
    if (this.counts.size < maxDistinct) this.counts.set(value, 1);
    else this.isCapped = true;
  }

  /** `rows` may exceed the values seen: rows without this column are empty in it. */
  result(field: string, rows: number): FieldProfile {
    const emptyCount = this.empty + (rows - this.seen);
    const topValues = [...this.counts.entries()]
      .filter(([value]) => value.trim() !== '')
      .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
      .slice(0, topCount)
      .map(([value, count]) => ({ value, count }));
    return {
      field,
      type: this.type,
      emptyCount,
      emptyRate: rows === 0 ? 0 : emptyCount / rows,
      distinctCount: [...this.counts.keys()].filter((value) => value.trim() !== '').length,
      isDistinctCapped: this.isCapped,
      topValues,
    };
  }
}

/** Accumulates profiles row by row, so a file is profiled in the same pass that reads it. */
export class Profiler {
  private readonly columns: ColumnProfiler[] = [];
  private rows = 0;

  addRow(values: readonly string[]): void {
    this.rows++;
    for (let index = 0; index < values.length; index++) {
      (this.columns[index] ??= new ColumnProfiler()).add(values[index] ?? '');
    }
  }

  result(fields: readonly string[]): FieldProfile[] {
    return fields.map((field, index) =>
      (this.columns[index] ?? new ColumnProfiler()).result(field, this.rows),
    );
  }
}
