import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  fixture,
  goTo,
  importWithPicker,
  openApp,
  startProject,
  withoutFileSystemAccess,
} from './app-page';

const labItems = fixture('terminology/mimic-iii-demo/D_LABITEMS.csv');

test('the test names in a long-format lab export are mapped with the keyboard, in bulk, and remembered', async ({
  page,
}) => {
  await withoutFileSystemAccess(page);
  await openApp(page);
  await startProject(page, 'MIMIC lab items');
  await importWithPicker(page, labItems);
  await goTo(page, 'Mapping');
  await page.getByRole('combobox', { name: 'Map', exact: true }).selectOption('LABEL');
  await expect(
    page.getByRole('heading', { name: 'Map the values of LABEL in D_LABITEMS.csv' }),
  ).toBeVisible();
  await expect(page.getByTestId('mapping-coverage')).toHaveText(
    /^0 of \d{3} distinct values mapped$/,
  );

  // One value with the keyboard: the top suggestion is accepted with Enter.
  const hemoglobin = page.getByRole('option', { name: 'Hemoglobin', exact: true });
  await hemoglobin.click();
  await page.keyboard.press('Enter');
  await expect(hemoglobin.getByTestId('mapped-to')).toHaveText(
    /^→ Hemoglobin · LOINC 718-7 · accepted/,
  );
  await expect(page.getByTestId('mapping-coverage')).toHaveText(
    /^1 of \d{3} distinct values mapped$/,
  );

  // A value the dictionary lacks: N creates a term, prefilled, and maps the value to it.
  const specimen = page.getByRole('option', { name: 'SPECIMEN TYPE', exact: true });
  await specimen.click();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New term for “SPECIMEN TYPE”' });
  await expect(dialog.getByLabel('English name')).toHaveValue('SPECIMEN TYPE');
  await expect(dialog.getByLabel('Code (local)')).toHaveValue('LOCAL-SPECIMEN-TYPE');
  await dialog.getByLabel('Chinese name').fill('标本类型');
  await dialog.getByRole('button', { name: 'Create and map' }).click();
  await expect(specimen.getByTestId('mapped-to')).toHaveText(
    /^→ SPECIMEN TYPE · local LOCAL-SPECIMEN-TYPE · accepted/,
  );
  await expect(page.getByTestId('mapping-coverage')).toHaveText(
    /^2 of \d{3} distinct values mapped$/,
  );

  // The rest above a score, after a preview of exactly what will change.
  await page.getByLabel('Score at least').fill('0.95');
  const bulk = page.getByRole('button', { name: /^Accept \d+ suggestions ≥ 0\.95…$/ });
  const offered = Number((await bulk.textContent())?.match(/Accept (\d+)/)?.[1] ?? '0');
  expect(offered).toBeGreaterThan(20);
  await bulk.click();
  const preview = page.getByRole('dialog', { name: 'These suggestions will be accepted' });
  await expect(preview.getByRole('listitem')).toHaveCount(offered);
  await preview.getByRole('button', { name: `Accept all ${offered}` }).click();
  await expect(page.getByTestId('mapping-coverage')).toHaveText(
    new RegExp(`^${offered + 2} of \\d{3} distinct values mapped$`),
  );

  // The records table shows canonical values on request, the raw value on hover.
  await goTo(page, 'Records');
  await page.getByRole('button', { name: 'Canonical values' }).click();
  const table = page.getByRole('table', { name: 'Records of D_LABITEMS.csv' });
  await table.getByLabel('Filter LABEL').fill('Hemoglobin');
  await expect(table.locator('td.mapped[title="Hemoglobin"]').first()).toHaveText('Hemoglobin');
  await goTo(page, 'Mapping');

  // The decisions leave as SSSOM for other tools.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export mappings…' }).click();
  const sssom = readFileSync(await (await downloading).path(), 'utf8');
  const lines = sssom.split('\n');
  expect(lines.filter((line) => line.startsWith('#')).join('\n')).toContain('mapping_set_id');
  const header = lines.find((line) => !line.startsWith('#'))?.split('\t') ?? [];
  expect(header).toEqual(
    expect.arrayContaining([
      'subject_id',
      'subject_label',
      'predicate_id',
      'object_id',
      'object_label',
      'mapping_justification',
    ]),
  );
  const hemoglobinRow = lines.find(
    (line) => line.includes('\tHemoglobin\t') && line.includes('LOINC:718-7'),
  );
  expect(hemoglobinRow).toContain('semapv:ManualMappingCuration');

  // A second project: what was accepted is now an exact synonym, shown as such.
  await goTo(page, 'Projects');
  await page.getByLabel('Project name').fill('Second site');
  await page.getByRole('button', { name: 'Create project' }).click();
  await importWithPicker(page, labItems);
  await goTo(page, 'Mapping');
  await page.getByRole('combobox', { name: 'Map', exact: true }).selectOption('LABEL');
  const again = page.getByRole('option', { name: 'Hemoglobin', exact: true });
  await expect(again.getByRole('listitem').first()).toContainText('1.00');
  await expect(again.getByRole('listitem').first()).toContainText('exact');
});
