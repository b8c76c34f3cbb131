import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createProfile, goTo, openApp, withoutFileSystemAccess } from './app-page';

interface DictionaryFile {
  terms: {
    id: string;
    nameZh: string;
    abbreviations: string[];
    learned: { text: string; addedBy: string; addedAt: string }[];
  }[];
}

test('a governance lead merges another workstation’s dictionary and resolves its conflicts', async ({
  page,
}) => {
  await withoutFileSystemAccess(page);
  await openApp(page);
  await createProfile(page, 'Zhao Lei', 'governance-lead');
  await page.getByLabel('Project name').fill('Shared dictionary');
  await page.getByRole('button', { name: 'Create project' }).click();
  await goTo(page, 'Dictionary');

  // The other workstation's copy: our own export with its changes planted in.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export dictionary…' }).click();
  const theirs = JSON.parse(
    readFileSync(await (await downloading).path(), 'utf8'),
  ) as DictionaryFile;
  const hemoglobin = theirs.terms.find((term) => term.id === 'lab.hemoglobin');
  if (!hemoglobin) throw new Error('no hemoglobin in the export');
  hemoglobin.nameZh = '血红素';
  hemoglobin.abbreviations.push('GPT');
  hemoglobin.learned.push({
    text: 'HB_TOTAL',
    addedBy: 'user_elsewhere',
    addedAt: '2026-11-20T08:00:00.000Z',
  });
  const path = join(mkdtempSync(join(tmpdir(), 'tessera-merge-')), 'ward-7.tessera.json');
  writeFileSync(path, JSON.stringify(theirs));

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Merge a dictionary…' }).click();
  await (await chooser).setFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Merge ward-7.tessera.json' });
  await expect(dialog).toContainText('0 new terms, 1 new synonyms, 2 conflicts to resolve.');
  await expect(dialog).toContainText('"HB_TOTAL" joins lab.hemoglobin');
  const nameConflict = dialog.getByRole('group', {
    name: /Code LOINC 718-7 is named Hemoglobin \/ 血红蛋白 here and Hemoglobin \/ 血红素 there/,
  });
  const synonymConflict = dialog.getByRole('group', {
    name: /"GPT" is a synonym of lab\.alt here and of lab\.hemoglobin there/,
  });
  await expect(dialog.getByRole('button', { name: 'Decide 2 conflicts first' })).toBeDisabled();
  await nameConflict.getByLabel('Keep ours').check();
  await synonymConflict.getByLabel('Keep ours').check();
  await dialog.getByRole('button', { name: 'Apply merge' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Merged: 1 term changed or added.' }),
  ).toBeVisible();

  await page.getByLabel('Search names, synonyms and codes').fill('HB_TOTAL');
  const detail = page.getByRole('article', { name: 'Hemoglobin' });
  await expect(detail).toContainText('血红蛋白');
  await expect(detail.locator('.learned-list')).toContainText('HB_TOTAL');
  await page.getByLabel('Search names, synonyms and codes').fill('GPT');
  await expect(page.getByRole('list', { name: 'Terms' }).getByRole('button')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Terms' }).getByRole('button')).toContainText(
    'Alanine aminotransferase',
  );
  // The lead may also retire a term or fold it into one that means the same.
  const alt = page.getByRole('article', { name: 'Alanine aminotransferase' });
  await alt.getByRole('button', { name: 'Merge into another term…' }).click();
  await expect(alt.getByRole('button', { name: 'Merge', exact: true })).toBeDisabled();
  await alt.getByRole('button', { name: 'Go back' }).click();
  await expect(alt.getByRole('button', { name: 'Deprecate…' })).toBeEnabled();
  await goTo(page, 'Audit');
  await expect(page.locator('.audit-table tbody tr').first()).toContainText('dictionary.merge');
  await expect(page.getByRole('status')).toContainText('Hash chain intact');
});
