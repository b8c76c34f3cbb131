import Papa from 'papaparse';
import type { TextBlock, ValueBlock } from '../model/records';
import type { DelimitedText } from './types';

/** A block as written or as read: what rowsOf needs, with or without its source id. */
export type StoredRows =
  Pick<ValueBlock, 'lines' | 'rows'> | Pick<TextBlock, 'lines' | 'delimited'>;

/**
 * Rows already parsed, per block object: a reader may ask for a block's rows as often as it
 * likes (one row at a time, say) and the text is parsed once. The entry goes with the block.
 */
const parsed = new WeakMap<DelimitedText, string[][]>();

/**
 * The one way to read a block's rows, whatever the format it was written in: value blocks hold
 * their rows; text blocks (CSV/TSV) are parsed again with the line break and delimiter of their
 * import, which gives back exactly the rows the import read (shared/ingest/block-rows.test.ts).
 * The rows are the block's own, as a value block's are: read them, do not change them.
 */
export function rowsOf(block: StoredRows): string[][] {
  if ('rows' in block) return block.rows;
  const { delimited } = block;
  let rows = parsed.get(delimited);
  if (!rows) {
    rows = parseBlockText(delimited, block.lines.length);
    parsed.set(delimited, rows);
  }
  return rows;
}

/** How many rows a block holds, without parsing it. */
export function rowCountOf(block: StoredRows): number {
  return block.lines.length;
}

function parseBlockText({ text, delimiter, newline }: DelimitedText, expected: number) {
  // Without skipEmptyLines: Papa's own filter joins every row to test it, which doubled the
  // cost of a parse; isBlank is the same test, and stops at the first field with text.
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, newline });
  const rows = data.some(isBlank) ? data.filter((row) => !isBlank(row)) : data;
  // A blank line's error was never seen at import either (Papa skips the line before its step).
  const error = errors.find((each) => each.row === undefined || !isBlank(data[each.row] ?? []));
  // The text was cut at row boundaries of a parse that had no error there; anything else means
  // the stored block is damaged, and wrong rows must never be shown as the file's.
  if (error || rows.length !== expected) {
    throw new Error(
      `A stored block of CSV text reads as ${rows.length} rows, not ${expected}` +
        (error ? ` (${error.message})` : '') +
        '; import the file again.',
    );
  }
  return rows;
}

/** What Papa's skipEmptyLines: 'greedy' skips: a row whose fields joined trim to nothing. */
function isBlank(row: readonly string[]): boolean {
  for (const value of row) {
    const first = value.charCodeAt(0);
    // Printable ASCII is never trimmed: most rows are decided by their first character.
    if ((first > 32 && first < 127) || value.trim() !== '') return false;
  }
  return true;
}
