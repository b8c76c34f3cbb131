import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import {
  createProfile,
  dropFiles,
  fixture,
  goTo,
  importWithPicker,
  openApp,
  queued,
  importQueued,
  screenshot,
  switchToNewProfile,
  watchForeignRequests,
  withoutFileSystemAccess,
} from './app-page';

const admissions = fixture('records/mimic-iii-demo/ADMISSIONS.csv');
const patients = fixture('records/mimic-iii-demo/PATIENTS.csv');

test('a person does the whole job once: import, map, write, confirm, export', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  await withoutFileSystemAccess(page);
  await openApp(page);

  // An annotator creates a profile and a project.
  await expect(page.getByRole('heading', { name: 'Welcome to Tessera' })).toBeVisible();
  await createProfile(page, 'Li Na', 'annotator');
  await page.getByLabel('Project name').fill('ICU admissions');
  await page.getByRole('button', { name: 'Create project' }).click();

  // a. Import one file with the picker and another by dropping it.
  await importWithPicker(page, admissions);
  await expect(queued(page, 'ADMISSIONS.csv').getByRole('status')).toHaveText(
    'Imported 129 rows; 0 lines skipped; 7 columns mapped automatically.',
  );
  await expect(page.getByTestId('row-count')).toHaveText('129 rows');
  await dropFiles(page, [patients]);
  await importQueued(page, 'PATIENTS.csv');
  await expect(page.getByTestId('row-count')).toHaveText('100 rows');
  const sources = page.getByRole('list', { name: 'Imported files' });
  await expect(sources.getByRole('button', { name: /\.csv/ })).toHaveCount(2);
  await sources.getByRole('button', { name: /ADMISSIONS\.csv/ }).click();
  await expect(page.getByTestId('row-count')).toHaveText('129 rows');
  const table = page.locator('.record-table');
  await expect(table.locator('tbody tr').first()).toContainText('SEPSIS');
  await screenshot(page, 'records');

  // b. Map a column: exact synonyms were mapped at import; a fuzzy one waits for a person.
  await goTo(page, 'Mapping');
  await expect(page.getByTestId('mapping-coverage')).toHaveText('7 of 19 columns mapped');
  await expect(
    page.getByRole('option', { name: 'DIAGNOSIS', exact: true }).getByTestId('mapped-to'),
  ).toHaveText('→ Diagnosis · LOINC 29308-4 · mapped automatically: exact synonym (dictionary v1)');
  const card = page.getByRole('option', { name: 'ADMITTIME', exact: true });
  await expect(card.getByTestId('mapped-to')).toHaveCount(0);
  const top = card
    .getByRole('list', { name: 'Suggestions for ADMITTIME' })
    .getByRole('listitem')
    .first();
  await expect(top).toContainText('Admission date/time · 入院时间');
  await expect(top).toContainText('local REC-ADMIT-TIME');
  await expect(top).toContainText(/0\.\d\d/);
  await expect(top).toContainText('synonym "Admit time" of Admission date/time, 1 edit');
  await screenshot(page, 'mapping');
  // Keyboard-first: pick the first suggestion, take it back, then accept the top one with Enter.
  await card.click();
  await page.keyboard.press('1');
  await expect(card.getByTestId('mapped-to')).toHaveText(
    '→ Admission date/time · local REC-ADMIT-TIME · accepted (dictionary v2)',
  );
  await page.keyboard.press('z');
  await expect(card.getByTestId('mapped-to')).toHaveCount(0);
  await card.click();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('mapped-to')).toHaveText(
    '→ Admission date/time · local REC-ADMIT-TIME · accepted (dictionary v4)',
  );
  await expect(page.getByTestId('mapping-coverage')).toHaveText('8 of 19 columns mapped');
  await goTo(page, 'Records');
  await expect(table.locator('th span[title="Raw name: ADMITTIME"]')).toHaveText(
    'Admission date/time',
  );
  await expect(table.locator('th span[title="Raw name: DIAGNOSIS"]')).toHaveText('Diagnosis');

  // c. The annotator writes a pair citing a record; approving is not theirs to do.
  await table.locator('tbody tr', { hasText: '142345' }).click();
  await page.getByRole('button', { name: 'Draft a QA pair from line 2' }).click();
  await expect(page.getByRole('figure', { name: 'Evidence' })).toContainText(
    'ADMISSIONS.csv, line 2',
  );
  await expect(page.getByRole('figure', { name: 'Evidence' })).toContainText('SEPSIS');
  await page
    .getByRole('textbox', { name: 'Question', exact: true })
    .fill('What was the admitting diagnosis of patient 10006 in admission 142345?');
  await page.getByRole('textbox', { name: 'Answer', exact: true }).fill('Sepsis.');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Sent to the clinical experts' }),
  ).toBeVisible();
  await goTo(page, 'Review');
  const annotatorView = page.getByRole('article', { name: /admitting diagnosis/ });
  await expect(annotatorView.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(annotatorView).toContainText(
    'Only a Clinical expert can do this; you are signed in as a Governance annotator.',
  );

  // A clinical expert, on the same workstation, approves it.
  await switchToNewProfile(page, 'Dr. Wang', 'clinical-expert');
  await goTo(page, 'Review');
  await expect(page.getByRole('heading', { name: 'Review queue: 1 pair' })).toBeVisible();
  await screenshot(page, 'review');
  await page
    .getByRole('article', { name: /admitting diagnosis/ })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(page.getByRole('heading', { name: 'Review queue: 0 pairs' })).toBeVisible();
  await expect(page.locator('.pair-list')).toContainText('Approved');

  // d. An ML engineer exports; the files are read back line by line.
  await switchToNewProfile(page, 'Chen Hao', 'ml-engineer');
  await goTo(page, 'Export');
  await expect(page.getByTestId('export-counts')).toHaveText(
    '1 approved pair of 1, and 229 records, in this project.',
  );
  await page
    .getByLabel('System prompt (leave empty for none)')
    .fill('You are a clinical assistant.');
  await screenshot(page, 'export');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  const download = await downloading;
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /Exported 7 files to tessera-ICU-admissions-.*\.zip/ }),
  ).toBeVisible();
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(zip).sort();
  const folder = names[0]?.split('/')[0] ?? '';
  expect(names).toEqual(
    [
      'dataset_info.json',
      'manifest.json',
      'mappings/mappings.sssom.tsv',
      'records/records.jsonl',
      'test.jsonl',
      'train.jsonl',
      'validation.jsonl',
    ].map((name) => `${folder}/${name}`),
  );
  const read = (path: string) => strFromU8(zip[`${folder}/${path}`] ?? new Uint8Array());

  // One approved pair, in one of the three splits, as OpenAI chat messages.
  const chatLines = ['train', 'validation', 'test'].flatMap((split) =>
    read(`${split}.jsonl`)
      .split('\n')
      .filter((line) => line !== ''),
  );
  expect(chatLines).toHaveLength(1);
  expect(JSON.parse(chatLines[0] ?? '')).toEqual({
    messages: [
      { role: 'system', content: 'You are a clinical assistant.' },
      {
        role: 'user',
        content: 'What was the admitting diagnosis of patient 10006 in admission 142345?',
      },
      { role: 'assistant', content: 'Sepsis.' },
    ],
  });

  const recordLines = read('records/records.jsonl')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(recordLines).toHaveLength(229);
  expect(recordLines[0]).toMatchObject({
    source: 'ADMISSIONS.csv',
    line: 2,
    fields: {
      SUBJECT_ID: '10006',
      HADM_ID: '142345',
      'Admission date/time': '10/23/64 21:09',
      Diagnosis: 'SEPSIS',
    },
    codes: { 'Admission date/time': 'local:REC-ADMIT-TIME', Diagnosis: 'LOINC:29308-4' },
  });
  expect(recordLines[129]).toMatchObject({
    source: 'PATIENTS.csv',
    line: 2,
    fields: { SUBJECT_ID: '10006', Sex: 'F', 'Birth date': '3/5/94 0:00' },
    codes: { Sex: 'LOINC:46098-0', 'Birth date': 'LOINC:21112-8' },
  });

  const manifest = JSON.parse(read('manifest.json')) as {
    files: { path: string; sha256: string; rows?: number }[];
    dictionaryVersion: number;
    counts: { filtered: number };
  };
  for (const entry of manifest.files) {
    expect(
      createHash('sha256')
        .update(zip[`${folder}/${entry.path}`] ?? new Uint8Array())
        .digest('hex'),
    ).toBe(entry.sha256);
  }
  expect(manifest.counts.filtered).toBe(1);
  expect(manifest.files.find((entry) => entry.path === 'records/records.jsonl')?.rows).toBe(229);

  // The export is in the audit trail, whose hash chain is intact.
  await goTo(page, 'Audit');
  await expect(page.getByRole('status')).toContainText('Hash chain intact');
  await expect(page.locator('.audit-table tbody tr').first()).toContainText('dataset.export');
  await expect(page.locator('.audit-table tbody tr').first()).toContainText('Chen Hao');
  await screenshot(page, 'audit');

  // Reloading keeps everything; the first profile's work is there for everyone.
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await goTo(page, 'Records');
  await expect(
    page.getByRole('list', { name: 'Imported files' }).getByRole('button', { name: /\.csv/ }),
  ).toHaveCount(2);
  await goTo(page, 'QA pairs');
  await expect(page.getByRole('heading', { name: '1 pair in this project' })).toBeVisible();

  // A new project learns from the decision: the same raw header maps by itself.
  await goTo(page, 'Projects');
  await page
    .getByRole('combobox', { name: 'Profile' })
    .selectOption({ label: 'Li Na · Governance annotator' });
  await page.getByLabel('Project name').fill('Second site');
  await page.getByRole('button', { name: 'Create project' }).click();
  await importWithPicker(page, admissions);
  await expect(queued(page, 'ADMISSIONS.csv').getByRole('status')).toHaveText(
    'Imported 129 rows; 0 lines skipped; 8 columns mapped automatically.',
  );
  await expect(table.locator('th span[title="Raw name: ADMITTIME"]')).toHaveText(
    'Admission date/time',
  );

  expect(foreign).toEqual([]);
});
