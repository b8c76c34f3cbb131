import type { UnassignedBlock } from '../../shared/ingest/blocks';

/** Blocks per transaction: a transaction costs about as much as a block (bench/import.ts). */
const blocksPerWrite = 8;
/** Writes in flight: IndexedDB stores one batch while the next is being read. */
const maxWritesInFlight = 2;

/**
 * Writes an import's blocks as they come, several to a transaction. Fewer, larger transactions
 * took about a seventh off a large CSV import in Chromium (8 blocks each, 2 in flight, against
 * 1 block each, 4 in flight); the blocks of one import are invisible until its commit anyway.
 */
export class BlockWriter {
  private batch: UnassignedBlock[] = [];
  private readonly inFlight: Promise<void>[] = [];

  constructor(
    private readonly write: (blocks: UnassignedBlock[]) => Promise<void>,
    private readonly perWrite = blocksPerWrite,
    private readonly maxInFlight = maxWritesInFlight,
  ) {}

  /** Queues a block; resolves once there is room for more (the oldest write may be awaited). */
  async add(block: UnassignedBlock): Promise<void> {
    this.batch.push(block);
    if (this.batch.length < this.perWrite) return;
    this.send();
    if (this.inFlight.length >= this.maxInFlight) await this.inFlight.shift();
  }

  /** Writes what is queued and resolves when every write is in; rejects if one failed. */
  async finish(): Promise<void> {
    if (this.batch.length > 0) this.send();
    await Promise.all(this.inFlight.splice(0));
  }

  /** Drops what is queued and waits for every write started, so none lands after a clean-up. */
  async settle(): Promise<void> {
    this.batch = [];
    await Promise.allSettled(this.inFlight.splice(0));
  }

  private send(): void {
    this.inFlight.push(this.write(this.batch));
    this.batch = [];
  }
}
