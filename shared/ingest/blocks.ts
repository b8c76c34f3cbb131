import type { RecordBlock } from '../model/records';
import type { ParsedRow } from './csv';

export const rowsPerBlock = 2000;

/** Splits parsed rows into immutable storage blocks, keeping each row's line. */
export function toBlocks(sourceId: string, rows: readonly ParsedRow[]): RecordBlock[] {
  const blocks: RecordBlock[] = [];
  for (let firstRow = 0; firstRow < rows.length; firstRow += rowsPerBlock) {
    const slice = rows.slice(firstRow, firstRow + rowsPerBlock);
    blocks.push({
      sourceId,
      index: blocks.length,
      firstRow,
      lines: slice.map((row) => row.line),
      rows: slice.map((row) => row.values),
    });
  }
  return blocks;
}
