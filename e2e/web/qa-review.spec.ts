import { expect, test, type Page } from '@playwright/test';
import {
  dropFiles,
  fixture,
  goTo,
  importWithPicker,
  openApp,
  screenshot,
  startProject,
  switchToNewProfile,
  watchForeignRequests,
} from './app-page';

const photoTest = fixture('scans/tesseract-test/phototest.png');
const patients = fixture('records/mimic-iii-demo/PATIENTS.csv');
const medquad = fixture('qa/medquad/9_CDC_QA/0000030.xml');

const ocrQuestion = 'In what point size is the first line of the test page printed?';
const recordQuestion = 'What sex is recorded for patient 10006?';
const medquadQuestions = [
  'What is (are) Parasites - Ascariasis ?',
  'Who is at risk for Parasites - Ascariasis? ?',
  'How to diagnose Parasites - Ascariasis ?',
  'What are the treatments for Parasites - Ascariasis ?',
  'How to prevent Parasites - Ascariasis ?',
];

/** Drags a rectangle on the page image between two points given as fractions of the page. */
async function drawBox(page: Page, from: [number, number], to: [number, number]) {
  const box = await page.getByTestId('region-canvas').locator('img').boundingBox();
  if (!box) throw new Error('the page image is not on screen');
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
  await page.mouse.up();
}

const current = (page: Page) => page.getByTestId('current-question');

/** Puts the keyboard on the review screen (as a click on the pair does) and presses a key. */
async function press(page: Page, key: string) {
  await current(page).click();
  await page.keyboard.press(key);
}

async function switchTo(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label });
}

test('pairs drafted from a scan, a record and MedQuAD go through two blind experts and a lead', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const foreign = watchForeignRequests(page);
  await openApp(page);
  await startProject(page, 'Urology QA');

  // The annotator reads a scan, then cites a box drawn on it and a passage of its text.
  await goTo(page, 'Scans');
  await dropFiles(page, [photoTest]);
  await expect(
    page.getByRole('status').filter({ hasText: 'phototest.png: 1 page stored.' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Read 1 page' }).click();
  await expect(page.getByRole('button', { name: 'Read 0 pages' })).toBeVisible({
    timeout: 120_000,
  });
  await goTo(page, 'QA pairs');
  await page.getByRole('button', { name: 'Cite a region of a scan' }).click();
  await drawBox(page, [0.03, 0.17], [0.97, 0.26]);
  const boxEvidence = page
    .getByRole('figure', { name: 'Evidence' })
    .filter({ hasText: 'phototest.png, page 1 · a box on the page' });
  await expect(boxEvidence).toContainText('This is a lot of 12 point text to test the');
  await expect(
    boxEvidence.getByRole('img', { name: 'Page 1 of phototest.png, cut to the cited region' }),
  ).toBeVisible();
  const pageText = page.getByRole('textbox', { name: 'Page text (as corrected)' });
  await expect(pageText).toHaveValue(/^This is a lot of 12 point text/);
  await pageText.evaluate((area: HTMLTextAreaElement) => {
    const start = area.value.indexOf('12 point');
    area.focus();
    area.setSelectionRange(start, start + '12 point'.length);
  });
  await page.getByRole('button', { name: 'Cite the selected text' }).click();
  await expect(
    page
      .getByRole('figure', { name: 'Evidence' })
      .filter({ hasText: 'phototest.png, page 1 · a passage of its text' }),
  ).toContainText('12 point');
  await page
    .getByRole('heading', { name: 'Write a question–answer pair' })
    .scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-draft-scan');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(ocrQuestion);
  await page.getByRole('textbox', { name: 'Answer', exact: true }).fill('12 point.');
  await page.getByLabel('Department').fill('Radiology');
  await page.getByLabel('Difficulty').selectOption('easy');
  await page.getByLabel('Other tags').fill('ocr, print');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Sent to the clinical experts' }),
  ).toBeVisible();

  // A second pair cites one field of a record; a question close to the first is flagged.
  await goTo(page, 'Records');
  await importWithPicker(page, patients);
  await page.locator('.record-table tbody tr', { hasText: '10006' }).first().click();
  await page.getByRole('button', { name: 'Draft a QA pair from line 2' }).click();
  const recordEvidence = page.getByRole('figure', { name: 'Evidence' });
  await expect(recordEvidence).toContainText('PATIENTS.csv, line 2');
  await recordEvidence.getByLabel('Cite').selectOption('GENDER');
  await expect(recordEvidence).toContainText('PATIENTS.csv, line 2 · GENDER');
  const question = page.getByRole('textbox', { name: 'Question', exact: true });
  await question.fill('In what point size is the first line of the test page set?');
  const duplicates = page.getByRole('status', {
    name: 'This question may already be in the project',
  });
  await expect(duplicates).toContainText(ocrQuestion);
  await expect(duplicates).toContainText('% similar');
  await question.fill(recordQuestion);
  await expect(duplicates).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Answer', exact: true }).fill('F.');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('heading', { name: '2 pairs in this project' })).toBeVisible();

  // Five more come from a MedQuAD file, previewed before they are stored.
  await page.getByRole('tab', { name: 'Import drafts' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(medquad);
  const card = page.getByRole('listitem', { name: '0000030.xml' });
  await expect(card.getByTestId('draft-counts')).toHaveText('5 drafts; 0 left out');
  await expect(card.getByRole('table', { name: 'Preview' })).toContainText(medquadQuestions[0]!);
  await screenshot(page, 'qa-import');
  await card.getByRole('button', { name: 'Import 5 pairs' }).click();
  await expect(card.getByRole('status')).toHaveText('Imported 5 pairs from 0000030.xml.');
  await expect(page.getByRole('heading', { name: '7 pairs in this project' })).toBeVisible();

  // A governance lead turns on the two-expert rule; an annotator could not.
  await goTo(page, 'Review');
  await expect(page.getByRole('button', { name: 'Two-expert rule' })).toBeDisabled();
  await switchToNewProfile(page, 'Zhao Min', 'governance-lead');
  await goTo(page, 'Review');
  await page.getByRole('button', { name: 'Two-expert rule' }).click();
  await expect(page.getByTestId('review-rule')).toHaveText(
    'Two experts approve, blind to each other.',
  );

  // The first expert works the queue with the keyboard.
  await switchToNewProfile(page, 'Dr. Wang', 'clinical-expert');
  await goTo(page, 'Review');
  await expect(page.getByRole('heading', { name: 'Review queue: 7 pairs' })).toBeVisible();
  await expect(current(page)).toHaveText(ocrQuestion);
  // Both the box and the passage show as the page cut to them.
  await expect(
    page.getByRole('img', { name: 'Page 1 of phototest.png, cut to the cited region' }),
  ).toHaveCount(2);
  await screenshot(page, 'review-queue');
  await press(page, 'a');
  await expect(current(page)).toHaveText(recordQuestion);
  await press(page, 'e');
  const editor = page.getByRole('group', { name: 'Edit' });
  await editor.getByRole('textbox', { name: 'Answer' }).fill('Female (F).');
  await editor.getByRole('textbox', { name: 'Answer' }).press('Control+Enter');
  await expect(current(page)).toHaveText(medquadQuestions[0]!);
  await press(page, 'r');
  const reasons = page.getByRole('group', { name: 'Why reject it?' });
  await page.keyboard.press('1');
  await expect(reasons.getByRole('button', { name: 'Factually wrong' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveText(medquadQuestions[1]!);
  await press(page, 'a');
  await expect(current(page)).toHaveText(medquadQuestions[2]!);
  await press(page, 'j');
  await expect(current(page)).toHaveText(medquadQuestions[3]!);
  await press(page, 'k');
  await expect(current(page)).toHaveText(medquadQuestions[2]!);
  await expect(page.getByRole('heading', { name: 'Review queue: 3 pairs' })).toBeVisible();

  // The second expert sees none of that (blind), narrows the queue by tag, and decides.
  await switchToNewProfile(page, 'Dr. Liu', 'clinical-expert');
  // Nor does the audit trail tell which way Dr. Wang decided while the round is open.
  await goTo(page, 'Audit');
  const trail = page.locator('.audit-table tbody');
  await expect(trail.getByRole('row').filter({ hasText: 'Dr. Wang' }).first()).toBeVisible();
  await expect(trail.getByRole('cell', { name: 'qa.approve', exact: true })).toHaveCount(0);
  await expect(trail.getByRole('cell', { name: /^qa decision/ }).first()).toBeVisible();
  await goTo(page, 'Review');
  await expect(page.getByRole('heading', { name: 'Review queue: 7 pairs' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Decisions' })).toHaveCount(0);
  await page.getByLabel('Tag').selectOption('tag:treatment');
  await expect(page.getByRole('heading', { name: 'Review queue: 1 pair' })).toBeVisible();
  await expect(current(page)).toHaveText(medquadQuestions[3]!);
  await page.getByLabel('Tag').selectOption('');
  await page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first().click();
  await expect(current(page)).toHaveText(ocrQuestion);
  await press(page, 'a');
  await expect(current(page)).toHaveText(recordQuestion);
  await expect(page.getByText('version 2', { exact: false }).first()).toBeVisible();
  await press(page, 'a');
  await press(page, 'a');
  await expect(current(page)).toHaveText(medquadQuestions[1]!);
  await press(page, 'c');
  const changes = page.getByRole('group', { name: 'What should change?' });
  await changes.getByRole('textbox', { name: 'Comment' }).fill('Name the groups at risk first.');
  await changes.getByRole('textbox', { name: 'Comment' }).press('Enter');
  await expect(current(page)).toHaveText(medquadQuestions[2]!);
  await expect(page.getByRole('heading', { name: 'Review queue: 3 pairs' })).toBeVisible();
  // Both approved the first two; the next two are disputed.
  await expect(page.locator('.pair-list')).toContainText('Approved');
  await expect(page.locator('.pair-list')).toContainText('Disputed');

  // The lead settles both disputes, seeing both experts' decisions.
  await switchTo(page, 'Zhao Min · Governance lead');
  await goTo(page, 'Review');
  await expect(current(page)).toHaveText(medquadQuestions[0]!);
  const dispute = page.getByRole('region', { name: 'Decisions' });
  await expect(dispute).toContainText('The experts disagree');
  await expect(dispute).toContainText('Dr. Wang rejected version 1 · Factually wrong');
  await expect(dispute).toContainText('Dr. Liu approved version 1');
  await screenshot(page, 'review-dispute');
  await press(page, 'a');
  await expect(current(page)).toHaveText(medquadQuestions[1]!);
  await press(page, 'c');
  await page
    .getByRole('group', { name: 'What should change?' })
    .getByRole('textbox', { name: 'Comment' })
    .fill('List the risk groups before the details.');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveText(medquadQuestions[2]!);

  // The pair sent back reaches its author with the lead's comment; she reworks and resends it.
  await switchTo(page, 'Li Na · Governance annotator');
  await goTo(page, 'Review');
  await expect(current(page)).toHaveText(medquadQuestions[1]!);
  await expect(page.getByRole('region', { name: 'Decisions' })).toContainText(
    'List the risk groups before the details.',
  );
  await press(page, 'e');
  const rework = page.getByRole('group', { name: 'Edit' });
  await rework
    .getByRole('textbox', { name: 'Answer' })
    .fill('Those at risk: people in warm, moist regions with poor sanitation.');
  await rework.getByRole('button', { name: 'Save and send for review' }).click();
  // It is back in review, so she now only follows it, first in the list as the oldest.
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(page.getByRole('heading', { name: 'Review queue: 4 pairs' })).toBeVisible();
  await expect(queue.getByRole('option').first()).toContainText(medquadQuestions[1]!);
  await queue.getByRole('option').first().click();
  await expect(current(page)).toHaveText(medquadQuestions[1]!);
  await page.getByRole('button', { name: 'Version history' }).click();
  const history = page.getByRole('region', { name: 'Version history' });
  await expect(history).toContainText('Version 2 · Li Na');
  // The answer's diff: words of the new text inserted, the old text's words struck out.
  await expect(history.locator('ins').first()).toHaveText('Those');
  await expect(history.locator('del').first()).toContainText('Ascaris');

  // The dashboard counts it all.
  await goTo(page, 'QA pairs');
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Progress: 7 pairs' })).toBeVisible();
  const byState = page.getByRole('figure', { name: 'Pairs per state' });
  for (const [state, count] of [
    ['Approved', 3],
    ['In review', 4],
    ['Disputed', 0],
    ['Rejected', 0],
    ['Needs changes', 0],
    ['Draft', 0],
  ] as const) {
    await expect(byState.getByRole('row', { name: `${state} ${count}`, exact: true })).toHaveCount(
      1,
    );
  }
  const byReviewer = page.getByRole('figure', { name: 'Decisions per reviewer' });
  await expect(byReviewer.getByRole('row', { name: 'Dr. Wang 3 1 0 4', exact: true })).toHaveCount(
    1,
  );
  await expect(byReviewer.getByRole('row', { name: 'Dr. Liu 3 0 1 4', exact: true })).toHaveCount(
    1,
  );
  await expect(byReviewer.getByRole('row', { name: 'Zhao Min 1 0 1 2', exact: true })).toHaveCount(
    1,
  );
  await expect(
    page
      .getByRole('figure', { name: 'Work per day' })
      .getByRole('row', { name: /^\d{4}-\d\d-\d\d 7 10 3$/ }),
  ).toHaveCount(1);
  const agreement = page.getByRole('region', { name: "Agreement between experts (Cohen's kappa)" });
  // Approve or not: observed 2/4, expected 0.625, κ = −0.33; three decisions: κ = −0.14.
  await expect(
    agreement.getByRole('row', { name: /^Dr\. (Wang|Liu) × Dr\. (Liu|Wang) 4 50% -0\.33 -0\.14$/ }),
  ).toHaveCount(1);
  await screenshot(page, 'qa-dashboard');
  expect(foreign).toEqual([]);
});

test('a template drafts pairs from every record, marked generated, and each still needs an expert', async ({
  page,
}) => {
  await openApp(page);
  await startProject(page, 'Patients QA');
  await importWithPicker(page, patients);
  await goTo(page, 'QA pairs');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByLabel('Template name').fill('Recorded sex');
  const question = page.getByRole('textbox', { name: 'Question template' });
  const written = 'What sex is recorded for patient ';
  await question.fill(`${written}{SUBJECT}?`);
  await page.getByRole('textbox', { name: 'Answer template' }).fill('{Sex}.');
  // The error is shown under the template, at its line and column.
  await expect(page.locator('.template-errors')).toHaveText(
    `Line 1, column ${written.length + 1}: {SUBJECT} is not a term, a field, {value} or {unit}.`,
  );
  await expect(question).toHaveAttribute('aria-invalid', 'true');
  await question.fill(`${written}{SUBJECT_ID}?`);
  await expect(page.locator('.template-errors')).toHaveCount(0);
  await expect(page.getByTestId('draft-counts')).toHaveText('100 drafts; 0 left out');
  const preview = page.getByRole('table', { name: 'Preview' });
  await expect(preview.locator('tbody tr').first()).toContainText(`${written}10006?`);
  await expect(preview.locator('tbody tr').first()).toContainText('F.');
  await preview.scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-template');
  await page.getByRole('button', { name: 'Create 100 pairs' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Created 100 generated pairs' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: '100 pairs in this project' })).toBeVisible();

  await switchToNewProfile(page, 'Dr. Wang', 'clinical-expert');
  await goTo(page, 'Review');
  await expect(page.getByRole('heading', { name: 'Review queue: 100 pairs' })).toBeVisible();
  await expect(current(page)).toHaveText(`${written}10006?`);
  const pane = page.getByRole('article', { name: `${written}10006?` });
  await expect(pane).toContainText('Generated');
  await expect(page.getByRole('figure', { name: 'Evidence' })).toContainText(
    'PATIENTS.csv, line 2',
  );
  await page.getByLabel('Origin').selectOption('generated');
  await expect(page.getByRole('heading', { name: 'Review queue: 100 pairs' })).toBeVisible();
  await press(page, 'a');
  await expect(page.getByRole('heading', { name: 'Review queue: 99 pairs' })).toBeVisible();
});

test('a drafts file with a bad row is read leniently, its columns corrected, and a draft finished from the list', async ({
  page,
}) => {
  await openApp(page);
  await startProject(page, 'Chinese drafts');
  await goTo(page, 'QA pairs');
  await page.getByRole('tab', { name: 'Import drafts' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(fixture('qa/drafts-zh.csv'));
  const card = page.getByRole('listitem', { name: 'drafts-zh.csv' });
  await expect(card.getByRole('alert')).toHaveText('drafts-zh.csv, line 5: the answer is empty');
  await card.getByLabel('Bad rows').selectOption('lenient');
  await expect(card.getByTestId('draft-counts')).toHaveText('3 drafts; 1 left out');
  await expect(card.locator('.skipped-list')).toHaveText('Line 5: the answer is empty');
  const preview = card.getByRole('table', { name: 'Preview' });
  await expect(preview).toContainText('department:血液科');
  // The department column is left out: the preview follows the mapping.
  await card.getByRole('combobox', { name: /^Department/ }).selectOption('');
  await expect(preview).not.toContainText('department:');
  await card.getByLabel('Send them to the clinical experts for review').uncheck();
  await card.getByRole('button', { name: 'Import 3 pairs' }).click();
  await expect(card.getByRole('status')).toHaveText('Imported 3 pairs from drafts-zh.csv.');

  // One draft is finished from the list: edited (a new version) and sent to review.
  await page.getByRole('searchbox', { name: 'Search questions and answers' }).fill('PSA');
  await page
    .locator('.pair-scroller')
    .getByRole('button', { name: /PSA 6\.2/ })
    .click();
  const detail = page.getByRole('article', { name: 'PSA 6.2 ng/mL提示什么？' });
  await expect(detail).toContainText('Draft');
  await detail.getByRole('button', { name: 'Edit', exact: true }).click();
  await detail
    .getByRole('group', { name: 'Edit' })
    .getByRole('textbox', { name: 'Answer' })
    .fill('PSA轻度升高（4–10 ng/mL为灰区），需结合游离PSA比值和MRI判断。');
  await detail.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(detail.getByRole('region', { name: 'Version history' })).toContainText(
    'Version 2 · Li Na',
  );
  await detail.getByRole('button', { name: 'Submit for review' }).click();
  await expect(detail).toContainText('In review');
});
