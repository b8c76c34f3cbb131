import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  fixture,
  goTo,
  importWithPicker,
  openApp,
  startProject,
  withoutFileSystemAccess,
} from './app-page';

const folder = 'terminology/source-systems';

/** The mapping screen on the values of one column of the file shown. */
async function mapValuesOf(page: Page, column: string) {
  await goTo(page, 'Mapping');
  await page.getByRole('combobox', { name: 'Map', exact: true }).selectOption(column);
}

async function importFile(page: Page, name: string) {
  await goTo(page, 'Records');
  await importWithPicker(page, fixture(`${folder}/${name}`));
}

test('a value mapped for one source system only is mapped for that system’s files, not for another’s', async ({
  page,
}) => {
  await withoutFileSystemAccess(page);
  await openApp(page);
  await startProject(page, 'Ward 3 labs');

  // HL7 says where it comes from: MSH-3, sending application.
  await importWithPicker(page, fixture(`${folder}/lis-a-week1.hl7`));
  await expect(page.getByTestId('source-system')).toHaveText('LIS-A');

  await mapValuesOf(page, 'OBX-3.1');
  const hgb = page.getByRole('option', { name: 'HGB-7', exact: true });
  // The unit beside the code in the same rows (OBX-6) is part of the reason.
  await expect(hgb.getByRole('listitem').first()).toContainText('Hemoglobin');
  await expect(hgb.getByRole('listitem').first()).toContainText('unit g/L fits');
  const neut = page.getByRole('option', { name: 'NEUT', exact: true });
  await expect(neut.getByRole('listitem').first()).toContainText('Neutrophils absolute count');
  await expect(neut.getByRole('listitem').first()).toContainText('unit 10*9/L fits');

  // Shift+Enter: accept the top suggestion for this source system only.
  await expect(page.getByText('Shift+Enter / Shift+1–5 for this source system only')).toBeVisible();
  await hgb.click();
  await page.keyboard.press('Shift+Enter');
  await expect(hgb.getByTestId('mapped-to')).toHaveText(
    /^→ Hemoglobin · LOINC 718-7 · accepted \(dictionary v2\) · for LIS-A only$/,
  );

  // Another laboratory writes HGB-7 for something else: nothing carries over.
  await importFile(page, 'lis-b.hl7');
  await expect(page.getByTestId('source-system')).toHaveText('LIS-B');
  await mapValuesOf(page, 'OBX-3.1');
  await expect(
    page.getByRole('heading', { name: 'Map the values of OBX-3.1 in lis-b.hl7' }),
  ).toBeVisible();
  const elsewhere = page.getByRole('option', { name: 'HGB-7', exact: true });
  await expect(elsewhere).toContainText('Not mapped yet');
  await expect(elsewhere.getByRole('listitem').first()).not.toContainText('exact');
  await expect(elsewhere.getByRole('listitem').first()).toContainText('unit % does not fit');
  await expect(page.getByTestId('mapping-coverage')).toHaveText('0 of 3 distinct values mapped');

  // The next file from LIS-A is mapped by the decision made for LIS-A.
  await importFile(page, 'lis-a-week2.hl7');
  await mapValuesOf(page, 'OBX-3.1');
  await expect(
    page.getByRole('option', { name: 'HGB-7', exact: true }).getByTestId('mapped-to'),
  ).toHaveText(/· for LIS-A only$/);

  // A CSV export of LIS-A does not say so; once a person names its system, the synonym learned
  // for LIS-A is an exact hit there too.
  await importFile(page, 'lis-a-export.csv');
  await expect(page.getByTestId('source-system')).toHaveText('not named');
  await mapValuesOf(page, 'test');
  const unnamed = page.getByRole('option', { name: 'HGB-7', exact: true });
  await expect(unnamed.getByRole('listitem').first()).not.toContainText('exact');
  await goTo(page, 'Records');
  await page.getByRole('button', { name: 'Change the source system' }).click();
  await page.getByRole('textbox', { name: 'Source system' }).fill('lis-a');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('source-system')).toHaveText('lis-a');
  await mapValuesOf(page, 'test');
  const named = page
    .getByRole('option', { name: 'HGB-7', exact: true })
    .getByRole('listitem')
    .first();
  await expect(named).toContainText('1.00');
  await expect(named).toContainText(
    'exact learned synonym "HGB-7" of Hemoglobin for source system LIS-A',
  );

  // The dictionary shows the scope, in the synonym list, the history and the lossless export.
  await goTo(page, 'Dictionary');
  await page.getByLabel('Search names, synonyms and codes').fill('HGB-7');
  const detail = page.getByRole('article', { name: 'Hemoglobin' });
  await expect(detail.locator('.learned-list')).toContainText('HGB-7 only for LIS-A');
  await detail.getByText(/^History: \d+ changes?$/).click();
  await expect(detail.getByRole('list', { name: 'Changes to Hemoglobin' })).toContainText(
    'mapping.accept · Li Na',
  );
  await expect(detail.getByRole('list', { name: 'Changes to Hemoglobin' })).toContainText(
    'HGB-7 (only for LIS-A)',
  );
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export dictionary…' }).click();
  const exported = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    terms: { id: string; learned: { text: string; sourceSystem?: string }[] }[];
  };
  expect(exported.terms.find((term) => term.id === 'lab.hemoglobin')?.learned).toEqual([
    expect.objectContaining({ text: 'HGB-7', sourceSystem: 'LIS-A' }),
  ]);
});
