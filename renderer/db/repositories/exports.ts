import type { Manifest } from '../../../shared/export/manifest';
import { newId } from '../../../shared/model/ids';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';

/** Writes the export into the audit trail: what was exported, by whom, with which hashes. */
export async function recordExport(
  db: TesseraDatabase,
  actor: Actor,
  manifest: Manifest,
  location: string,
  now = new Date(),
): Promise<string> {
  const id = newId('export', now);
  await db.transaction('rw', db.auditEvents, async () => {
    await appendAudit(db, actor, {
      action: 'dataset.export',
      entity: 'export',
      entityId: id,
      before: null,
      after: { location, manifest },
    });
  });
  return id;
}
