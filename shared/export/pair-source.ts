/**
 * Where an export reads its pairs from: the app's database, a bundle, or an array in tests. The
 * curation reads the pairs several times — once whole to filter and group them, then in the order
 * it needs (preference order to drop repeats, split order to write) — a batch at a time, so that
 * memory holds a batch of pairs and a few numbers per pair, never every pair's text at once.
 */
import type { ExportablePair } from './exportable';

export interface PairSource {
  /** Every pair once, in a fixed order, a batch at a time. */
  scan(): AsyncIterable<readonly ExportablePair[]>;
  /** The pairs with these ids (ids a scan returned), in the order asked. */
  read(ids: readonly string[]): Promise<readonly ExportablePair[]>;
}

/** How many pairs an export holds at once while it reads them back by id. */
export const readBatchSize = 500;

export class MissingPairError extends Error {
  constructor(readonly pairId: string) {
    super(`Pair ${pairId} is no longer there; it was deleted while the export ran.`);
  }
}

/** Pairs already in memory, read as the database would give them. */
export function arraySource(
  pairs: readonly ExportablePair[],
  batchSize: number = readBatchSize,
): PairSource {
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));
  return {
    async *scan() {
      for (let start = 0; start < pairs.length; start += batchSize)
        yield await Promise.resolve(pairs.slice(start, start + batchSize));
    },
    read(ids) {
      return Promise.resolve(
        ids.map((id) => {
          const pair = byId.get(id);
          if (!pair) throw new MissingPairError(id);
          return pair;
        }),
      );
    },
  };
}

/** The pairs with `ids` in batches, in the order of `ids`. */
export async function* readInBatches(
  source: PairSource,
  ids: readonly string[],
  batchSize: number = readBatchSize,
): AsyncGenerator<readonly ExportablePair[]> {
  for (let start = 0; start < ids.length; start += batchSize)
    yield await source.read(ids.slice(start, start + batchSize));
}
