/**
 * The review queue with 10,000 pairs, in headless Chromium, driven as a person drives it:
 *
 * 1. Builds the web renderer into bench/tmp/review-web (its own folder, served on its own port,
 *    so other builds of dist/ are left alone) and writes 10,000 seeded drafts as JSONL.
 * 2. An annotator imports them through "Import drafts", sent to review; then a clinical expert
 *    opens the Review section.
 * 3. Baselines, measured on the same page in the same run: idle frame times, and a bare keypress
 *    (a text change in an element outside React, handled in the same keydown) to its paint.
 * 4. J pressed 300 times: from each keydown's own timestamp to the end of the frame that shows
 *    the next pair (bench/browser/review-probes.js times it inside the page). Then K 100 times.
 * 5. A pressed 100 times, each decision stored and the queue re-read before the next press (an
 *    expert reads each pair first): keypress to the next pair painted, and to the decision settled.
 *
 * Writes its figures through bench/run.ts into bench/results/review.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.config';
import { waitForQuiet, watchContention, type Contention } from './browser/contention';
import { writeReviewDrafts } from './browser/review-drafts';
import { startServer, watchForeignRequests } from './web-server';

const pairCount = 10_000;
const seed = 61;
const jPresses = 300;
const kPresses = 100;
const approvals = 100;
const bareKeys = 300;
const targetP95Ms = 50;
/** Absolute: Vite resolves a relative outDir against its root, renderer/. */
const webRoot = resolve('bench/tmp/review-web');
const draftsPath = 'bench/tmp/review-10k.jsonl';

interface Sample {
  key: string;
  at: number;
  domMs: number;
  paintMs: number;
  shown: string;
}

interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
  };
}

function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate<T>(`globalThis.__tesseraReviewBench.${call}`);
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Presses a key and waits until the page has timed it (the next pair painted). */
async function pressTimed(page: Page, key: string, counter: 'count()' | 'bareCount()') {
  const before = await probe<number>(page, counter);
  await page.keyboard.press(key);
  await until(
    async () => (await probe<number>(page, counter)) > before,
    `${key} to show its outcome`,
  );
}

function build(): void {
  const started = Date.now();
  const result = spawnSync('npx', ['vite', 'build', '--outDir', webRoot, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('vite build failed');
  console.log(`built ${webRoot} in ${Date.now() - started} ms`);
}

function appVersion(): { commit: string; uncommitted: number } {
  const git = (...args: string[]) =>
    spawnSync('git', args, { encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommitted: git('status', '--porcelain', '--', 'renderer', 'shared')
      .split('\n')
      .filter(Boolean).length,
  };
}

async function createProfile(page: Page, name: string, role: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('combobox', { name: 'Profile' }).filter({ hasText: name }).waitFor();
}

async function goTo(page: Page, section: string) {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section })
    .click();
}

/** The annotator's import of the drafts file, timed from the click to its "Imported" status. */
async function importDrafts(page: Page): Promise<number> {
  await createProfile(page, 'Li Na', 'annotator');
  await page.getByLabel('Project name').fill('Review bench');
  await page.getByRole('button', { name: 'Create project' }).click();
  await goTo(page, 'QA pairs');
  await page.getByRole('tab', { name: 'Import drafts' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(draftsPath);
  const card = page.getByRole('listitem', { name: 'review-10k.jsonl' });
  await card
    .getByTestId('draft-counts')
    .filter({ hasText: `${pairCount} drafts; 0 left out` })
    .waitFor({ timeout: 120_000 });
  const started = Date.now();
  await card.getByRole('button', { name: `Import ${pairCount} pairs` }).click();
  await card
    .getByRole('status')
    .filter({ hasText: `Imported ${pairCount} pairs` })
    .waitFor({ timeout: 300_000 });
  const importMs = Date.now() - started;
  await page
    .getByRole('heading', { name: `${pairCount} pairs in this project` })
    .waitFor({ timeout: 120_000 });
  return importMs;
}

/** A clinical expert opens the queue; timed from the click on "Review" to its heading. */
async function openQueue(page: Page): Promise<number> {
  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: '+ New profile…' });
  await createProfile(page, 'Dr. Wang', 'clinical-expert');
  const started = Date.now();
  await goTo(page, 'Review');
  await page
    .getByRole('heading', { name: `Review queue: ${pairCount} pairs` })
    .waitFor({ timeout: 120_000 });
  const openMs = Date.now() - started;
  await page.getByTestId('current-question').click();
  return openMs;
}

interface Run {
  paint: Summary;
  dom: Summary;
  longTasks: { count: number; longestMs: number };
  contention: Contention | null;
}

async function timedKeys(
  page: Page,
  key: string,
  times: number,
  counter: 'count()' | 'bareCount()',
): Promise<{ samples: Sample[]; run: Run }> {
  await waitForQuiet();
  const contended = watchContention();
  const startedAt = await probe<number>(page, 'now()');
  const before = (
    await probe<Sample[]>(page, counter === 'count()' ? 'samples()' : 'bareSamples()')
  ).length;
  for (let index = 0; index < times; index++) await pressTimed(page, key, counter);
  const samples = (
    await probe<Sample[]>(page, counter === 'count()' ? 'samples()' : 'bareSamples()')
  ).slice(before);
  const tasks = await probe<{ duration: number }[]>(page, `longTasksSince(${startedAt})`);
  return {
    samples,
    run: {
      paint: summarize(samples.map((sample) => sample.paintMs)),
      dom: summarize(samples.map((sample) => sample.domMs)),
      longTasks: {
        count: tasks.length,
        longestMs: round(Math.max(0, ...tasks.map((task) => task.duration))),
      },
      contention: contended(),
    },
  };
}

/** Approvals, each left to settle (stored, the queue read again) before the next one. */
async function approve(page: Page): Promise<Run & { settle: Summary }> {
  await waitForQuiet();
  const contended = watchContention();
  const startedAt = await probe<number>(page, 'now()');
  const settled: number[] = [];
  const samples: Sample[] = [];
  for (let index = 0; index < approvals; index++) {
    const shown = await probe<string>(page, 'shown()');
    const question = shown.slice(shown.indexOf('|') + 1);
    await pressTimed(page, 'a', 'count()');
    const sample = (await probe<Sample[]>(page, 'samples()')).at(-1)!;
    samples.push(sample);
    let settledAt: number | null = null;
    await until(
      async () => {
        const recents = await probe<{ at: number; text: string }[]>(page, 'recents()');
        settledAt =
          recents.find((entry) => entry.at > sample.at && entry.text === question)?.at ?? null;
        return settledAt !== null;
      },
      'the approval to settle',
      30_000,
    );
    settled.push(settledAt! - sample.at);
  }
  const tasks = await probe<{ duration: number }[]>(page, `longTasksSince(${startedAt})`);
  return {
    paint: summarize(samples.map((sample) => sample.paintMs)),
    dom: summarize(samples.map((sample) => sample.domMs)),
    settle: summarize(settled),
    longTasks: {
      count: tasks.length,
      longestMs: round(Math.max(0, ...tasks.map((task) => task.duration))),
    },
    contention: contended(),
  };
}

export async function runReviewBench(): Promise<Record<string, unknown>> {
  const app = appVersion();
  build();
  mkdirSync('bench/tmp', { recursive: true });
  writeFileSync(draftsPath, writeReviewDrafts(pairCount, seed));
  console.log(`wrote ${draftsPath} (${pairCount.toLocaleString('en-US')} drafts, seed ${seed})`);

  const server = await startServer(webRoot);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript({ path: 'bench/browser/review-probes.js' });
    const page = await context.newPage();
    const foreign = watchForeignRequests(page);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(server.url);
    await page.locator('.app[data-ready="true"]').waitFor();

    const importMs = await importDrafts(page);
    console.log(`imported ${pairCount} drafts through the UI in ${importMs} ms`);
    const queueOpenMs = await openQueue(page);
    console.log(`queue of ${pairCount} opened in ${queueOpenMs} ms`);
    await probe(page, 'arm()');

    await waitForQuiet();
    const frames = summarize(await probe<number[]>(page, 'idleFrames(3000)'));
    const bare = await timedKeys(page, 'x', bareKeys, 'bareCount()');
    const next = await timedKeys(page, 'j', jPresses, 'count()');
    const previous = await timedKeys(page, 'k', kPresses, 'count()');
    const approved = await approve(page);
    await probe(page, 'disarm()');
    await context.close();
    if (foreign.length > 0) throw new Error(`foreign requests: ${foreign.join(', ')}`);

    const isMet = next.run.paint.p95 < targetP95Ms && approved.paint.p95 < targetP95Ms;
    const line = (name: string, run: Run) =>
      `${name}: p50 ${run.paint.p50} ms, p95 ${run.paint.p95} ms, max ${run.paint.max} ms (n=${run.paint.n}; DOM updated p95 ${run.dom.p95} ms; long tasks ${run.longTasks.count}, longest ${run.longTasks.longestMs} ms)`;
    console.log(`baseline idle frame: p50 ${frames.p50} ms, p95 ${frames.p95} ms`);
    console.log(line('baseline bare keypress → paint', bare.run));
    console.log(line('J → next pair painted', next.run));
    console.log(line('K → previous pair painted', previous.run));
    console.log(line('A → next pair painted', approved));
    console.log(
      `A → decision stored and queue re-read: p50 ${approved.settle.p50} ms, p95 ${approved.settle.p95} ms, max ${approved.settle.max} ms`,
    );
    console.log(
      `J p95 is ${round(next.run.paint.p95 / Math.max(0.1, bare.run.paint.p95))}× the bare keypress p95; target p95 < ${targetP95Ms} ms: ${isMet ? 'met' : 'MISSED'}`,
    );
    return {
      app,
      pairs: pairCount,
      seed,
      chromium: browser.version(),
      importMs,
      queueOpenMs,
      baseline: { idleFrameMs: frames, bareKeyToPaintMs: bare.run },
      keyToNextPairMs: { j: next.run, k: previous.run, approve: approved },
      target: { p95Ms: targetP95Ms, isMet },
    };
  } finally {
    await browser.close();
    server.child.kill();
  }
}
