import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { temporaryFileStores } from './byte-files';

describe('temporary file stores', () => {
  it('read back exactly the bytes of any range, in order or not', () => {
    const stores = temporaryFileStores();
    try {
      const data = Uint8Array.from({ length: 3_000_000 }, (_, index) => (index * 7919) % 251);
      const store = stores.store('tables/qaPairs.jsonl', data);
      let position = 0;
      // In order, as a scan reads rows: served from read-ahead windows.
      while (position < data.length) {
        const end = Math.min(data.length, position + 1 + ((position * 31) % 5_000));
        expect(Buffer.compare(store.read(position, end), data.subarray(position, end))).toBe(0);
        position = end;
      }
      fc.assert(
        fc.property(fc.nat(data.length - 1), fc.nat(20_000), (start, length) => {
          const end = Math.min(data.length, start + length);
          expect(Buffer.compare(store.read(start, end), data.subarray(start, end))).toBe(0);
        }),
        { numRuns: 300 },
      );
    } finally {
      stores.close();
    }
  });
});
