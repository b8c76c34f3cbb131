import type { AuditEntity, AuditEvent } from '../../shared/model/audit';
import { genesisHash, sealEvent } from '../../shared/audit/chain';
import type { TesseraDatabase } from './database';

export interface Actor {
  id: string;
  name: string;
}

export const systemActor: Actor = { id: 'system', name: 'Tessera' };

export interface AuditInput {
  action: string;
  entity: AuditEntity;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * Appends one event to the hash chain. Call it inside the same transaction as the change it
 * records (the transaction must include auditEvents), so both land or neither does.
 */
export async function appendAudit(
  db: TesseraDatabase,
  actor: Actor,
  input: AuditInput,
  now = new Date(),
): Promise<AuditEvent> {
  const last = await db.auditEvents.orderBy('seq').last();
  const event = sealEvent(
    {
      at: now.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      before: input.before ?? null,
      after: input.after ?? null,
    },
    last?.hash ?? genesisHash,
  );
  const seq = await db.auditEvents.add(event);
  return { ...event, seq };
}
