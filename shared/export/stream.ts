/**
 * The plumbing between a format's writer and wherever the bytes go (a file, a zip, a download):
 * strings are encoded as UTF-8 and gathered into chunks of a useful size, and every byte is
 * hashed and counted on its way through, so the manifest never needs a second read of a file.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type Chunk = string | Uint8Array;

const encoder = new TextEncoder();
const defaultChunkBytes = 64 * 1024;

/** Gathers strings into UTF-8 pieces of about `target` bytes; bytes pass straight through. */
class Utf8Gatherer {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly target: number) {}

  *push(chunk: Chunk): Generator<Uint8Array> {
    if (typeof chunk === 'string') {
      this.pending.push(chunk);
      // UTF-16 length undercounts UTF-8 bytes by at most 3×; close enough for batching.
      this.pendingLength += chunk.length;
      if (this.pendingLength >= this.target) yield this.flushText();
    } else {
      if (this.pendingLength > 0) yield this.flushText();
      if (chunk.byteLength > 0) yield chunk;
    }
  }

  *end(): Generator<Uint8Array> {
    if (this.pendingLength > 0) yield this.flushText();
  }

  private flushText(): Uint8Array {
    const bytes = encoder.encode(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    return bytes;
  }
}

/**
 * UTF-8 bytes of the chunks, gathered so that each yielded piece is about `target` bytes: one
 * write per JSONL line would spend more on calls than on data.
 */
export function* utf8Chunks(
  source: Iterable<Chunk>,
  target: number = defaultChunkBytes,
): Generator<Uint8Array> {
  const gatherer = new Utf8Gatherer(target);
  for (const chunk of source) yield* gatherer.push(chunk);
  yield* gatherer.end();
}

/** `utf8Chunks` of a stream whose chunks arrive as they are read. */
export async function* utf8ChunksAsync(
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  target: number = defaultChunkBytes,
): AsyncGenerator<Uint8Array> {
  const gatherer = new Utf8Gatherer(target);
  for await (const chunk of source) yield* gatherer.push(chunk);
  yield* gatherer.end();
}

export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** SHA-256 and size of a byte stream, fed one chunk at a time. */
export class StreamDigest {
  private readonly hash = sha256.create();
  private size = 0;

  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.size += bytes.byteLength;
  }

  digest(): FileDigest {
    return { bytes: this.size, sha256: bytesToHex(this.hash.digest()) };
  }
}

/** All bytes of a chunk stream in one array; for tests and small files such as manifests. */
export function collectBytes(source: Iterable<Chunk>): Uint8Array {
  const parts = [...utf8Chunks(source)];
  const total = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    total.set(part, offset);
    offset += part.byteLength;
  }
  return total;
}
