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

/**
 * UTF-8 bytes of the chunks, gathered so that each yielded piece is about `target` bytes: one
 * write per JSONL line would spend more on calls than on data.
 */
export function* utf8Chunks(
  source: Iterable<Chunk>,
  target: number = defaultChunkBytes,
): Generator<Uint8Array> {
  let pending: string[] = [];
  let pendingLength = 0;
  const flushText = (): Uint8Array => {
    const bytes = encoder.encode(pending.join(''));
    pending = [];
    pendingLength = 0;
    return bytes;
  };
  for (const chunk of source) {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      // UTF-16 length undercounts UTF-8 bytes by at most 3×; close enough for batching.
      pendingLength += chunk.length;
      if (pendingLength >= target) yield flushText();
    } else {
      if (pendingLength > 0) yield flushText();
      if (chunk.byteLength > 0) yield chunk;
    }
  }
  if (pendingLength > 0) yield flushText();
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
