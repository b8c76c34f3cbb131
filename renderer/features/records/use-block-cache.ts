import { useCallback, useRef, useState } from 'react';
import { rowsOf } from '../../../shared/ingest/block-rows';
import { rowsPerBlock } from '../../../shared/ingest/blocks';
import { useServices } from '../../app/services';

const maxBlocks = 64;

export interface CachedRow {
  values: string[];
  line: number;
}

interface CachedBlock {
  firstRow: number;
  rows: string[][];
  lines: number[];
}

/**
 * Rows on demand: the table asks for the rows in view, blocks load from the database in the
 * background, and a few dozen recent blocks stay in memory. A million-row source never has to
 * be in memory at once. The grid is keyed by source, so a new source starts an empty cache.
 */
export function useBlockCache(sourceId: string) {
  const { db } = useServices();
  const blocks = useRef(new Map<number, CachedBlock>());
  const loading = useRef(new Set<number>());
  const [version, setVersion] = useState(0);

  const load = useCallback(
    (index: number) => {
      if (index < 0 || blocks.current.has(index) || loading.current.has(index)) return;
      loading.current.add(index);
      void db.recordBlocks.get([sourceId, index]).then((loaded) => {
        loading.current.delete(index);
        if (!loaded) return;
        // Parsed here, once, rather than while a frame renders the rows in view.
        const { firstRow, lines } = loaded;
        blocks.current.set(index, { firstRow, rows: rowsOf(loaded), lines });
        while (blocks.current.size > maxBlocks) {
          const oldest = blocks.current.keys().next().value;
          if (oldest === undefined) break;
          blocks.current.delete(oldest);
        }
        setVersion((current) => current + 1);
      });
    },
    [db, sourceId],
  );

  const getRow = useCallback(
    (row: number): CachedRow | null => {
      const index = Math.floor(row / rowsPerBlock);
      // A block is ~2,000 rows: loading the blocks either side of the one in view means a long
      // scroll or a page jump lands on rows already in memory instead of a loading row.
      load(index + 1);
      load(index - 1);
      const block = blocks.current.get(index);
      if (block) {
        // Refresh its place in the least-recently-used order.
        blocks.current.delete(index);
        blocks.current.set(index, block);
        const offset = row - block.firstRow;
        return { values: block.rows[offset] ?? [], line: block.lines[offset] ?? 0 };
      }
      load(index);
      return null;
    },
    [load],
  );

  return { getRow, version };
}
