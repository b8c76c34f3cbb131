import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  dropFiles,
  fixture,
  goTo,
  importQueued,
  openApp,
  pickFiles,
  queued,
  screenshot,
  startProject,
  watchForeignRequests,
} from './app-page';

const formats = [
  'records/encodings/lab-gb18030.csv',
  'records/encodings/lab-utf16le.tsv',
  'records/xlsx/lab-two-sheets.xlsx',
  'records/hl7v2/ORU-R01-01.hl7',
  'records/fhir/bundle-lab.json',
  'records/json/lab-results.ndjson',
].map(fixture);

/** A file big enough that its import is still running when the person presses Cancel. */
function bigCsv(): string {
  const rows = ['id,patient,test,value,unit,collected'];
  for (let index = 0; index < 400_000; index++) {
    rows.push(
      `${index},P${index % 9973},${index % 2 ? 'HGB' : 'GLU'},${(index % 180) + 0.5},g/L,2026-11-${String((index % 28) + 1).padStart(2, '0')}`,
    );
  }
  const path = join(mkdtempSync(join(tmpdir(), 'tessera-e2e-')), 'big-export.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

test('several formats dropped at once, one big import cancelled, the rest in the table', async ({
  page,
}) => {
  const foreign = watchForeignRequests(page);
  await openApp(page);
  await startProject(page, 'Mixed exports');

  await pickFiles(page, [bigCsv()]);
  await dropFiles(page, formats);
  await expect(page.getByRole('heading', { name: '7 files to import' })).toBeVisible();

  // What was detected is shown, with a preview, before anything is stored.
  const gb = queued(page, 'lab-gb18030.csv');
  await expect(gb.getByLabel('Encoding')).toHaveValue('gb18030');
  await expect(gb.getByRole('table', { name: 'Preview' })).toContainText('谷丙转氨酶, ALT');
  await expect(queued(page, 'lab-utf16le.tsv').getByLabel('Encoding')).toHaveValue('utf-16le');
  await expect(queued(page, 'lab-utf16le.tsv').getByLabel('Delimiter')).toHaveValue('\t');
  const workbook = queued(page, 'lab-two-sheets.xlsx');
  await expect(workbook.getByLabel('Sheet').locator('option')).toHaveText(['Results', 'Patients']);
  await expect(workbook.getByRole('table', { name: 'Preview' })).toContainText('Blood count / Hb');
  await expect(queued(page, 'ORU-R01-01.hl7').getByLabel('Format')).toHaveValue('hl7v2');
  await expect(queued(page, 'bundle-lab.json').getByLabel('Format')).toHaveValue('fhir');
  await screenshot(page, 'import-queue');

  // The big file: progress shows rows and speed; Cancel leaves nothing behind.
  const big = queued(page, 'big-export.csv');
  await big.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    big.getByRole('progressbar', { name: 'Import progress of big-export.csv' }),
  ).toBeVisible();
  await expect(big.getByRole('status')).toHaveText(/^[\d,]+ rows · [\d,]+ rows\/s$/);
  await big.getByRole('button', { name: 'Cancel' }).click();
  await expect(big.getByRole('status')).toHaveText('Cancelled: nothing from this file was stored.');

  await page.getByRole('button', { name: 'Import all 6' }).click();
  for (const name of [
    'lab-gb18030.csv',
    'lab-utf16le.tsv',
    'lab-two-sheets.xlsx',
    'ORU-R01-01.hl7',
    'bundle-lab.json',
    'lab-results.ndjson',
  ]) {
    await expect(queued(page, name).getByRole('status')).toHaveText(/^Imported /);
  }
  await expect(queued(page, 'ORU-R01-01.hl7').getByRole('status')).toHaveText(
    /^Imported 5 rows; 0 lines skipped/,
  );
  await expect(queued(page, 'bundle-lab.json').getByRole('status')).toHaveText(
    /^Imported 9 rows; 0 lines skipped/,
  );

  const sources = page.getByRole('list', { name: 'Imported files' });
  // Imports started together finish in any order; the list holds each once with its counts.
  await expect(sources.getByRole('button', { name: /rows ·/ })).toHaveCount(6);
  const listed = (await sources.getByRole('button', { name: /rows ·/ }).allTextContents()).sort();
  expect(listed).toEqual([
    'ORU-R01-01.hl75 rows · 99 columns',
    'bundle-lab.json9 rows · 73 columns',
    'lab-gb18030.csv5 rows · 7 columns',
    'lab-results.ndjson6 rows · 18 columns',
    'lab-two-sheets.xlsx › Results6 rows · 10 columns',
    'lab-utf16le.tsv4 rows · 4 columns',
  ]);
  await page.getByRole('button', { name: 'Clear finished' }).click();

  // The Chinese export in the table: sorted by a number column and filtered by a name.
  await sources.getByRole('button', { name: /lab-gb18030\.csv/ }).click();
  await expect(sources).toContainText('GB18030');
  const table = page.getByRole('table', { name: 'Records of lab-gb18030.csv' });
  await expect(table.getByRole('columnheader', { name: '检验项目' })).toBeVisible();
  await table.getByRole('button', { name: '结果' }).click();
  await expect(table.locator('tbody tr').first()).toContainText('葡萄糖');
  await expect(table.locator('tbody tr').last()).toContainText('135');
  // Chinese headers that are synonyms in the dictionary were mapped at import.
  await expect(table.locator('th span[title="Raw name: 姓名"]')).toHaveText('Patient name');
  await table.getByLabel('Filter Patient name').fill('李娜');
  await expect(page.getByTestId('grid-status')).toHaveText('2 of 5 rows match');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Column profile' }).click();
  const profile = page.getByRole('table', { name: 'Column profile of lab-gb18030.csv' });
  await expect(profile.getByRole('row', { name: /^姓名/ })).toContainText('text');
  await expect(profile.getByRole('row', { name: /^结果/ })).toContainText('decimal');
  await expect(profile.getByRole('row', { name: /^姓名/ })).toContainText(
    '张伟 (2) · 李娜 (2) · 王芳 (1)',
  );
  await screenshot(page, 'records-sorted');

  // Importing the same bytes again is flagged before it happens.
  await dropFiles(page, [fixture('records/encodings/lab-gb18030.csv')]);
  await expect(queued(page, 'lab-gb18030.csv').getByRole('note')).toContainText(
    'This file was already imported as lab-gb18030.csv',
  );
  await page.getByRole('button', { name: 'Remove lab-gb18030.csv from the list' }).click();

  // Deleting a source's records is a deliberate, audited act; the file can then come back.
  await sources.getByRole('button', { name: /lab-results\.ndjson/ }).click();
  await page.getByRole('button', { name: 'Delete these records…' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(sources.getByRole('button', { name: /lab-results\.ndjson/ })).toHaveCount(0);
  await dropFiles(page, [fixture('records/json/lab-results.ndjson')]);
  await expect(queued(page, 'lab-results.ndjson').getByRole('note')).toHaveCount(0);
  await importQueued(page, 'lab-results.ndjson');
  await goTo(page, 'Audit');
  await expect(page.locator('.audit-table tbody')).toContainText('source.delete');

  expect(foreign).toEqual([]);
});
