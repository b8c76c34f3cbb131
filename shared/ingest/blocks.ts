import type { RecordBlock } from '../model/records';
import type { IngestItem, RowOrigin } from './types';

export const rowsPerBlock = 2000;

export type UnassignedBlock = Omit<RecordBlock, 'sourceId'>;

export interface Skipped {
  origin: RowOrigin;
  reason: string;
}

/**
 * Turns an ingest stream into storage blocks as it goes. Object records are aligned to the
 * columns met so far; a column first met later is added at the end, and earlier rows simply
 * have no value for it. Rows keep their line, and their full origin where there is more to say
 * than a line (sheet, HL7 message and segment, FHIR entry).
 */
export class BlockBuilder {
  private readonly fields: string[] = [];
  private readonly columns = new Map<string, number>();
  private rows: string[][] = [];
  private lines: number[] = [];
  private origins: RowOrigin[] = [];
  private hasRichOrigin = false;
  private blockIndex = 0;
  private rowCount = 0;
  readonly skipped: Skipped[] = [];

  constructor(private readonly size = rowsPerBlock) {}

  /** Adds one item; returns a block when one is full. */
  add(item: IngestItem): UnassignedBlock | null {
    switch (item.kind) {
      case 'fields':
        for (const field of item.fields) this.columnOf(field);
        return null;
      case 'skip':
        this.skipped.push({ origin: item.origin, reason: item.reason });
        return null;
      case 'row':
        return this.push(item.values, item.origin);
      case 'record':
        return this.push(this.align(item.record), item.origin);
    }
  }

  /** The last, partly filled block, if any rows are left. */
  flush(): UnassignedBlock | null {
    if (this.rows.length === 0) return null;
    const block: UnassignedBlock = {
      index: this.blockIndex++,
      firstRow: this.rowCount - this.rows.length,
      lines: this.lines,
      rows: this.rows,
      ...(this.hasRichOrigin ? { origins: this.origins } : {}),
    };
    this.rows = [];
    this.lines = [];
    this.origins = [];
    this.hasRichOrigin = false;
    return block;
  }

  get fieldNames(): string[] {
    return [...this.fields];
  }

  get rowsSeen(): number {
    return this.rowCount;
  }

  get blocksWritten(): number {
    return this.blockIndex;
  }

  private push(values: string[], origin: RowOrigin): UnassignedBlock | null {
    this.rows.push(values);
    this.lines.push(origin.line ?? origin.row ?? origin.entry ?? 0);
    this.origins.push(origin);
    if (Object.keys(origin).some((key) => key !== 'line')) this.hasRichOrigin = true;
    this.rowCount++;
    return this.rows.length >= this.size ? this.flush() : null;
  }

  private align(record: Record<string, string>): string[] {
    const values: string[] = [];
    for (const [field, value] of Object.entries(record)) values[this.columnOf(field)] = value;
    return Array.from(values, (value) => value ?? '');
  }

  private columnOf(field: string): number {
    let position = this.columns.get(field);
    if (position === undefined) {
      position = this.fields.length;
      this.fields.push(field);
      this.columns.set(field, position);
    }
    return position;
  }
}
