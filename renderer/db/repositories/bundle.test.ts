import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/audit/canonical';
import { verifyChain } from '../../../shared/audit/chain';
import { BundleError } from '../../../shared/bundle/format';
import { writeBundle } from '../../../shared/bundle/write';
import type { DatasetManifest } from '../../../shared/export/write-dataset';
import { systemActor } from '../audit';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { bundleTables, inspectBundle } from './bundle-contents';
import {
  buildWardProject,
  wardFixtureFiles,
  type WardFiles,
  type WardProject,
} from './bundle-ward-project';
import { buildProjectBundle, type ProjectBundle } from './bundle-export';
import { BundleImportError, importProjectBundle, planBundleImport } from './bundle-import';
import { loadExportablePairs } from './export-data';
import { createProfile } from './profiles';
import { createProject } from './projects';
import { listSources, loadSourceRows } from './sources';

const context = { appVersion: '0.1.0', createdAt: '2026-11-21T09:00:00.000Z' };
const importedAt = new Date('2026-11-22T09:00:00.000Z');

/** Tables whose rows a bundle carries one for one (records are compared through the repository). */
const copiedTables = [
  'projects',
  'profiles',
  'terms',
  'mappings',
  'qaTemplates',
  'qaPairs',
  'qaVersions',
  'reviews',
  'scans',
  'ocrCorrections',
  'formTemplates',
] as const;

let origin: TesseraDatabase;
let ward: WardProject;
let bundle: ProjectBundle;

async function emptyDatabase(): Promise<TesseraDatabase> {
  const { db } = memoryDatabase();
  await db.open();
  return db;
}

/** Everything a test can see of a database, to show an import left it as it was. */
async function snapshot(db: TesseraDatabase): Promise<Record<string, number>> {
  return Object.fromEntries(
    await Promise.all(db.tables.map(async (table) => [table.name, await table.count()] as const)),
  );
}

const wardFiles = Object.fromEntries(
  Object.entries(wardFixtureFiles).map(([name, path]) => [
    name,
    new Uint8Array(readFileSync(join('test/fixtures', path))),
  ]),
) as WardFiles;

beforeAll(async () => {
  origin = await emptyDatabase();
  ward = await buildWardProject(origin, wardFiles);
  bundle = await buildProjectBundle(origin, ward.project.id, context);
});

describe('a project bundle', () => {
  it('holds every table of the project and the page image as a binary part', () => {
    const contents = inspectBundle(bundle.bytes);
    expect(contents.manifest.parts.map((part) => part.table).sort()).toEqual(
      [...bundleTables].sort(),
    );
    expect(contents.manifest.formatVersion).toBe(2);
    expect(contents.project).toMatchObject({ id: ward.project.id, name: 'Ward 7' });
    expect(bundle.counts).toMatchObject({ sources: 2, recordBlocks: 2, scans: 1, scanPages: 1 });
    expect(bundle.counts.files).toBe(1);
    expect(contents.rows.scanPages[0]?.image).toEqual({
      file: expect.stringMatching(/^files\/pages\/scan_\w+_1\.png$/) as unknown,
      type: 'image/png',
    });
    expect(contents.audit.chainBreak).toBeNull();
  });

  it('round-trips into an empty database: same rows, records, images, pairs and audit trail', async () => {
    const target = await emptyDatabase();
    const contents = inspectBundle(bundle.bytes);
    expect(await planBundleImport(target, contents)).toEqual({
      clash: null,
      newProfiles: 5,
      newTerms: await origin.terms.count(),
      knownEvents: 0,
      keepsHashes: true,
    });
    await importProjectBundle(target, systemActor, contents, importedAt);

    for (const table of copiedTables)
      expect(await target.table(table).toArray(), table).toEqual(
        await origin.table(table).toArray(),
      );
    const sources = await listSources(target, ward.project.id);
    expect(sources).toEqual(await listSources(origin, ward.project.id));
    for (const source of sources)
      expect(await loadSourceRows(target, source.id)).toEqual(
        await loadSourceRows(origin, source.id),
      );
    const [page] = await target.scanPages.toArray();
    const [originalPage] = await origin.scanPages.toArray();
    expect(new Uint8Array(await page!.image.arrayBuffer())).toEqual(
      new Uint8Array(await originalPage!.image.arrayBuffer()),
    );
    expect({ ...page, image: null }).toEqual({ ...originalPage, image: null });
    expect(await loadExportablePairs(target, ward.project.id)).toEqual(
      await loadExportablePairs(origin, ward.project.id),
    );

    // The trail is the original one, hashes and all, then the import.
    const before = await origin.auditEvents.orderBy('seq').toArray();
    const after = await target.auditEvents.orderBy('seq').toArray();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(verifyChain(after)).toBeNull();
    expect(after.at(-1)).toMatchObject({
      action: 'project.import-bundle',
      entity: 'project',
      entityId: ward.project.id,
      actorName: 'Tessera',
      after: {
        audit: { events: before.length, headHash: before.at(-1)?.hash, keptHashes: true },
        counts: { qaPairs: bundle.counts.qaPairs, recordBlocks: 2 },
      },
    });
  });

  it('joins a workstation with its own history: sealed onto its chain, verifiable, never repeated', async () => {
    const target = await emptyDatabase();
    const reviewer = await createProfile(target, 'Sun Li', 'governance-lead');
    await createProject(target, reviewer, 'Outpatients');
    const ownEvents = await target.auditEvents.count();
    const contents = inspectBundle(bundle.bytes);
    const { plan, eventsAdded } = await importProjectBundle(target, reviewer, contents, importedAt);
    expect(plan.keepsHashes).toBe(false);
    expect(eventsAdded).toBe(contents.audit.events.length);

    const trail = await target.auditEvents.orderBy('seq').toArray();
    expect(verifyChain(trail)).toBeNull();
    expect(trail).toHaveLength(ownEvents + eventsAdded + 1);
    const content = ({ seq: _s, hash: _h, previousHash: _p, ...rest }: (typeof trail)[number]) =>
      canonicalJson(rest);
    expect(trail.slice(ownEvents, ownEvents + eventsAdded).map(content)).toEqual(
      contents.audit.events.map(content),
    );
    expect(trail.at(-1)).toMatchObject({ action: 'project.import-bundle', actorName: 'Sun Li' });
    expect(await target.projects.count()).toBe(2);

    // A second bundle of another project from a workstation that holds the first shares its
    // history; those events are not written twice.
    const elsewhere = await emptyDatabase();
    await importProjectBundle(elsewhere, systemActor, inspectBundle(bundle.bytes), importedAt);
    const second = await createProject(elsewhere, ward.people.annotator, 'Ward 8');
    const secondBundle = await buildProjectBundle(elsewhere, second.id, context);
    const secondContents = inspectBundle(secondBundle.bytes);
    const secondPlan = await planBundleImport(target, secondContents);
    expect(secondPlan.knownEvents).toBe(contents.audit.events.length);
    const result = await importProjectBundle(target, reviewer, secondContents);
    expect(result.eventsAdded).toBe(secondContents.audit.events.length - secondPlan.knownEvents);
    expect(verifyChain(await target.auditEvents.orderBy('seq').toArray())).toBeNull();
  });

  it('refuses a project this workstation already has, and changes nothing', async () => {
    const target = await emptyDatabase();
    await importProjectBundle(target, systemActor, inspectBundle(bundle.bytes), importedAt);
    const before = await snapshot(target);
    const contents = inspectBundle(bundle.bytes);
    expect((await planBundleImport(target, contents)).clash).toMatch(
      /already has the project "Ward 7"/,
    );
    await expect(importProjectBundle(target, systemActor, contents)).rejects.toThrow(
      BundleImportError,
    );
    expect(await snapshot(target)).toEqual(before);
  });

  it('rolls everything back when a clash is found half-way', async () => {
    const target = await emptyDatabase();
    const contents = inspectBundle(bundle.bytes);
    const review = contents.rows.reviews[0];
    if (!review) throw new Error('the fixture has reviews');
    await target.reviews.add(review);
    const before = await snapshot(target);
    await expect(importProjectBundle(target, systemActor, contents)).rejects.toThrow(
      /already on this workstation under the same id/,
    );
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('a damaged bundle', () => {
  const entries = () => unzipSync(bundle.bytes);

  function refusal(bytes: Uint8Array): BundleError {
    try {
      inspectBundle(bytes);
    } catch (error) {
      if (error instanceof BundleError) return error;
      throw error;
    }
    throw new Error('The bundle was accepted.');
  }

  it('is refused, naming the part, before anything is written', () => {
    expect(refusal(bundle.bytes.slice(0, bundle.bytes.byteLength - 100)).message).toMatch(
      /not a readable zip archive/,
    );
    const edited = entries();
    edited['tables/qaPairs.jsonl'] = strToU8(
      strFromU8(edited['tables/qaPairs.jsonl']!).replace('Sepsis.', 'Pneumonia.'),
    );
    expect(refusal(zipSync(edited))).toMatchObject({
      message: 'tables/qaPairs.jsonl is damaged: its SHA-256 or size does not match the manifest.',
      part: 'tables/qaPairs.jsonl',
    });
    const flipped = bundle.bytes.slice();
    for (let at = 200; at < flipped.byteLength; at += 997) {
      flipped[at] = (flipped[at] ?? 0) ^ 0x5a;
      let read = null;
      try {
        read = inspectBundle(flipped);
      } catch (error) {
        expect(error).toBeInstanceOf(BundleError);
      }
      if (read) expect(read.rows).toEqual(inspectBundle(bundle.bytes).rows);
      flipped[at] = bundle.bytes[at] ?? 0;
    }
  });

  /** A bundle re-sealed after a change, as someone editing it by hand would have to. */
  function resealed(change: (tables: Record<string, unknown[]>) => void): Uint8Array {
    const contents = inspectBundle(bundle.bytes);
    const tables: Record<string, unknown[]> = { ...contents.rows };
    change(tables);
    const files = Object.entries(contents.files).map(([path, data]) => ({ path, data }));
    return writeBundle(tables, context, files);
  }

  it('is refused when a row breaks what the app relies on, naming table and row', () => {
    const foreign = resealed((tables) => {
      tables['qaPairs'] = (tables['qaPairs'] ?? []).map((pair, index) =>
        index === 2 ? { ...(pair as object), projectId: 'project_elsewhere' } : pair,
      );
    });
    expect(refusal(foreign)).toMatchObject({
      message: expect.stringMatching(
        /^tables\/qaPairs\.jsonl, row 3: belongs to project project_elsewhere/,
      ) as unknown,
      line: 3,
    });
    const noImage = resealed((tables) => {
      tables['scanPages'] = (tables['scanPages'] ?? []).map((page) => ({
        ...(page as object),
        image: { file: 'files/pages/missing.png', type: 'image/png' },
      }));
    });
    expect(refusal(noImage).message).toMatch(/names image files\/pages\/missing\.png/);
    const badBlock = resealed((tables) => {
      tables['recordBlocks'] = (tables['recordBlocks'] ?? []).map((block) => ({
        ...(block as object),
        rows: 'not rows',
      }));
    });
    expect(refusal(badBlock).message).toMatch(/^tables\/recordBlocks\.jsonl, row 1: rows/);
  });

  it('is refused when its audit trail was altered, and nothing is imported', async () => {
    const altered = resealed((tables) => {
      tables['auditEvents'] = (tables['auditEvents'] ?? []).map((event, index) =>
        index === 3 ? { ...(event as object), actorName: 'Someone else' } : event,
      );
    });
    const contents = inspectBundle(altered);
    expect(contents.audit.chainBreak).toEqual({ seq: 4, reason: 'hash-mismatch' });
    const target = await emptyDatabase();
    const before = await snapshot(target);
    await expect(importProjectBundle(target, systemActor, contents)).rejects.toThrow(
      /audit trail is broken at event 4/,
    );
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('tessera export', () => {
  it('reads a bundle the app writes and exports its approved pairs', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-app-bundle-'));
    const file = join(folder, 'ward-7.tessera');
    writeFileSync(file, bundle.bytes);
    // The command as a pipeline runs it; it exits non-zero (and this throws) on a bad bundle.
    const output = execFileSync(
      process.execPath,
      [
        'bin/tessera.mjs',
        'export',
        file,
        '--format',
        'sharegpt',
        '--out',
        join(folder, 'out'),
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const manifest = JSON.parse(output) as DatasetManifest;
    expect(manifest.counts.input).toBe(bundle.counts.qaPairs);
    expect(manifest.counts.filtered).toBe(ward.approved);
    expect(manifest.project).toBe('Ward 7');
    const lines = readFileSync(join(folder, 'out', 'train.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(ward.approved);
  });
});
