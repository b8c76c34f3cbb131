import type { Dexie } from 'dexie';
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
}

export const latestSchemaVersion = 5;
