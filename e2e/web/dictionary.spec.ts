import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { goTo, openApp, screenshot, startProject, withoutFileSystemAccess } from './app-page';

test('the dictionary can be searched, taught a synonym and exported', async ({ page }) => {
  await withoutFileSystemAccess(page);
  await openApp(page);
  await startProject(page, 'Dictionary');
  await goTo(page, 'Dictionary');
  await expect(page.getByTestId('term-count')).toHaveText(/^\d{3} terms$/);

  await page.getByLabel('Search names, synonyms and codes').fill('HGB');
  const terms = page.getByRole('list', { name: 'Terms' });
  await expect(terms.getByRole('button').first()).toContainText('Hemoglobin');
  await expect(terms.getByRole('button').first()).toContainText('LOINC 718-7');
  const detail = page.getByRole('article', { name: 'Hemoglobin' });
  await expect(detail).toContainText('血红蛋白');

  await detail.getByLabel('New synonym').fill('Hb blood level');
  await detail.getByRole('button', { name: 'Add synonym' }).click();
  await expect(detail.locator('.learned-list')).toContainText('Hb blood level');
  await screenshot(page, 'dictionary');
  await detail.getByLabel('New synonym').fill('GPT');
  await detail.getByRole('button', { name: 'Add synonym' }).click();
  await expect(detail.getByRole('alert')).toContainText(
    '"GPT" already names Alanine aminotransferase',
  );

  await page
    .getByRole('combobox', { name: 'Dictionary', exact: true })
    .selectOption('clinical-lab');
  await page.getByLabel('Export format').selectOption('csv');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export dictionary…' }).click();
  const csv = readFileSync(await (await downloading).path(), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toMatch(/^id,dictionary,domain,system,code,name_en,name_zh,/);
  const hemoglobin = lines.find((line) => line.startsWith('lab.hemoglobin,'));
  expect(hemoglobin).toContain('718-7');
  expect(hemoglobin).toContain('Hb blood level');
  expect(lines.length - 1).toBeGreaterThanOrEqual(300);
});
