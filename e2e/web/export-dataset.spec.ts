import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import {
  createProfile,
  fixture,
  goTo,
  openApp,
  screenshot,
  watchForeignRequests,
  withoutFileSystemAccess,
} from './app-page';

/** Made by test/fixtures/bundle/make-bundle.mjs from the MIMIC demo and the planted-identifier pairs. */
const wardBundle = fixture('bundle/ward-7.tessera');
const planted = JSON.parse(readFileSync(fixture('deid/planted.json'), 'utf8')) as {
  userNames: string[];
  identifiers: { value: string }[];
};

interface Manifest {
  counts: {
    input: number;
    filtered: number;
    duplicates: { exact: number; near: number };
    splits: Record<'train' | 'validation' | 'test', number>;
  };
  leakage: { sharedGroups: number };
  files: { path: string; bytes: number; sha256: string; rows?: number }[];
}

/** Every file of a downloaded export folder, by its path inside the folder. */
async function unzipExport(download: Download): Promise<Map<string, Uint8Array>> {
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries))
    if (!name.endsWith('/')) files.set(name.slice(name.indexOf('/') + 1), bytes);
  return files;
}

const text = (bytes: Uint8Array | undefined) => strFromU8(bytes ?? new Uint8Array());
const jsonLines = (bytes: Uint8Array | undefined) =>
  text(bytes)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

/** The manifest, after checking that it lists every file with the file's true size and hash. */
function checkedManifest(files: Map<string, Uint8Array>): Manifest {
  const manifest = JSON.parse(text(files.get('manifest.json'))) as Manifest;
  expect([...files.keys()].sort()).toEqual(
    [...manifest.files.map((file) => file.path), 'manifest.json'].sort(),
  );
  for (const file of manifest.files) {
    const bytes = files.get(file.path) ?? new Uint8Array();
    expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
    expect(bytes.byteLength, file.path).toBe(file.bytes);
  }
  const { splits, filtered, duplicates } = manifest.counts;
  expect(splits.train + splits.validation + splits.test).toBe(
    filtered - duplicates.exact - duplicates.near,
  );
  expect(manifest.leakage.sharedGroups).toBe(0);
  return manifest;
}

async function importBundle(page: Page, name: string, bytes: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import project bundle…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/zip', buffer: bytes });
}

async function importWard(page: Page): Promise<void> {
  await importBundle(page, 'ward-7.tessera', readFileSync(wardBundle));
  const bundles = page.getByRole('region', { name: 'Project bundles' });
  await expect(bundles.getByTestId('bundle-counts')).toContainText('229 records in 2 files');
  await expect(bundles.getByTestId('bundle-counts')).toContainText(
    '46 question–answer pairs with 48 reviews',
  );
  await bundles.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(bundles.getByRole('status')).toHaveText('Imported the project “Ward 7”.');
}

async function exportNow(page: Page): Promise<Map<string, Uint8Array>> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  const files = await unzipExport(await downloading);
  await expect(
    page.getByRole('region', { name: 'Export finished' }).getByRole('status'),
  ).toContainText(/^Exported \d+ files to tessera-Ward-7-.*\.zip \(downloads\)\.$/);
  return files;
}

test('an ML engineer exports a curated, de-identified dataset in three formats', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const foreign = watchForeignRequests(page);
  await withoutFileSystemAccess(page);
  await openApp(page);
  await createProfile(page, 'Zhao Min', 'governance-lead');
  await importWard(page);
  await page.getByRole('button', { name: /^Ward 7/ }).click();
  await goTo(page, 'Export');
  await expect(page.getByTestId('export-counts')).toHaveText(
    '45 approved pairs of 46, and 229 records, in this project.',
  );

  // 1. OpenAI chat with a system prompt and the evidence as context, de-identified.
  await page.getByLabel('System prompt (leave empty for none)').fill('You are a ward assistant.');
  await page.getByLabel('Give the cited evidence as context before the question').check();
  await page.getByLabel(/^Remove personal data/).check();
  await page.getByLabel('More names to remove (one per line)').fill(planted.userNames.join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'What the export will do' });
  await expect(preview).toContainText('46 pairs in the project; 45 pass the filters.');
  // Repeats are judged after de-identification: questions differing only in a record number
  // are one example once the number is a placeholder.
  const dropped = /Dropped as repeats: (\d+) exact, (\d+) near\./.exec(
    (await preview.textContent()) ?? '',
  );
  await expect(preview.getByTestId('deid-counts')).toContainText(/\d+ names/);
  const sample = preview.getByRole('region', { name: 'De-identification, before and after' });
  await expect(sample.locator('mark[data-type="NAME"]').first()).toBeVisible();
  await expect(sample.getByText('[NAME]').first()).toBeVisible();
  await screenshot(page, 'export-preview');

  const chat = await exportNow(page);
  const chatManifest = checkedManifest(chat);
  expect(chatManifest.counts.duplicates).toEqual({
    exact: Number(dropped?.[1]),
    near: Number(dropped?.[2]),
  });
  expect(chatManifest.counts.duplicates.exact).toBeGreaterThanOrEqual(2);
  expect([...chat.keys()].sort()).toEqual([
    'dataset_info.json',
    'manifest.json',
    'mappings/mappings.sssom.tsv',
    'records/records.jsonl',
    'reports/dropped.jsonl',
    'test.jsonl',
    'train.jsonl',
    'validation.jsonl',
  ]);
  for (const split of ['train', 'validation', 'test'] as const) {
    const lines = jsonLines(chat.get(`${split}.jsonl`)) as {
      messages: { role: string; content: string }[];
    }[];
    expect(lines).toHaveLength(chatManifest.counts.splits[split]);
    for (const line of lines) {
      expect(line.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
      expect(line.messages[0]?.content).toBe('You are a ward assistant.');
    }
  }
  expect(JSON.parse(text(chat.get('dataset_info.json')))).toMatchObject({
    tessera_train: { file_name: 'train.jsonl', formatting: 'sharegpt' },
  });
  const everything = [...chat.values()].map(text).join('\n');
  for (const { value } of planted.identifiers) expect(everything, value).not.toContain(value);
  await page.getByRole('region', { name: 'Export finished' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'export-report');

  // 2. Parquet, without de-identification, with the records as Parquet too.
  await page.getByLabel('Write the question–answer pairs as').selectOption('parquet');
  await page.getByLabel(/^Remove personal data/).uncheck();
  await page.getByLabel(/^Normalized records/).selectOption('parquet');
  const table = await exportNow(page);
  const tableManifest = checkedManifest(table);
  const bytes = table.get('train.parquet') ?? new Uint8Array();
  const rows = (await parquetReadObjects({ file: bytes.slice().buffer })) as Record<
    string,
    unknown
  >[];
  expect(rows).toHaveLength(tableManifest.counts.splits.train);
  expect(Object.keys(rows[0] ?? {})).toEqual([
    'id',
    'system',
    'question',
    'context',
    'answer',
    'tags',
  ]);
  const records = table.get('records/records.parquet') ?? new Uint8Array();
  const fields = (await parquetReadObjects({ file: records.slice().buffer })) as {
    field: string;
    code: string;
  }[];
  expect(fields.find((field) => field.field === 'Diagnosis')?.code).toBe('LOINC:29308-4');

  // 3. A Hugging Face folder, JSONL, split 70/15/15 with another seed.
  await page.getByLabel('Write the question–answer pairs as').selectOption('hf');
  await page.getByLabel('Train %').fill('70');
  await page.getByLabel('Validation %').fill('15');
  await page.getByLabel('Test %').fill('15');
  await page.getByLabel('Seed').fill('7');
  const hub = await exportNow(page);
  const hubManifest = checkedManifest(hub);
  expect(text(hub.get('README.md'))).toMatch(/^---\n[\s\S]*license: other[\s\S]*num_examples:/);
  expect(jsonLines(hub.get('data/train-00000-of-00001.jsonl'))).toHaveLength(
    hubManifest.counts.splits.train,
  );
  expect(hubManifest.counts.splits.validation).toBeGreaterThan(0);

  // Each export is in the audit trail, whose chain is intact.
  await goTo(page, 'Audit');
  await expect(page.getByRole('status')).toContainText('Hash chain intact');
  await expect(page.locator('.audit-table tbody tr', { hasText: 'dataset.export' })).toHaveCount(3);
  expect(foreign).toEqual([]);
});

test('a project bundle moves to another workstation; a damaged one is refused by name', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await browser.newContext();
  const page = await first.newPage();
  await withoutFileSystemAccess(page);
  await openApp(page);
  await createProfile(page, 'Zhao Min', 'governance-lead');
  await importWard(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export project bundle of Ward 7' }).click();
  const exported = readFileSync(await (await downloading).path());
  await expect(
    page.getByRole('status').filter({ hasText: /^Saved the bundle as Ward-7\.tessera/ }),
  ).toHaveText(/record files 2, scans 1, pairs 46, audit events \d+\.$/);
  await screenshot(page, 'project-bundles');
  await page.getByRole('button', { name: /^Ward 7/ }).click();
  await goTo(page, 'Export');
  const counts = '45 approved pairs of 46, and 229 records, in this project.';
  await expect(page.getByTestId('export-counts')).toHaveText(counts);
  await first.close();

  // Another workstation: a fresh browser profile with its own person.
  const second = await browser.newContext();
  const other = await second.newPage();
  await openApp(other);
  await createProfile(other, 'Sun Li', 'governance-lead');
  const damaged = Buffer.from(exported);
  for (let at = 400; at < damaged.length; at += 4001) damaged[at] = (damaged[at] ?? 0) ^ 0xff;
  await importBundle(other, 'ward-7-damaged.tessera', damaged);
  const bundles = other.getByRole('region', { name: 'Project bundles' });
  await expect(bundles.getByRole('alert')).toHaveText(
    /^ward-7-damaged\.tessera was not imported, and nothing was changed: /,
  );
  await expect(other.locator('.project-list li')).toHaveCount(0);

  await importBundle(other, 'Ward-7.tessera', exported);
  await expect(bundles).toContainText(
    "The bundle's events join this workstation's trail, sealed onto its hash chain",
  );
  await bundles.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(bundles.getByRole('status')).toHaveText('Imported the project “Ward 7”.');
  await other.getByRole('button', { name: /^Ward 7/ }).click();
  await expect(other.getByTestId('row-count')).toHaveText(/^(129|100) rows$/);
  await goTo(other, 'Export');
  await expect(other.getByTestId('export-counts')).toHaveText(counts);
  await goTo(other, 'Audit');
  await expect(other.getByRole('status')).toContainText('Hash chain intact');
  await expect(other.locator('.audit-table tbody tr').first()).toContainText(
    'project.import-bundle',
  );
  await second.close();
});
