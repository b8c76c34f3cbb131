import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../model/audit';
import { canonicalJson } from './canonical';
import { genesisHash, sealEvent, verifyChain, type UnsealedEvent } from './chain';

function chainOf(inputs: UnsealedEvent[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  let previous = genesisHash;
  inputs.forEach((input, index) => {
    const sealed = { ...sealEvent(input, previous), seq: index + 1 };
    events.push(sealed);
    previous = sealed.hash;
  });
  return events;
}

const event = (action: string, after: unknown): UnsealedEvent => ({
  at: '2026-11-29T08:00:00.000Z',
  actorId: 'user_1',
  actorName: 'Li Na',
  action,
  entity: 'qa-pair',
  entityId: 'qa_1',
  before: null,
  after,
});

describe('audit hash chain', () => {
  it('verifies an untouched chain and pins the first altered event', () => {
    const events = chainOf([
      event('qa.create', { state: 'draft' }),
      event('qa.approve', { state: 'approved' }),
      event('dataset.export', {}),
    ]);
    expect(verifyChain(events)).toBeNull();
    const tampered = events.map((item) =>
      item.seq === 2 ? { ...item, after: { state: 'rejected' } } : item,
    );
    expect(verifyChain(tampered)).toEqual({ seq: 2, reason: 'hash-mismatch' });
    const removed = events.filter((item) => item.seq !== 2);
    expect(verifyChain(removed)).toEqual({ seq: 3, reason: 'previous-hash-mismatch' });
  });

  it('hashes the same event the same way whatever its key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const left = sealEvent(event('x', { a: 1, b: 2 }), genesisHash);
    const right = sealEvent(event('x', { b: 2, a: 1 }), genesisHash);
    expect(left.hash).toBe(right.hash);
    expect(left.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects any single change to any event of a chain', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.string(), value: fc.integer() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        fc.integer(),
        (items, pick, delta) => {
          const events = chainOf(items.map(({ action, value }) => event(action, { value })));
          const index = pick % events.length;
          const target = events[index];
          if (!target || delta === 0) return;
          const changed = [...events];
          changed[index] = {
            ...target,
            after: { value: (target.after as { value: number }).value + delta },
          };
          expect(verifyChain(changed)?.seq).toBe(index + 1);
        },
      ),
    );
  });
});
