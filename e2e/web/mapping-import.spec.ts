import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  fixture,
  goTo,
  importWithPicker,
  openApp,
  queued,
  startProject,
  withoutFileSystemAccess,
} from './app-page';

const sssom = fixture('terminology/crafted/ward5-labs.sssom.tsv');

async function pickMappingFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import mappings…' }).click();
  await (await chooser).setFiles(path);
}

test('mappings made elsewhere (SSSOM) are previewed, applied as synonyms and map the next import', async ({
  page,
}) => {
  await withoutFileSystemAccess(page);
  await openApp(page);
  await startProject(page, 'Ward 5 labs');
  await goTo(page, 'Dictionary');

  // A broken file is refused with its name and line.
  const broken = join(mkdtempSync(join(tmpdir(), 'tessera-sssom-')), 'ward5-broken.sssom.tsv');
  writeFileSync(broken, readFileSync(sssom, 'utf8').replace('\t0.95\t', '\thigh\t'));
  await pickMappingFile(page, broken);
  await expect(page.getByRole('alert')).toHaveText(
    'ward5-broken.sssom.tsv, line 11: confidence "high" is not a number from 0 to 1',
  );

  await pickMappingFile(page, sssom);
  const preview = page.getByRole('dialog', { name: 'Import mappings from ward5-labs.sssom.tsv' });
  await expect(preview.getByTestId('mapping-import-summary')).toHaveText(
    '8 mappings read: 4 become synonyms, 1 are synonyms already, 1 conflict with a synonym of another term, 1 name a code the dictionary lacks, 1 are not acceptances.',
  );
  await expect(preview.getByRole('list', { name: 'New synonyms' })).toContainText(
    '“W5 HB01” becomes a synonym of Hemoglobin',
  );
  await expect(
    preview.getByRole('list', { name: 'Codes the dictionary lacks (left out)' }),
  ).toHaveText('line 15: “W5 XYZ9”: no term has LOINC code "99999-9"');
  await expect(
    preview.getByRole('list', { name: 'Conflicts (left out: settle them in the dictionary)' }),
  ).toHaveText('“GPT” → Aspartate aminotransferase: already a synonym of Alanine aminotransferase');
  await preview.getByRole('button', { name: 'Add 4 synonyms' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Added 4 synonyms from ward5-labs.sssom.tsv (dictionary v2).' }),
  ).toBeVisible();

  await page.getByLabel('Search names, synonyms and codes').fill('W5 HB01');
  const hemoglobin = page.getByRole('article', { name: 'Hemoglobin' });
  await expect(hemoglobin.locator('.learned-list')).toContainText('W5 HB01');
  await expect(hemoglobin.locator('.learned-list')).toContainText('from ward5-labs.sssom.tsv');

  // The next import maps those columns by itself.
  await goTo(page, 'Records');
  await importWithPicker(page, fixture('terminology/crafted/ward5-labs.csv'));
  await expect(queued(page, 'ward5-labs.csv').getByRole('status')).toHaveText(
    'Imported 3 rows; 0 lines skipped; 4 columns mapped automatically.',
  );
  await goTo(page, 'Mapping');
  await expect(
    page.getByRole('option', { name: 'W5_HB01', exact: true }).getByTestId('mapped-to'),
  ).toHaveText(/^→ Hemoglobin · LOINC 718-7 · mapped automatically: exact synonym/);
  await expect(page.getByRole('option', { name: 'W5_XYZ9', exact: true })).toContainText(
    'Not mapped yet',
  );

  await goTo(page, 'Audit');
  await expect(
    page.locator('.audit-table tbody tr').filter({ hasText: 'dictionary.import-mappings' }),
  ).toHaveCount(1);
});
