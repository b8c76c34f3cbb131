import type { IngestItem, IngestStream, RowOrigin } from './types';

export interface CollectedTable {
  fields: string[];
  rows: { values: string[]; origin: RowOrigin }[];
  skipped: { origin: RowOrigin; reason: string }[];
}

/**
 * Gathers a whole stream into one table: object records become rows over the union of their
 * keys, in the order the keys were first met. For tests, previews and the command line; the app
 * writes blocks as the stream goes instead.
 */
export async function collect(stream: IngestStream): Promise<CollectedTable> {
  const table = new TableBuilder();
  for await (const item of stream) table.add(item);
  return table.result();
}

export class TableBuilder {
  private readonly fields: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly rows: CollectedTable['rows'] = [];
  private readonly skipped: CollectedTable['skipped'] = [];

  add(item: IngestItem): void {
    switch (item.kind) {
      case 'fields':
        for (const field of item.fields) this.columnOf(field);
        break;
      case 'row':
        this.rows.push({ values: item.values, origin: item.origin });
        break;
      case 'record':
        this.rows.push({ values: this.align(item.record), origin: item.origin });
        break;
      case 'skip':
        this.skipped.push({ origin: item.origin, reason: item.reason });
        break;
    }
  }

  /** Values of a record in column order; columns not seen before are added at the end. */
  align(record: Record<string, string>): string[] {
    const values: string[] = [];
    for (const [field, value] of Object.entries(record)) values[this.columnOf(field)] = value;
    return Array.from(values, (value) => value ?? '');
  }

  get fieldNames(): readonly string[] {
    return this.fields;
  }

  result(): CollectedTable {
    const width = this.fields.length;
    const rows = this.rows.map((row) => ({
      ...row,
      values:
        row.values.length === width
          ? row.values
          : [...row.values, ...Array<string>(width - row.values.length).fill('')],
    }));
    return { fields: [...this.fields], rows, skipped: [...this.skipped] };
  }

  private columnOf(field: string): number {
    let position = this.index.get(field);
    if (position === undefined) {
      position = this.fields.length;
      this.fields.push(field);
      this.index.set(field, position);
    }
    return position;
  }
}
