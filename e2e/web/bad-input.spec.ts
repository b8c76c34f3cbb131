import { expect, test } from '@playwright/test';
import {
  dropContents,
  dropFiles,
  fixture,
  importQueued,
  openApp,
  queued,
  startProject,
} from './app-page';

const encoder = new TextEncoder();

test('bad files get a message naming the file and line, and nothing stored is lost', async ({
  page,
}) => {
  await openApp(page);
  await startProject(page, 'Bad input');
  await dropFiles(page, [fixture('records/mimic-iii-demo/PATIENTS.csv')]);
  await importQueued(page, 'PATIENTS.csv');
  await expect(page.getByTestId('row-count')).toHaveText('100 rows');

  await dropContents(page, [
    { name: 'unterminated.csv', bytes: encoder.encode('id,name\n1,"Li\n2,Wang\n') },
    {
      name: 'scan.csv',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    },
    { name: 'empty.csv', bytes: new Uint8Array() },
    { name: 'ragged.csv', bytes: encoder.encode('a,b,c\n1,2,3\n4,5\n') },
  ]);
  // Files that cannot be read at all say so at once; the others show what the preview found.
  await expect(queued(page, 'scan.csv').getByRole('alert')).toHaveText(
    'scan.csv, line 3: contains binary data (a NUL byte): this is not a text file',
  );
  await expect(queued(page, 'empty.csv').getByRole('alert')).toHaveText(
    'empty.csv: the file is empty',
  );
  await expect(queued(page, 'ragged.csv')).toContainText(
    '1 line in the preview cannot be read: has 2 fields but the header has 3',
  );
  await page.getByRole('button', { name: 'Import all 2' }).click();
  await expect(queued(page, 'unterminated.csv').getByRole('alert')).toHaveText(
    'unterminated.csv, line 2: a quoted field is never closed (unterminated quote)',
  );
  await expect(queued(page, 'ragged.csv').getByRole('alert')).toHaveText(
    'ragged.csv, line 3: has 2 fields but the header has 3',
  );
  const sources = page.getByRole('list', { name: 'Imported files' });
  await expect(sources.getByRole('button', { name: /\.csv/ })).toHaveText([/PATIENTS\.csv/]);
  await expect(page.getByTestId('row-count')).toHaveText('100 rows');
});

test('the interface follows the system language on first run and can be switched', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openApp(page);
  await expect(page.getByRole('heading', { name: '欢迎使用 Tessera' })).toBeVisible();
  await page.getByLabel('姓名').fill('王医生');
  await page.getByLabel('角色').selectOption('clinical-expert');
  await page.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('heading', { name: '项目', exact: true })).toBeVisible();
  await expect(
    page.getByText('临床专家不能创建项目；请联系标注员或数据治理负责人。'),
  ).toBeVisible();

  await page.getByRole('combobox', { name: '界面语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  await context.close();
});
