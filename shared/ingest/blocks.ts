import type { TextBlock, ValueBlock } from '../model/records';
import type { DelimitedText, IngestItem, IngestStream, RawRow, RowOrigin } from './types';

export const rowsPerBlock = 2000;

export type UnassignedBlock = Omit<ValueBlock, 'sourceId'> | Omit<TextBlock, 'sourceId'>;

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
  private readonly text = new TextSpans();
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
        return item.raw ? this.pushRaw(item.raw, item.origin) : this.push(item.values, item.origin);
      case 'record':
        return this.push(this.align(item.record), item.origin);
    }
  }

  /** The last, partly filled block, if any rows are left. */
  flush(): UnassignedBlock | null {
    const count = this.lines.length;
    if (count === 0) return null;
    const place = { index: this.blockIndex++, firstRow: this.rowCount - count, lines: this.lines };
    const delimited = this.text.take();
    const block: UnassignedBlock = delimited
      ? { ...place, delimited }
      : { ...place, rows: this.rows, ...(this.hasRichOrigin ? { origins: this.origins } : {}) };
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
    if (!this.text.isEmpty) throw new Error('A stream mixed rows of text with rows of values.');
    this.rows.push(values);
    this.origins.push(origin);
    if (Object.keys(origin).some((key) => key !== 'line')) this.hasRichOrigin = true;
    return this.counted(origin.line ?? origin.row ?? origin.entry ?? 0);
  }

  /** A delimited row: its values are not kept, only where it is in the text. */
  private pushRaw(raw: RawRow, origin: RowOrigin): UnassignedBlock | null {
    if (this.rows.length > 0) throw new Error('A stream mixed rows of text with rows of values.');
    this.text.add(raw);
    return this.counted(origin.line ?? 0);
  }

  private counted(line: number): UnassignedBlock | null {
    this.lines.push(line);
    this.rowCount++;
    return this.lines.length >= this.size ? this.flush() : null;
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

/**
 * The full blocks of a stream as they fill; the last, partly filled one is the builder's flush.
 * A sync stream (every text format) is read synchronously between blocks: `for await` over it
 * would cost a few promise jobs per row, a million rows' worth on a large CSV.
 */
export function fullBlocks(
  stream: IngestStream,
  builder: BlockBuilder,
): Iterable<UnassignedBlock> | AsyncIterable<UnassignedBlock> {
  return Symbol.iterator in stream ? syncBlocks(stream, builder) : asyncBlocks(stream, builder);
}

function* syncBlocks(items: Iterable<IngestItem>, builder: BlockBuilder) {
  for (const item of items) {
    const block = builder.add(item);
    if (block) yield block;
  }
}

async function* asyncBlocks(items: AsyncIterable<IngestItem>, builder: BlockBuilder) {
  for await (const item of items) {
    const block = builder.add(item);
    if (block) yield block;
  }
}

/**
 * The text of a block's rows, gathered as spans of one delimited text. Rows follow each other in
 * the text unless lenient mode skipped one between them, so a block is usually one slice.
 */
class TextSpans {
  private source: DelimitedText | null = null;
  private bounds: number[] = [];

  get isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  add({ source, start, end }: RawRow): void {
    if (this.source !== null && this.source !== source)
      throw new Error('One block cannot hold rows of two texts.');
    this.source = source;
    if (this.bounds.at(-1) === start) this.bounds[this.bounds.length - 1] = end;
    else this.bounds.push(start, end);
  }

  /** The block's text, or null when it has no text rows; the spans start over. */
  take(): DelimitedText | null {
    const { source, bounds } = this;
    if (source === null) return null;
    let text = '';
    for (let at = 0; at < bounds.length; at += 2)
      text += source.text.slice(bounds[at], bounds[at + 1]);
    this.source = null;
    this.bounds = [];
    return { text, delimiter: source.delimiter, newline: source.newline };
  }
}
