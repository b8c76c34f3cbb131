import type { Dexie } from 'dexie';
import type { QaPair } from '../../shared/model/qa';
import { firstVersion } from '../../shared/qa/versions';
import { aliasKeysOf } from './alias-keys';

/**
 * The schema history. Append only: a released version is never edited, so every user's
 * database upgrades step by step. Each version says when and why it was added.
 */
export function declareSchema(db: Dexie): void {
  // 2026-11-29: first schema — people, projects, raw records in blocks, terms, mappings,
  // QA pairs, reviews, the audit chain and small settings.
  db.version(1).stores({
    profiles: 'id, name',
    projects: 'id, createdAt',
    sources: 'id, projectId, sha256',
    recordBlocks: '[sourceId+index], sourceId',
    terms: 'id, dictionaryId, code',
    mappings: 'id, projectId, &[projectId+raw], termId',
    qaPairs: 'id, projectId, state, [projectId+state]',
    reviews: 'id, qaPairId, reviewerId',
    auditEvents: '++seq, entity, entityId',
    meta: 'key',
  });

  // 2026-11-29: imports look up raw headers by every alias of every term; a multi-entry
  // index of folded aliases makes that one index hit instead of a scan of the dictionary.
  db.version(2)
    .stores({ terms: 'id, dictionaryId, code, *aliasKeys' })
    .upgrade(async (transaction) => {
      await transaction
        .table('terms')
        .toCollection()
        .modify((term: Parameters<typeof aliasKeysOf>[0] & { aliasKeys?: string[] }) => {
          term.aliasKeys = aliasKeysOf(term);
        });
    });

  // 2026-11-29: imports of every format write their blocks before the source is committed;
  // a source now has a status, so readers skip one still importing and a crash leaves none.
  // Sources from before were complete CSV imports in strict mode.
  db.version(3)
    .stores({ sources: 'id, projectId, sha256, status' })
    .upgrade(async (transaction) => {
      await transaction
        .table('sources')
        .toCollection()
        .modify((source: Record<string, unknown>) => {
          source['status'] ??= 'ready';
          source['format'] ??= 'csv';
          source['mode'] ??= 'strict';
          source['skipped'] ??= [];
          source['profile'] ??= [];
        });
    });

  // 2026-11-29: label keys now fold traditional Chinese, glued brackets and bare trailing units,
  // so every stored alias key is recomputed; imports must find the same terms as suggestions do.
  db.version(4).upgrade(async (transaction) => {
    await transaction
      .table('terms')
      .toCollection()
      .modify((term: Parameters<typeof aliasKeysOf>[0] & { aliasKeys?: string[] }) => {
        term.aliasKeys = aliasKeysOf(term);
      });
  });

  // 2026-11-29: values of a column (the test name in a long-format lab export) are mapped as
  // well as column names; a mapping is now unique per project, scope and raw text.
  db.version(5)
    .stores({ mappings: 'id, projectId, &[projectId+scope+raw], termId' })
    .upgrade(async (transaction) => {
      await transaction
        .table('mappings')
        .toCollection()
        .modify((mapping: Record<string, unknown>) => {
          mapping['scope'] ??= '';
        });
    });

  // 2026-11-29: scans. Page images are stored once, engine output beside them, and each person's
  // word decision apart from both, so the engine's reading is never overwritten.
  db.version(6).stores({
    scans: 'id, projectId, [projectId+sha256]',
    scanPages: 'id, scanId, projectId',
    ocrCorrections: 'id, pageId, scanId, projectId',
    formTemplates: 'id, projectId',
    languagePacks: 'code',
  });

  // 2026-11-29: a mapping decision may hold for one source system only ("HB1" is hemoglobin at
  // LIS-A, something else at LIS-B), so a project can hold one decision per raw text and system;
  // the key gains the system ('' for a decision made for every system).
  db.version(7)
    .stores({ mappings: 'id, projectId, &[projectId+scope+sourceSystem+raw], termId' })
    .upgrade(async (transaction) => {
      await transaction
        .table('mappings')
        .toCollection()
        .modify((mapping: Record<string, unknown>) => {
          mapping['sourceSystem'] ??= '';
        });
    });

  // 2026-11-29: QA pairs keep every version of their content (who changed what, and when), and
  // the templates that generated pairs are kept for those pairs to name. A pair stored before
  // gets its content as it is now as its first known version. Pairs by last change and reviews
  // by time let a review queue of thousands read only what changed since it last looked.
  db.version(8)
    .stores({
      qaVersions: 'id, qaPairId',
      qaTemplates: 'id, projectId',
      qaPairs: 'id, projectId, state, [projectId+state], [projectId+updatedAt]',
      reviews: 'id, qaPairId, reviewerId, at',
    })
    .upgrade(async (transaction) => {
      const pairs = await transaction.table<QaPair>('qaPairs').toArray();
      await transaction.table('qaVersions').bulkPut(pairs.map(firstVersion));
    });
}

export const latestSchemaVersion = 8;
