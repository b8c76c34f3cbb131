/**
 * Imports a checked project bundle in one transaction: everything lands or nothing does, so a
 * clash found half-way (an id this workstation already holds) leaves the database as it was.
 * Ids are kept, so pairs still cite their records and reviews their pairs.
 *
 * - The project, its records, scans, mappings, pairs, versions, reviews and templates are added;
 *   a project this workstation already has is refused.
 * - People and dictionary terms are shared by every project: those already here stay as they
 *   are, the others are added.
 * - The bundle's audit trail is kept. Into an empty trail its events go as they are, hashes and
 *   all; after events of this workstation's own they are sealed anew onto the local chain (a
 *   chain can have only one history), with the same content, and events already here are not
 *   repeated. Either way the import itself is one more event, which records the bundle's chain
 *   head, so the original sealing can be checked against it.
 */
import { canonicalJson } from '../../../shared/audit/canonical';
import { genesisHash, sealEvent, type UnsealedEvent } from '../../../shared/audit/chain';
import { BlockBuilder, type UnassignedBlock } from '../../../shared/ingest/blocks';
import type { AuditEvent } from '../../../shared/model/audit';
import type { Project } from '../../../shared/model/records';
import type { ScanPage } from '../../../shared/model/scans';
import { aliasKeysOf } from '../alias-keys';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import type { BundleContents } from './bundle-contents';
import { appendBlocks } from './sources';
import { readDictionaryVersion } from './terminology';

/** A bundle the database cannot take as it is, with a message for the person. */
export class BundleImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleImportError';
  }
}

export interface BundleImportPlan {
  /** Null when the project can be imported; otherwise why not. */
  clash: string | null;
  newProfiles: number;
  newTerms: number;
  /** Events of the bundle's trail that this workstation's trail already holds. */
  knownEvents: number;
  /** True when the local trail is empty and the bundle's events keep their own hashes. */
  keepsHashes: boolean;
}

/** What an import would do, for the person to see before it runs. */
export async function planBundleImport(
  db: TesseraDatabase,
  contents: BundleContents,
): Promise<BundleImportPlan> {
  const { project, rows } = contents;
  const existing = await db.projects.get(project.id);
  const localEvents = await db.auditEvents.count();
  const known = localEvents === 0 ? new Set<string>() : await localEventKeys(db);
  return {
    clash: existing
      ? `This workstation already has the project "${existing.name}" (${existing.id}); a bundle of it cannot be imported again.`
      : null,
    newProfiles: missing(rows.profiles, await db.profiles.bulkGet(ids(rows.profiles))).length,
    newTerms: missing(rows.terms, await db.terms.bulkGet(ids(rows.terms))).length,
    knownEvents: contents.audit.events.filter((event) => known.has(eventKey(event))).length,
    keepsHashes: localEvents === 0,
  };
}

export interface BundleImportResult {
  project: Project;
  plan: BundleImportPlan;
  /** The bundle's audit events added to the trail (those not already in it). */
  eventsAdded: number;
}

export async function importProjectBundle(
  db: TesseraDatabase,
  actor: Actor,
  contents: BundleContents,
  now = new Date(),
): Promise<BundleImportResult> {
  if (contents.audit.chainBreak)
    throw new BundleImportError(
      `The bundle's audit trail is broken at event ${contents.audit.chainBreak.seq ?? '?'}: it was altered after it was written. Nothing was imported.`,
    );
  const { rows, files } = contents;
  const { project } = contents;
  try {
    return await db.transaction('rw', db.tables, async () => {
      const plan = await planBundleImport(db, contents);
      if (plan.clash) throw new BundleImportError(plan.clash);
      await db.profiles.bulkAdd(
        missing(rows.profiles, await db.profiles.bulkGet(ids(rows.profiles))),
      );
      const terms = rows.terms.map((term) => ({ ...term, aliasKeys: aliasKeysOf(term) }));
      await db.terms.bulkAdd(missing(terms, await db.terms.bulkGet(ids(terms))));
      await importMeta(db, contents);
      await db.projects.add(project);
      await importRecords(db, contents);
      await db.mappings.bulkAdd(rows.mappings);
      await db.qaTemplates.bulkAdd(rows.qaTemplates);
      await db.qaPairs.bulkAdd(rows.qaPairs);
      await db.qaVersions.bulkAdd(rows.qaVersions);
      await db.reviews.bulkAdd(rows.reviews);
      await db.scans.bulkAdd(rows.scans);
      await db.scanPages.bulkAdd(
        rows.scanPages.map((page): ScanPage => ({
          ...page,
          image: new Blob([files[page.image.file] as BlobPart], { type: page.image.type }),
        })),
      );
      await db.ocrCorrections.bulkAdd(rows.ocrCorrections);
      await db.formTemplates.bulkAdd(rows.formTemplates);
      const eventsAdded = await importAuditTrail(db, contents.audit.events, plan.keepsHashes);
      const head = contents.audit.events.at(-1);
      await appendAudit(
        db,
        actor,
        {
          action: 'project.import-bundle',
          entity: 'project',
          entityId: project.id,
          before: null,
          after: {
            project: { id: project.id, name: project.name },
            bundle: {
              createdAt: contents.manifest.createdAt,
              tessera: contents.manifest.tessera.version,
              formatVersion: contents.manifest.formatVersion,
            },
            counts: Object.fromEntries(
              Object.entries(rows).map(([table, tableRows]) => [table, tableRows.length]),
            ),
            files: Object.keys(files).length,
            profilesAdded: plan.newProfiles,
            termsAdded: plan.newTerms,
            audit: {
              events: contents.audit.events.length,
              headHash: head?.hash ?? genesisHash,
              added: eventsAdded,
              alreadyHere: plan.knownEvents,
              keptHashes: plan.keepsHashes,
            },
          },
        },
        now,
      );
      return { project, plan, eventsAdded };
    });
  } catch (error) {
    // Dexie names a refused add ConstraintError, and a refused bulk add BulkError.
    if (error instanceof Error && (error.name === 'ConstraintError' || error.name === 'BulkError'))
      throw new BundleImportError(
        `Something in the bundle is already on this workstation under the same id (${error.message}). Nothing was imported.`,
      );
    throw error;
  }
}

function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((row) => row.id);
}

/** The rows whose ids were not found, given what a bulkGet of their ids returned. */
function missing<T>(rows: readonly T[], found: readonly unknown[]): T[] {
  return rows.filter((_, index) => found[index] === undefined);
}

/**
 * The project's review policy comes along; the dictionary version moves up to the bundle's when
 * that is higher, so decisions made here after the import never cite an older version.
 */
async function importMeta(db: TesseraDatabase, contents: BundleContents): Promise<void> {
  for (const entry of contents.rows.meta) {
    if (entry.key === 'dictionaryVersion') {
      if (typeof entry.value === 'number' && entry.value > (await readDictionaryVersion(db)))
        await db.meta.put({ key: entry.key, value: entry.value });
    } else if (entry.key.endsWith(`:${contents.project.id}`)) {
      await db.meta.put({ key: entry.key, value: entry.value });
    }
  }
}

/** Sources become ready with their rows re-blocked, through the same writer an import uses. */
async function importRecords(db: TesseraDatabase, contents: BundleContents): Promise<void> {
  const blocksBySource = new Map<string, BundleContents['rows']['recordBlocks']>();
  for (const block of contents.rows.recordBlocks) {
    const list = blocksBySource.get(block.sourceId) ?? [];
    list.push(block);
    blocksBySource.set(block.sourceId, list);
  }
  for (const source of contents.rows.sources) {
    const builder = new BlockBuilder();
    const blocks: UnassignedBlock[] = [];
    const stored = (blocksBySource.get(source.id) ?? []).sort((a, b) => a.index - b.index);
    for (const block of stored)
      block.rows.forEach((values, index) => {
        const full = builder.add({
          kind: 'row',
          values,
          origin: { line: block.lines[index] ?? 0 },
        });
        if (full) blocks.push(full);
      });
    const last = builder.flush();
    if (last) blocks.push(last);
    if (builder.rowsSeen !== source.rowCount)
      throw new BundleImportError(
        `${source.fileName} has ${builder.rowsSeen} rows in the bundle; its source says ${source.rowCount}. Nothing was imported.`,
      );
    await db.sources.add({ ...source, status: 'ready', blockCount: blocks.length });
    await appendBlocks(db, source.id, blocks);
  }
}

/** A key for an event's content: who did what, when, to what — not where it sits in a chain. */
function eventKey(event: AuditEvent): string {
  return canonicalJson(unsealed(event));
}

function unsealed(event: AuditEvent): UnsealedEvent {
  const { seq: _seq, hash: _hash, previousHash: _previous, ...content } = event;
  return content;
}

async function localEventKeys(db: TesseraDatabase): Promise<Set<string>> {
  const keys = new Set<string>();
  await db.auditEvents.each((event) => {
    keys.add(eventKey(event));
  });
  return keys;
}

async function importAuditTrail(
  db: TesseraDatabase,
  events: readonly AuditEvent[],
  keepsHashes: boolean,
): Promise<number> {
  if (keepsHashes) {
    await db.auditEvents.bulkAdd([...events]);
    return events.length;
  }
  const known = await localEventKeys(db);
  let previous = (await db.auditEvents.orderBy('seq').last())?.hash ?? genesisHash;
  const added: AuditEvent[] = [];
  for (const event of events) {
    if (known.has(eventKey(event))) continue;
    const sealed = sealEvent(unsealed(event), previous);
    added.push(sealed);
    previous = sealed.hash;
  }
  await db.auditEvents.bulkAdd(added);
  return added.length;
}
