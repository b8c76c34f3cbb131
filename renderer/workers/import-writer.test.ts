import { describe, expect, it } from 'vitest';
import type { UnassignedBlock } from '../../shared/ingest/blocks';
import { BlockWriter } from './import-writer';

const block = (index: number): UnassignedBlock => ({
  index,
  firstRow: index,
  lines: [index + 2],
  rows: [[String(index)]],
});

/** A store whose writes finish only when the test says so, recording what each write held. */
function slowStore() {
  const writes: { indexes: number[]; done: () => void; fail: (error: Error) => void }[] = [];
  const write = (blocks: UnassignedBlock[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ indexes: blocks.map((each) => each.index), done: resolve, fail: reject });
    });
  return { writes, write };
}

const settled = async (promise: Promise<unknown>) => {
  let isSettled = false;
  void promise.then(
    () => (isSettled = true),
    () => (isSettled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return isSettled;
};

describe('BlockWriter', () => {
  it('writes blocks in order, several to a write, the rest at finish', async () => {
    const { writes, write } = slowStore();
    const writer = new BlockWriter(write, 3, 2);
    for (let index = 0; index < 7; index++) {
      const added = writer.add(block(index));
      writes.at(-1)?.done();
      await added;
    }
    const finished = writer.finish();
    writes.at(-1)?.done();
    await finished;
    expect(writes.map((each) => each.indexes)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('waits for the oldest write once the limit is in flight', async () => {
    const { writes, write } = slowStore();
    const writer = new BlockWriter(write, 1, 2);
    await writer.add(block(0));
    const second = writer.add(block(1));
    expect(writes).toHaveLength(2);
    expect(await settled(second)).toBe(false);
    writes[0]?.done();
    expect(await settled(second)).toBe(true);
  });

  it('finish rejects when a write failed; settle drops the queue and waits for the rest', async () => {
    const { writes, write } = slowStore();
    const writer = new BlockWriter(write, 2, 4);
    await writer.add(block(0));
    await writer.add(block(1));
    await writer.add(block(2));
    writes[0]?.fail(new Error('quota'));
    await expect(writer.finish()).rejects.toThrow('quota');

    const other = slowStore();
    const cancelled = new BlockWriter(other.write, 2, 4);
    for (let index = 0; index < 3; index++) await cancelled.add(block(index));
    const settling = cancelled.settle();
    expect(await settled(settling)).toBe(false);
    other.writes[0]?.done();
    await settling;
    expect(other.writes.map((each) => each.indexes)).toEqual([[0, 1]]);
  });
});
