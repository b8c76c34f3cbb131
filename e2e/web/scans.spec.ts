import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  dropContents,
  dropFiles,
  fixture,
  goTo,
  openApp,
  screenshot,
  startProject,
  watchForeignRequests,
  withoutFileSystemAccess,
} from './app-page';
import { formTemplateSchema } from '../../shared/ocr/template';

const visitNotesPdf = fixture('scans/e2e/visit-notes.pdf');
const photoTest = fixture('scans/tesseract-test/phototest.png');
const visitNotesShifted = fixture('scans/crafted/medical-notes-shifted.png');
const twoPageTiff = fixture('scans/crafted/two-pages.tif');
const chineseScan = fixture('scans/tesseractjs/chinese.png');
const sidewaysScan = fixture('scans/crafted/phototest-sideways.png');
const chineseLanguagePack = fixture('scans/lang/chi_sim.traineddata');

/** Drags a rectangle on the page pane between two points given as fractions of the page. */
async function drawZone(page: Page, from: [number, number], to: [number, number]) {
  const box = await page.getByTestId('template-page').locator('img').boundingBox();
  if (!box) throw new Error('the page image is not on screen');
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
  await page.mouse.up();
}

test('scans are read offline, corrected with the keyboard and read through a form template', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const foreign = watchForeignRequests(page);
  await withoutFileSystemAccess(page);
  await openApp(page);
  await startProject(page, 'Ward sheets');
  await goTo(page, 'Scans');

  await dropFiles(page, [visitNotesPdf, photoTest, visitNotesShifted]);
  await expect(
    page.getByRole('status').filter({ hasText: 'visit-notes.pdf: 1 page stored.' }),
  ).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'phototest.png: 1 page stored.' }),
  ).toBeVisible();

  // Reading shows progress, then every page's confidence.
  await page.getByRole('button', { name: 'Read 3 pages' }).click();
  await expect(page.getByRole('progressbar', { name: 'OCR progress' })).toBeVisible();
  await expect(page.getByText(/of 3 pages · .* pages\/min/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Read 0 pages' })).toBeVisible({
    timeout: 120_000,
  });
  const pages = page.getByRole('list', { name: 'Scans' });
  await expect(pages.getByRole('button', { name: /% confident/ })).toHaveCount(3);

  // The PDF page (rendered at 300 DPI) reads as the visit note.
  await pages
    .getByRole('listitem')
    .filter({ hasText: 'visit-notes.pdf' })
    .getByRole('button', { name: /^Page 1/ })
    .click();
  await expect(page.getByTestId('page-text')).toContainText('Regular rhythm');

  // Correct a word in place with the keyboard: select it, Enter, type, Enter.
  const review = page.getByTestId('page-review');
  await page
    .getByTestId('page-review')
    .locator('rect.word')
    .filter({ hasText: /^Lungs/ })
    .click();
  await review.focus();
  await review.press('Enter');
  const editor = page.getByRole('textbox', { name: /Correct “Lungs/ });
  await editor.fill('LUNGS');
  await editor.press('Enter');
  await expect(page.getByTestId('page-text')).toContainText('LUNGS');
  await screenshot(page, 'scan-review');
  // Z takes it back; the engine's reading shows again.
  await review.press('z');
  await expect(page.getByTestId('page-text')).not.toContainText('LUNGS');
  await expect(page.getByTestId('page-text')).toContainText('Lungs');

  // A template with three zones, drawn on the PDF page.
  await page.getByRole('tab', { name: 'Form template' }).click();
  const zones: [string, [number, number], [number, number], string][] = [
    ['Age', [0.088, 0.175], [0.163, 0.245], ''],
    ['Lungs', [0.125, 0.555], [0.2, 0.61], ''],
    ['Heart', [0.125, 0.615], [0.335, 0.67], ''],
  ];
  for (const [name, from, to] of zones) {
    await drawZone(page, from, to);
    await page.getByLabel('Zone name').fill(name);
    await page.getByRole('button', { name: 'Add zone' }).click();
  }
  await page.getByLabel('Template name').fill('Visit note');
  await page.getByRole('button', { name: 'Save template (3 zones)' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Template Visit note saved.' }),
  ).toBeVisible();
  await screenshot(page, 'scan-template');

  // Saved as JSON, the template is the file `tessera ocr --template` reads.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as JSON (for tessera ocr --template)' }).click();
  const saved = formTemplateSchema.parse(
    JSON.parse(readFileSync(await (await download).path(), 'utf8')),
  );
  expect(saved.zones.map((zone) => zone.name)).toEqual(['Age', 'Lungs', 'Heart']);
  expect(saved.anchors.length).toBeGreaterThan(50);

  await page.getByRole('checkbox', { name: 'visit-notes.pdf' }).check();
  await page.getByRole('checkbox', { name: 'medical-notes-shifted.png' }).check();
  await page.getByRole('button', { name: 'Read 2 scans' }).click();

  // One record per scan, in the records table like any import.
  await expect(page.getByTestId('row-count')).toHaveText('2 rows', { timeout: 60_000 });
  const table = page.getByRole('table', { name: /^Records of Visit note/ });
  for (const file of ['visit-notes.pdf', 'medical-notes-shifted.png']) {
    const row = table.locator('tbody tr').filter({ hasText: file });
    await expect(row).toContainText('40yo');
    await expect(row).toContainText('clear');
    await expect(row).toContainText('Regular rhythm');
  }
  await screenshot(page, 'scan-form-records');
  expect(foreign).toEqual([]);
});

test('a language pack added once reads Chinese offline; bad scans are refused by name', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const foreign = watchForeignRequests(page);
  await openApp(page);
  await startProject(page, 'Chinese sheets');
  await goTo(page, 'Scans');

  // Junk named .png and a truncated PDF are refused, each named, and nothing is stored for them.
  await dropContents(page, [
    { name: 'not-an-image.png', bytes: new TextEncoder().encode('MSH|^~\\&|LAB|not a picture') },
    { name: 'cut-short.pdf', bytes: readFileSync(visitNotesPdf).subarray(0, 900) },
  ]);
  await expect(
    page.getByRole('alert').filter({ hasText: /^not-an-image\.png: is not an image/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: /^cut-short\.pdf: is not a readable PDF/ }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Scans' })).toHaveCount(0);

  // A two-page TIFF becomes two pages.
  await dropFiles(page, [twoPageTiff, chineseScan, sidewaysScan]);
  await expect(
    page.getByRole('status').filter({ hasText: 'two-pages.tif: 2 pages stored.' }),
  ).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add language pack…' }).click();
  await (await chooser).setFiles(chineseLanguagePack);
  await expect(page.getByRole('checkbox', { name: 'Chinese (Simplified)' })).toBeChecked();
  // English and Chinese together read best as one block; sideways pages are turned upright.
  await page.getByLabel('Page mode').selectOption('block');
  await page.getByRole('checkbox', { name: 'Turn sideways pages upright' }).check();
  await page.getByRole('button', { name: 'Read 4 pages' }).click();
  await expect(page.getByRole('button', { name: 'Read 0 pages' })).toBeVisible({
    timeout: 120_000,
  });
  const scans = page.getByRole('list', { name: 'Scans' });
  await scans
    .getByRole('listitem')
    .filter({ hasText: 'chinese.png' })
    .getByRole('button', { name: /^Page 1/ })
    .click();
  await expect(page.getByTestId('page-text')).toContainText('中文');
  await scans
    .getByRole('listitem')
    .filter({ hasText: 'phototest-sideways.png' })
    .getByRole('button', { name: /^Page 1/ })
    .click();
  await expect(page.getByTestId('page-text')).toContainText('The quick brown dog jumped');
  await expect(page.getByText('turned 270° clockwise')).toBeVisible();
  // A scan can be deleted, pages and all; the others stay.
  page.once('dialog', (dialog) => void dialog.accept());
  await scans
    .getByRole('listitem')
    .filter({ hasText: 'two-pages.tif' })
    .getByRole('button', { name: 'Delete scan…' })
    .click();
  await expect(scans.getByText('two-pages.tif')).toHaveCount(0);
  await expect(scans.getByText('chinese.png')).toBeVisible();

  // The pack stays with the app: after a restart it is still there to choose.
  await page.reload();
  await goTo(page, 'Scans');
  await expect(page.getByRole('checkbox', { name: 'Chinese (Simplified)' })).toBeVisible();
  expect(foreign).toEqual([]);
});
