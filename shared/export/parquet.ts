/**
 * Parquet written one row group at a time with hyparquet-writer: rows are pulled from an iterable
 * until a group is full, the group is encoded, its bytes are handed on and the buffer is reused,
 * so memory holds one row group whatever the number of rows. The file carries no timestamp: the
 * same rows give the same bytes.
 */
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';

export type ParquetColumnType = 'string' | 'int' | 'string-list' | 'messages';

export interface ParquetColumn {
  name: string;
  type: ParquetColumnType;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export type ParquetValue = string | number | readonly string[] | readonly ChatMessage[];

export type ParquetRow = Readonly<Record<string, ParquetValue>>;

export interface ParquetSettings {
  rowGroupSize: number;
  createdBy: string;
}

export const defaultParquetSettings: ParquetSettings = {
  rowGroupSize: 10_000,
  createdBy: 'tessera',
};

const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' } as const;

/** The Parquet schema: required UTF-8 strings, INT32s, lists of strings, lists of messages. */
export function parquetSchema(columns: readonly ParquetColumn[]): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const { name, type } of columns) {
    if (type === 'string') schema.push({ name, ...utf8 });
    else if (type === 'int') schema.push({ name, type: 'INT32', repetition_type: 'REQUIRED' });
    else {
      // The three-level LIST layout of the Parquet spec, which Arrow and pandas read as lists.
      schema.push({ name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 });
      schema.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      if (type === 'string-list') schema.push({ name: 'element', ...utf8 });
      else {
        schema.push({ name: 'element', repetition_type: 'REQUIRED', num_children: 2 });
        schema.push({ name: 'role', ...utf8 });
        schema.push({ name: 'content', ...utf8 });
      }
    }
  }
  return schema;
}

/**
 * A Parquet file written as its rows arrive: `push` takes rows and returns the bytes of each row
 * group it fills, `finish` the last group and the footer.
 */
export class ParquetStream {
  private readonly writer = new ByteWriter();
  private readonly parquet: ParquetWriter;
  private group: ParquetRow[] = [];

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly settings: ParquetSettings = defaultParquetSettings,
  ) {
    if (!Number.isInteger(settings.rowGroupSize) || settings.rowGroupSize < 1)
      throw new RangeError('A row group needs at least one row.');
    this.parquet = new ParquetWriter({
      writer: this.writer,
      schema: parquetSchema(columns),
      createdBy: settings.createdBy,
    });
  }

  *push(rows: Iterable<ParquetRow>): Generator<Uint8Array> {
    for (const row of rows) {
      this.group.push(row);
      if (this.group.length >= this.settings.rowGroupSize) {
        this.flush();
        yield this.take();
      }
    }
  }

  *finish(): Generator<Uint8Array> {
    if (this.group.length > 0) this.flush();
    void this.parquet.finish();
    yield this.take();
  }

  private take(): Uint8Array {
    const bytes = this.writer.getBytes().slice();
    // Later offsets in the footer count from the start of the file (writer.offset), not from
    // the buffer, so the buffer can be reused once its bytes are handed on.
    this.writer.index = 0;
    return bytes;
  }

  private flush(): void {
    const columnData: ColumnSource[] = this.columns.map(({ name, type }) => ({
      name,
      data: this.group.map((row) => checked(row, name, type)),
    }));
    void this.parquet.write({ columnData, rowGroupSize: this.group.length });
    this.group = [];
  }
}

export function* parquetChunks(
  columns: readonly ParquetColumn[],
  rows: Iterable<ParquetRow>,
  settings: ParquetSettings = defaultParquetSettings,
): Generator<Uint8Array> {
  const stream = new ParquetStream(columns, settings);
  yield* stream.push(rows);
  yield* stream.finish();
}

function checked(row: ParquetRow, name: string, type: ParquetColumnType): ParquetValue {
  const value = row[name];
  const fits =
    type === 'string'
      ? typeof value === 'string'
      : type === 'int'
        ? Number.isInteger(value)
        : Array.isArray(value);
  if (!fits) throw new TypeError(`Parquet column "${name}" expects ${type}, got ${typeof value}.`);
  return value as ParquetValue;
}
