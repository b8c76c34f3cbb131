import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditEvent } from '../model/audit';
import { canonicalJson } from './canonical';

export const genesisHash = '0'.repeat(64);

export type UnsealedEvent = Omit<AuditEvent, 'hash' | 'previousHash' | 'seq'>;

/**
 * Synchronous on purpose: it runs inside IndexedDB transactions, which commit as soon as they
 * wait on anything that is not the database (such as crypto.subtle).
 */
export function sealEvent(event: UnsealedEvent, previousHash: string): AuditEvent {
  const hash = bytesToHex(sha256(utf8ToBytes(previousHash + canonicalJson(event))));
  return { ...event, previousHash, hash };
}

export interface ChainBreak {
  seq: number | undefined;
  reason: 'previous-hash-mismatch' | 'hash-mismatch';
}

/** Finds the first event whose hash or link does not match; null when the chain is whole. */
export function verifyChain(events: readonly AuditEvent[]): ChainBreak | null {
  let previousHash = genesisHash;
  for (const event of events) {
    if (event.previousHash !== previousHash) {
      return { seq: event.seq, reason: 'previous-hash-mismatch' };
    }
    const { hash: _hash, previousHash: _previous, seq: _seq, ...unsealed } = event;
    if (sealEvent(unsealed, previousHash).hash !== event.hash) {
      return { seq: event.seq, reason: 'hash-mismatch' };
    }
    previousHash = event.hash;
  }
  return null;
}
