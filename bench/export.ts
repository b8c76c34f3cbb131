/**
 * A dataset export of 100,000 approved pairs — OpenAI chat JSONL, near and exact dedupe, seeded
 * 0.8/0.1/0.1 splits, de-identification — through the app's UI in headless Chromium and through
 * `tessera export`, each against the plainest export of the same pairs measured in the same run.
 *
 * 1. Writes (or reuses from bench/tmp) seeded project bundles of 25,000, 50,000 and 100,000
 *    approved clinical QA pairs (bench/browser/export-data.ts) and builds the web renderer into
 *    bench/tmp/export-web.
 * 2. Command line, each run a child process of its own, so each has its own peak memory:
 *    - baseline: bench/browser/export-baseline-cli.ts, bundled with esbuild and run by node: the
 *      bundle read with fflate, each line of tables/qaPairs.jsonl parsed and written back with
 *      JSON.stringify through a write stream (median of 3);
 *    - `node bin/tessera.mjs export <bundle> --format openai-chat --out <dir> --split 0.8,0.1,0.1
 *      --seed 7 --dedupe --deidentify`, its output checked against its manifest.
 *    Wall time from spawn to exit; peak RSS is the kernel's VmHWM; V8 heap peaks come from
 *    --trace-gc (heap size before and after every GC, so long synchronous stretches count too),
 *    with process.memoryUsage() samples from an --import preload beside them.
 * 3. Chromium (Debian's, headless, with a profile on disk as a person's browser has it: an
 *    incognito context keeps IndexedDB and OPFS in the browser process's memory, where the
 *    export writes far slower), driven as a person: a governance lead imports the bundle on
 *    Projects, opens Export, picks OpenAI chat, drops exact and near repeats, splits 80/10/10
 *    with seed 7, removes personal data, writes no normalized records (the command line writes
 *    none, so both do the same work) and clicks "Export…". The folder picker hands back the
 *    origin-private file system (as e2e/web/folder-export.spec.ts does), so files are streamed
 *    to disk, not zipped in memory. Timed in the page from the click to "Exported … files".
 *    Before it, on the same page, the baseline worker (bench/browser/export-baseline.worker.js)
 *    reads the project's qaPairs rows straight from the app's IndexedDB with a cursor and writes
 *    JSON.stringify(row) + '\n' to an OPFS file in ~64 KB chunks (median of 3), then a bare OPFS
 *    write of the same bytes. Peak JS heap of the page and of the export (or baseline) worker
 *    over CDP; RSS and private (anonymous) memory of Chromium's processes from /proc, with the
 *    renderer's kernel peak (VmHWM, reset before each measurement). The written files are read
 *    back from OPFS and checked against the manifest.
 * 4. Memory against size: the command-line export of 25,000 and 50,000 pairs, beside 100,000.
 *
 * EXPORT_BENCH_PAIRS=20000 runs it at another size (the scaling rows at a quarter and a half).
 * The machine may be shared: each measurement waits for a quiet second and reports how much CPU
 * other processes took meanwhile. Writes its figures through bench/run.ts to
 * bench/results/export.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { build as esbuild } from 'esbuild';
import { chromiumArgs as sharedChromiumArgs, chromiumPath } from '../chromium.config';
import { waitForQuiet, watchContention, type Contention } from './browser/contention';
import { benchProjectName, exportBundle, type ExportBundleFacts } from './browser/export-data';
import {
  chromiumProcesses,
  findWorker,
  sampleHeaps,
  WorkerHeap,
  type HeapPeaks,
} from './browser/heap';
import { startServer, watchForeignRequests } from './web-server';

/** The tests' Chromium launch, plus precise `performance.memory` figures for the heap samples. */
const chromiumArgs = [...sharedChromiumArgs, '--enable-precise-memory-info'];

const seed = 7;
/** EXPORT_BENCH_PAIRS=20000 runs a smaller bench (scaling at a quarter and a half of it). */
const pairCount = Number(process.env['EXPORT_BENCH_PAIRS'] ?? 100_000);
const scalingCounts = [pairCount / 4, pairCount / 2].map(Math.round);
const baselineRuns = 3;
const startupRuns = 3;
const targetRatio = 3;
/** Peak memory counts as flat when 100,000 pairs need at most this many times what 25,000 need. */
const flatGrowth = 1.25;
const splits = ['train', 'validation', 'test'] as const;
/** Absolute: Vite resolves a relative outDir against its root, renderer/. */
const webRoot = resolve('bench/tmp/export-web');
const cliRoot = resolve('bench/tmp/export-cli');
const profileRoot = resolve('bench/tmp/export-profile');
const exportArgs = (bundle: string, out: string) => [
  'export',
  bundle,
  '--format',
  'openai-chat',
  '--out',
  out,
  '--split',
  '0.8,0.1,0.1',
  '--seed',
  String(seed),
  '--dedupe',
  '--deidentify',
];

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 ** 2, 1);
const median = (values: readonly number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? 0;
const seconds = (ms: number) => `${round(ms / 1000, 2)} s`;
const count = (value: number) => value.toLocaleString('en-US');

const quietWaits: number[] = [];
/** Lets a burst of other work on the machine pass before a measurement starts (up to 10 s). */
async function quiet(): Promise<void> {
  quietWaits.push((await waitForQuiet()).waitedMs);
}

// ---------------------------------------------------------------------------------------------
// What an export wrote, checked against its manifest (the app's and the command line's alike).

interface ExportedFile {
  bytes: number;
  /** Newline bytes in the file. */
  lines: number;
  sha256: string;
}

interface DatasetManifest {
  counts: {
    input: number;
    filtered: number;
    duplicates: { exact: number; near: number };
    groups: number;
    splits: Record<(typeof splits)[number], number>;
  };
  deidentification: { counts: Record<string, number> } | null;
  leakage: { nearDuplicates: number; sharedGroups: number };
  files: { path: string; bytes: number; sha256: string; rows?: number }[];
}

interface Verified {
  input: number;
  filtered: number;
  splits: Record<(typeof splits)[number], number>;
  duplicates: { exact: number; near: number };
  deidentified: Record<string, number>;
  leakage: { nearDuplicates: number; sharedGroups: number };
  files: string[];
  dataBytes: number;
  sha256: Record<string, string>;
}

/** Throws, naming every problem, unless the files are what the manifest says. */
function verifyExport(
  label: string,
  manifest: DatasetManifest,
  files: Record<string, ExportedFile>,
  listing: readonly string[],
  pairs: number,
): Verified {
  const problems: string[] = [];
  const { counts } = manifest;
  for (const split of splits) {
    const file = files[`${split}.jsonl`];
    if (!file) problems.push(`${split}.jsonl is missing`);
    else if (file.lines !== counts.splits[split])
      problems.push(
        `${split}.jsonl has ${file.lines} lines; the manifest counts ${counts.splits[split]}`,
      );
  }
  for (const entry of manifest.files) {
    const file = files[entry.path];
    if (!file) continue;
    if (file.bytes !== entry.bytes || file.sha256 !== entry.sha256)
      problems.push(`${entry.path} differs from its manifest entry (size or SHA-256)`);
    if (entry.path.endsWith('.jsonl') && entry.rows !== undefined && entry.rows !== file.lines)
      problems.push(`${entry.path} has ${file.lines} lines; its manifest entry says ${entry.rows}`);
  }
  const listed = [...manifest.files.map((file) => file.path), 'manifest.json'].sort();
  if (JSON.stringify(listed) !== JSON.stringify([...listing].sort()))
    problems.push(
      `the folder holds ${listing.join(', ')}; the manifest lists ${listed.join(', ')}`,
    );
  const kept = splits.reduce((sum, split) => sum + counts.splits[split], 0);
  if (counts.input !== pairs) problems.push(`the manifest counts ${counts.input} pairs in`);
  if (kept !== counts.filtered - counts.duplicates.exact - counts.duplicates.near)
    problems.push('the splits do not add up to the filtered pairs less the repeats dropped');
  if (counts.duplicates.exact + counts.duplicates.near <= 0)
    problems.push('dedupe dropped nothing');
  const deidentified = manifest.deidentification?.counts ?? {};
  if (Object.values(deidentified).reduce((sum, value) => sum + value, 0) <= 0)
    problems.push('de-identification replaced nothing');
  if (problems.length > 0)
    throw new Error(
      `${label}: the export is not what its manifest says:\n  ${problems.join('\n  ')}`,
    );
  return {
    input: counts.input,
    filtered: counts.filtered,
    splits: counts.splits,
    duplicates: counts.duplicates,
    deidentified,
    leakage: manifest.leakage,
    files: listed,
    dataBytes: splits.reduce((sum, split) => sum + (files[`${split}.jsonl`]?.bytes ?? 0), 0),
    sha256: Object.fromEntries(Object.entries(files).map(([path, file]) => [path, file.sha256])),
  };
}

async function describeLocalFile(path: string): Promise<ExportedFile> {
  const hash = createHash('sha256');
  let lines = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines++;
  }
  return { bytes, lines, sha256: hash.digest('hex') };
}

async function verifyFolder(label: string, folder: string, pairs: number): Promise<Verified> {
  const manifest = JSON.parse(
    readFileSync(join(folder, 'manifest.json'), 'utf8'),
  ) as DatasetManifest;
  const listing = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split('\\').join('/'));
  const files: Record<string, ExportedFile> = {};
  for (const entry of manifest.files)
    if (existsSync(join(folder, entry.path)))
      files[entry.path] = await describeLocalFile(join(folder, entry.path));
  return verifyExport(label, manifest, files, listing, pairs);
}

// ---------------------------------------------------------------------------------------------
// Child processes with their peak memory.

interface GcPeaks {
  /** GCs seen in the largest isolate (the main thread). */
  collections: number;
  /** V8 heap in use just before a GC: the heap's high-water mark, garbage included. */
  peakBefore: number;
  /** V8 heap in use just after a GC: the most live data the process held. */
  peakAfter: number;
  /** The heap's committed size at its largest. */
  peakCommitted: number;
}

interface PreloadFigures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  samples: number;
  vmHwm: number | null;
  startedAt: number;
  exitedAt: number;
}

interface ChildRun {
  wallMs: number;
  /** From the process's own time origin to its exit handler: the wall time less spawn/teardown. */
  inProcessMs: number | null;
  exitCode: number | null;
  /** The kernel's peak resident set (VmHWM), from the process itself at exit, else polled. */
  peakRss: number;
  /** VmRSS polled every 50 ms from here. */
  polledPeakRss: number;
  gc: GcPeaks;
  sampled: PreloadFigures | null;
  output: string;
  contention: Contention | null;
}

const gcLine =
  /^\[\d+:(0x[0-9a-f]+)(?::\d+)?\]\s+[\d.]+ ms: [A-Za-z-]+[^\d]*?([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;

function parseGc(lines: readonly string[]): GcPeaks {
  const byIsolate = new Map<string, GcPeaks>();
  for (const line of lines) {
    const match = gcLine.exec(line);
    if (!match) continue;
    const [, isolate = '', before, committedBefore, after, committedAfter] = match;
    const peaks = byIsolate.get(isolate) ?? {
      collections: 0,
      peakBefore: 0,
      peakAfter: 0,
      peakCommitted: 0,
    };
    const bytes = (text: string | undefined) => Number(text ?? 0) * 1024 ** 2;
    peaks.collections++;
    peaks.peakBefore = Math.max(peaks.peakBefore, bytes(before));
    peaks.peakAfter = Math.max(peaks.peakAfter, bytes(after));
    peaks.peakCommitted = Math.max(
      peaks.peakCommitted,
      bytes(committedBefore),
      bytes(committedAfter),
    );
    byIsolate.set(isolate, peaks);
  }
  const largest = [...byIsolate.values()].sort((left, right) => right.peakBefore - left.peakBefore);
  return largest[0] ?? { collections: 0, peakBefore: 0, peakAfter: 0, peakCommitted: 0 };
}

function procStatus(pid: number): { rss: number; hwm: number; anon: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: field('VmRSS'), hwm: field('VmHWM'), anon: field('RssAnon') };
  } catch {
    return null;
  }
}

let childRuns = 0;

/** Runs `node <args>` with --trace-gc and the memory preload; its time, output and peaks. */
async function runChild(args: readonly string[], preload: string): Promise<ChildRun> {
  const memoryFile = join(cliRoot, `memory-${process.pid}-${++childRuns}.json`);
  rmSync(memoryFile, { force: true });
  await quiet();
  const contended = watchContention();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--trace-gc', '--import', pathToFileURL(preload).href, ...args],
    {
      env: { ...process.env, EXPORT_BENCH_MEMORY: memoryFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let polledPeakRss = 0;
  let polledHwm = 0;
  const poll = setInterval(() => {
    const status = child.pid === undefined ? null : procStatus(child.pid);
    if (!status) return;
    polledPeakRss = Math.max(polledPeakRss, status.rss);
    polledHwm = Math.max(polledHwm, status.hwm);
  }, 50);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let wallMs = 0;
  child.once('exit', () => {
    wallMs = performance.now() - started;
  });
  const [exitCode] = (await once(child, 'close')) as [number | null];
  clearInterval(poll);
  const contention = contended();
  const lines = Buffer.concat(stdout).toString('utf8').split('\n');
  const sampled = existsSync(memoryFile)
    ? (JSON.parse(readFileSync(memoryFile, 'utf8')) as PreloadFigures)
    : null;
  rmSync(memoryFile, { force: true });
  const output = [
    ...lines.filter((line) => !gcLine.test(line) && line.trim() !== ''),
    ...Buffer.concat(stderr).toString('utf8').split('\n').filter(Boolean),
  ].join('\n');
  return {
    wallMs: round(wallMs),
    inProcessMs: sampled ? round(sampled.exitedAt - sampled.startedAt) : null,
    exitCode,
    peakRss: sampled?.vmHwm ?? Math.max(polledHwm, polledPeakRss),
    polledPeakRss,
    gc: parseGc(lines),
    sampled,
    output,
    contention,
  };
}

interface CliTools {
  baseline: string;
  preload: string;
}

/** The baseline script and the memory preload, bundled so that plain node runs them. */
async function buildCliTools(): Promise<CliTools> {
  mkdirSync(cliRoot, { recursive: true });
  const tools = {
    baseline: join(cliRoot, 'export-baseline-cli.mjs'),
    preload: join(cliRoot, 'export-memory-preload.mjs'),
  };
  for (const [entry, outfile] of [
    ['bench/browser/export-baseline-cli.ts', tools.baseline],
    ['bench/browser/export-memory-preload.ts', tools.preload],
  ] as const)
    await esbuild({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'warning',
    });
  return tools;
}

interface CliBaseline extends ChildRun {
  rows: number;
  bytes: number;
  workMs: number;
}

async function cliBaseline(tools: CliTools, bundle: ExportBundleFacts): Promise<CliBaseline> {
  const out = join(cliRoot, 'baseline.jsonl');
  const run = await runChild([tools.baseline, bundle.path, out], tools.preload);
  rmSync(out, { force: true });
  if (run.exitCode !== 0) throw new Error(`the command-line baseline failed:\n${run.output}`);
  const figures = JSON.parse(run.output.split('\n').at(-1) ?? '{}') as {
    rows: number;
    bytes: number;
    workMs: number;
  };
  if (figures.rows !== bundle.pairs)
    throw new Error(`the command-line baseline wrote ${figures.rows} rows, not ${bundle.pairs}`);
  return { ...run, rows: figures.rows, bytes: figures.bytes, workMs: round(figures.workMs) };
}

interface CliExport extends ChildRun {
  pairs: number;
  verified: Verified;
}

async function cliExport(tools: CliTools, bundle: ExportBundleFacts): Promise<CliExport> {
  const out = join(cliRoot, `dataset-${bundle.pairs}`);
  rmSync(out, { recursive: true, force: true });
  const run = await runChild(['bin/tessera.mjs', ...exportArgs(bundle.path, out)], tools.preload);
  if (run.exitCode !== 0)
    throw new Error(`tessera export exited with ${run.exitCode}:\n${run.output}`);
  const verified = await verifyFolder(
    `tessera export (${count(bundle.pairs)} pairs)`,
    out,
    bundle.pairs,
  );
  rmSync(out, { recursive: true, force: true });
  return { ...run, pairs: bundle.pairs, verified };
}

// ---------------------------------------------------------------------------------------------
// Chromium.

function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate<T>(`globalThis.__tesseraExportBench.${call}`);
}

interface Mark {
  domAt: number | null;
  paintedAt: number | null;
  value: string | null;
}

interface Snapshot {
  marks: Record<string, Mark>;
  clicks: { at: number; text: string }[];
  longTasks: { start: number; duration: number }[];
}

/** Waits for the first of `names` to hold (polled from here: the page's CSP forbids eval). */
async function firstMark(page: Page, names: readonly string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { marks } = await probe<Snapshot>(page, 'snapshot()');
    for (const name of names) {
      const mark = marks[name];
      if (mark && typeof mark.domAt === 'number') return { name, mark };
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${names.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ProcessPeaks {
  /** The largest renderer (the page, with its workers). */
  renderer: { peakRss: number; peakPrivate: number; kernelPeakRss: number };
  /** Every Chromium process together, at the sampled moment they held the most. */
  allPeakRss: number;
  byType: Record<string, { processes: number; peakRss: number; peakPrivate: number }>;
}

/**
 * VmRSS and RssAnon (private, anonymous memory) of each Chromium process every 100 ms, and the
 * renderers' kernel peak (VmHWM), reset first through /proc/<pid>/clear_refs where allowed.
 */
function sampleProcesses(processes: readonly { type: string; id: number }[]) {
  for (const { type, id } of processes)
    if (type === 'renderer')
      try {
        writeFileSync(`/proc/${id}/clear_refs`, '5');
      } catch {
        // Not allowed here: the kernel peak is then since the process started.
      }
  const peaks: ProcessPeaks = {
    renderer: { peakRss: 0, peakPrivate: 0, kernelPeakRss: 0 },
    allPeakRss: 0,
    byType: {},
  };
  const sample = () => {
    let total = 0;
    for (const { type, id } of processes) {
      const status = procStatus(id);
      if (!status) continue;
      total += status.rss;
      const kind = (peaks.byType[type] ??= { processes: 0, peakRss: 0, peakPrivate: 0 });
      kind.peakRss = Math.max(kind.peakRss, status.rss);
      kind.peakPrivate = Math.max(kind.peakPrivate, status.anon);
      if (type === 'renderer') {
        peaks.renderer.peakRss = Math.max(peaks.renderer.peakRss, status.rss);
        peaks.renderer.peakPrivate = Math.max(peaks.renderer.peakPrivate, status.anon);
        peaks.renderer.kernelPeakRss = Math.max(peaks.renderer.kernelPeakRss, status.hwm);
      }
    }
    peaks.allPeakRss = Math.max(peaks.allPeakRss, total);
  };
  for (const { type } of processes)
    (peaks.byType[type] ??= { processes: 0, peakRss: 0, peakPrivate: 0 }).processes++;
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop(): ProcessPeaks {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

interface Measured<T> {
  result: T;
  heap: { page: HeapPeaks; worker: HeapPeaks | null; pagePerformanceMemoryPeak: number };
  processes: ProcessPeaks;
  contention: Contention | null;
}

/** Runs `work` with the page, a worker (by URL part) and Chromium's processes sampled. */
/**
 * Runs a full garbage collection in the page's worker whose URL holds `urlPart`, so that a
 * measurement's heap peak is its own and not garbage left by what came before.
 */
async function collectWorkerGarbage(
  browserSession: CDPSession,
  page: Page,
  urlPart: string,
): Promise<void> {
  const worker = await findWorker(browserSession, page, urlPart);
  if (!worker) return;
  const { sessionId } = await browserSession.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  const answered = new Promise<void>((resolve) => {
    const listen = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId || !event.message.startsWith('{"id":1,')) return;
      browserSession.off('Target.receivedMessageFromTarget', listen);
      resolve();
    };
    browserSession.on('Target.receivedMessageFromTarget', listen);
  });
  await browserSession.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
  });
  await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
}

async function measured<T>(
  page: Page,
  browserSession: CDPSession,
  workerUrlPart: string,
  work: () => Promise<T>,
): Promise<Measured<T>> {
  const worker = await WorkerHeap.attach(browserSession, page, workerUrlPart);
  if (!worker)
    console.warn(`no worker whose URL holds "${workerUrlPart}": its heap is not measured`);
  const pageSession = await page.context().newCDPSession(page);
  // Garbage from earlier steps (the bundle import, reading the pairs for the filters) goes
  // first, so that the peaks and the renderer's reset VmHWM start from what is live.
  await pageSession.send('HeapProfiler.collectGarbage');
  await collectWorkerGarbage(browserSession, page, workerUrlPart);
  await quiet();
  const processes = sampleProcesses(await chromiumProcesses(browserSession));
  await probe(page, 'startHeap()');
  const contended = watchContention();
  const heaps = sampleHeaps(pageSession, worker, []);
  try {
    const result = await work();
    const contention = contended();
    const { page: pagePeaks, worker: workerPeaks } = await heaps.stop();
    const inPage = await probe<{ peak: number }>(page, 'stopHeap()');
    return {
      result,
      heap: { page: pagePeaks, worker: workerPeaks, pagePerformanceMemoryPeak: inPage.peak },
      processes: processes.stop(),
      contention,
    };
  } finally {
    await worker?.detach();
    await pageSession.detach();
  }
}

async function createProfile(page: Page, name: string, role: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('combobox', { name: 'Profile' }).filter({ hasText: name }).waitFor();
}

async function goTo(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section })
    .click();
}

/** Projects → "Import project bundle…" → the file → Import; timed to "Imported the project". */
async function importBundle(page: Page, bundle: ExportBundleFacts) {
  const started = Date.now();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import project bundle…' }).click();
  await (await chooser).setFiles(bundle.path, { timeout: 600_000 });
  const bundles = page.getByRole('region', { name: 'Project bundles' });
  const confirm = bundles.getByRole('button', { name: 'Import', exact: true });
  const refused = bundles.getByRole('alert');
  await Promise.race([
    confirm.waitFor({ timeout: 1_200_000 }),
    refused.waitFor({ timeout: 1_200_000 }).then(async () => {
      throw new Error(`the bundle was refused: ${await refused.textContent()}`);
    }),
  ]);
  const checkedMs = Date.now() - started;
  const summary = (await bundles.getByTestId('bundle-counts').locator('li').allTextContents()).join(
    '; ',
  );
  const importing = Date.now();
  await confirm.click();
  const done = bundles.getByRole('status').filter({ hasText: /^Imported the project/ });
  await Promise.race([
    done.waitFor({ timeout: 1_800_000 }),
    refused.waitFor({ timeout: 1_800_000 }).then(async () => {
      throw new Error(`the bundle import failed: ${await refused.textContent()}`);
    }),
  ]);
  return { checkedMs, importMs: Date.now() - importing, summary };
}

/** The Export screen set up as the command line runs: OpenAI chat, near dedupe, 80/10/10, seed 7. */
async function chooseSettings(page: Page, pairs: number): Promise<{ openMs: number }> {
  const opened = Date.now();
  await page.getByRole('button', { name: new RegExp(`^${benchProjectName}`) }).click();
  await goTo(page, 'Export');
  await page
    .getByTestId('export-counts')
    .filter({ hasText: new RegExp(`^(${pairs}|${count(pairs)}) approved pairs`) })
    .waitFor({ timeout: 300_000 });
  // The filters list every tag and reviewer once the worker has read the pairs: wait for that,
  // so that reading them does not overlap the export.
  await page
    .getByLabel('Only pairs approved by (none chosen: anyone)')
    .locator('option')
    .first()
    .waitFor({ state: 'attached', timeout: 600_000 });
  const openMs = Date.now() - opened;
  await page.getByLabel('Write the question–answer pairs as').selectOption('openai-chat');
  await page.getByLabel(/^Drop exact and near repeats/).check();
  await page.getByLabel('Train %').fill('80');
  await page.getByLabel('Validation %').fill('10');
  await page.getByLabel('Test %').fill('10');
  await page.getByLabel('Seed').fill(String(seed));
  await page.getByLabel(/^Remove personal data/).check();
  await page.getByLabel(/^Normalized records/).selectOption('none');
  const problems = page.locator('.export-problems');
  if ((await problems.count()) > 0)
    throw new Error(`the export form reports: ${await problems.textContent()}`);
  return { openMs };
}

interface BaselineRun {
  rows: number;
  bytes: number;
  chunks: number;
  openMs: number;
  readMs: number;
  drainMs: number;
  workerMs: number;
  elapsedMs: number;
}

interface BareWrite {
  bytes: number;
  chunks: number;
  workerMs: number;
  elapsedMs: number;
}

/** The baseline worker on the app's page: median of `baselineRuns`, then a bare OPFS write. */
async function browserBaseline(page: Page, browserSession: CDPSession, bundle: ExportBundleFacts) {
  const source = readFileSync('bench/browser/export-baseline.worker.js', 'utf8');
  const runs: Measured<BaselineRun>[] = [];
  for (let run = 0; run < baselineRuns; run++) {
    await probe(page, `startBaseline(${JSON.stringify(source)})`);
    const fileName = `bench-baseline-${run}.jsonl`;
    try {
      runs.push(
        await measured(page, browserSession, 'blob:', () =>
          probe<BaselineRun>(
            page,
            `runBaseline(${JSON.stringify({ type: 'export', projectId: bundle.projectId, fileName })})`,
          ),
        ),
      );
    } finally {
      await probe(page, 'stopBaseline()');
    }
    const rows = runs.at(-1)?.result.rows;
    if (rows !== bundle.pairs)
      throw new Error(`the baseline worker read ${rows} pairs from IndexedDB, not ${bundle.pairs}`);
    if (run < baselineRuns - 1) await probe(page, `removeFromOpfs('${fileName}')`);
  }
  await probe(page, `startBaseline(${JSON.stringify(source)})`);
  let bare: BareWrite;
  try {
    await quiet();
    bare = await probe<BareWrite>(
      page,
      `runBaseline(${JSON.stringify({ type: 'bare-write', fromName: `bench-baseline-${baselineRuns - 1}.jsonl`, toName: 'bench-bare.jsonl' })})`,
    );
  } finally {
    await probe(page, 'stopBaseline()');
  }
  await probe(page, `removeFromOpfs('bench-baseline-${baselineRuns - 1}.jsonl')`);
  await probe(page, `removeFromOpfs('bench-bare.jsonl')`);
  const byTime = [...runs].sort((left, right) => left.result.elapsedMs - right.result.elapsedMs);
  return { runs, median: byTime[Math.floor(byTime.length / 2)]!, bare };
}

/** Clicks "Export…" and waits for "Exported … files"; the app's export timed in the page. */
async function browserExport(page: Page, browserSession: CDPSession) {
  await probe(
    page,
    `watch('done', 'section[aria-label="Export finished"] [role="status"]', 'Exported ')`,
  );
  await probe(page, `watch('failed', '.export-side [role="alert"]', '')`);
  // The progress panel names the file being written: the first split file marks the end of
  // reading and curating (optional: the panel's wording may change).
  await probe(page, `watch('writing', '.export-progress [role="status"]', 'train.jsonl')`);
  const run = await measured(page, browserSession, 'export.worker', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    return firstMark(page, ['done', 'failed'], 1_800_000);
  });
  const { name, mark } = run.result;
  if (name === 'failed') throw new Error(`the app's export failed: ${mark.value}`);
  const { clicks, longTasks, marks } = await probe<Snapshot>(page, 'snapshot()');
  const click = clicks.filter((entry) => entry.text === 'Export…').at(-1);
  if (!click || mark.domAt === null) throw new Error('no click or no "Exported" status seen');
  const writing = marks['writing']?.domAt;
  const during = longTasks.filter(
    (task) => task.start + task.duration >= click.at && task.start <= mark.domAt!,
  );
  return {
    ...run,
    exportMs: round(mark.domAt - click.at),
    /** Click → the progress panel first names train.jsonl: reading the pairs and curating. */
    beforeWritingMs: typeof writing === 'number' ? round(writing - click.at) : null,
    status: mark.value ?? '',
    longestTaskMs: round(Math.max(0, ...during.map((task) => task.duration))),
    longTasksOver50ms: during.length,
  };
}

/** Reads back what the export wrote into the origin-private file system and checks it. */
async function readBackExport(page: Page, pairs: number) {
  const root = await probe<{ name: string; kind: string }[]>(page, 'opfsRoot()');
  const folders = root.filter(
    (entry) => entry.kind === 'directory' && entry.name.startsWith('tessera-'),
  );
  if (folders.length !== 1)
    throw new Error(
      `expected one export folder in OPFS, found: ${root.map((entry) => entry.name).join(', ')}`,
    );
  const folder = folders[0]!.name;
  const first = await probe<{ manifest: DatasetManifest }>(page, `readExport('${folder}', [])`);
  const paths = first.manifest.files.map((file) => file.path);
  const read = await probe<{
    manifest: DatasetManifest;
    files: Record<string, ExportedFile>;
    listing: string[];
  }>(page, `readExport('${folder}', ${JSON.stringify(paths)})`);
  return {
    folder,
    verified: verifyExport("the app's export", read.manifest, read.files, read.listing, pairs),
  };
}

function appVersion(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) =>
    spawnSync('git', args, { encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommitted: git('status', '--porcelain', '--', 'renderer', 'shared', 'cli')
      .split('\n')
      .filter((entry) => entry !== ''),
  };
}

function buildWeb(): number {
  const started = Date.now();
  const result = spawnSync('npx', ['vite', 'build', '--outDir', webRoot, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr}`);
  return Date.now() - started;
}

/**
 * Chromium with a profile on disk, as a person's browser keeps IndexedDB and the origin-private
 * file system, connected over CDP. (Playwright's launch gives incognito contexts, whose storage
 * is held in memory by the browser process: the export writes a good deal slower there.)
 */
async function launchOnDisk(): Promise<{ browser: Browser; child: ChildProcess }> {
  rmSync(profileRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  mkdirSync(profileRoot, { recursive: true });
  const child = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      '--headless',
      '--lang=en-US',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileRoot}`,
      // As Playwright launches it: a page in the background is not slowed down.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANGUAGE: 'en_US' } },
  );
  process.once('exit', () => child.kill());
  let log = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 30_000);
    // Read to the end, so that Chromium never blocks on a full pipe.
    child.stderr.on('data', (chunk: Buffer) => {
      if (log.length < 65_536) log += chunk.toString('utf8');
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(log)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}:\n${log}`));
    });
  });
  // isLocal: the same file system, so a chosen file is handed over by path, not as base64.
  return { browser: await chromium.connectOverCDP(endpoint, { isLocal: true }), child };
}

async function chromiumRun(bundle: ExportBundleFacts) {
  const server = await startServer(webRoot);
  const { browser, child } = await launchOnDisk();
  try {
    const browserSession = await browser.newBrowserCDPSession();
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium has no default context');
    await context.addInitScript({ path: 'bench/browser/export-probes.js' });
    const page = await context.newPage();
    for (const other of context.pages()) if (other !== page) await other.close();
    await page.setViewportSize({ width: 1280, height: 900 });
    const foreign = watchForeignRequests(page);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(server.url);
    await page.locator('.app[data-ready="true"]').waitFor();
    await createProfile(page, 'Zhao Min', 'governance-lead');

    const imported = await importBundle(page, bundle);
    console.log(
      `Chromium ${browser.version()}: bundle checked in ${seconds(imported.checkedMs)}, imported in ${seconds(imported.importMs)} (${imported.summary})`,
    );
    const { openMs } = await chooseSettings(page, bundle.pairs);
    console.log(`Export screen ready (pairs read for the filters) in ${seconds(openMs)}`);

    const baseline = await browserBaseline(page, browserSession, bundle);
    console.log(
      `baseline worker (IndexedDB cursor → JSON.stringify → OPFS): ${baseline.runs.map((run) => seconds(run.result.elapsedMs)).join(' / ')}; bare OPFS write ${seconds(baseline.bare.elapsedMs)}`,
    );
    const exported = await browserExport(page, browserSession);
    console.log(
      `the app's export: ${seconds(exported.exportMs)}${exported.beforeWritingMs === null ? '' : `, of which ${seconds(exported.beforeWritingMs)} before train.jsonl was begun`} (${exported.status})`,
    );
    const readBack = await readBackExport(page, bundle.pairs);
    if (foreign.length > 0) throw new Error(`the app made foreign requests: ${foreign.join(', ')}`);
    return { chromium: browser.version(), imported, openMs, baseline, exported, readBack };
  } finally {
    await browser.close();
    child.kill();
    if (child.exitCode === null) await once(child, 'exit');
    server.child.kill();
    rmSync(profileRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

// ---------------------------------------------------------------------------------------------

/** Least-squares slope of y against x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

function summarizeChild(run: ChildRun) {
  return {
    wallMs: run.wallMs,
    inProcessMs: run.inProcessMs,
    peakRss: run.peakRss,
    polledPeakRss: run.polledPeakRss,
    v8Heap: run.gc,
    sampled: run.sampled,
    contention: run.contention,
  };
}

export async function runExportBench(): Promise<Record<string, unknown>> {
  const benchStarted = Date.now();
  const benchContended = watchContention();
  const app = appVersion();
  console.log(
    `app at ${app.commit}${app.uncommitted.length > 0 ? ` + ${app.uncommitted.length} uncommitted changes in renderer/, shared/ and cli/` : ''}`,
  );
  mkdirSync('bench/tmp', { recursive: true });
  const bundles: ExportBundleFacts[] = [];
  for (const pairs of [...scalingCounts, pairCount]) {
    const bundle = await exportBundle(pairs, seed);
    bundles.push(bundle);
    console.log(
      `${bundle.path}: ${count(bundle.pairs)} pairs, ${count(bundle.patients)} patients, ${mb(bundle.bytes)} MB, ${bundle.generatedMs === null ? 'cached' : `written in ${seconds(bundle.generatedMs)}`}`,
    );
  }
  const main = bundles.at(-1)!;
  const buildMs = buildWeb();
  console.log(`built ${webRoot} in ${seconds(buildMs)}`);
  const tools = await buildCliTools();

  // Command line.
  const startup: ChildRun[] = [];
  for (let run = 0; run < startupRuns; run++)
    startup.push(await runChild(['bin/tessera.mjs', '--help'], tools.preload));
  const startupMs = median(startup.map((run) => run.wallMs));
  const cliBaselines: CliBaseline[] = [];
  for (let run = 0; run < baselineRuns; run++) cliBaselines.push(await cliBaseline(tools, main));
  const cliBase = [...cliBaselines].sort((left, right) => left.wallMs - right.wallMs)[
    Math.floor(cliBaselines.length / 2)
  ]!;
  console.log(
    `command-line baseline: ${cliBaselines.map((run) => seconds(run.wallMs)).join(' / ')}; \`tessera --help\` starts in ${seconds(startupMs)}`,
  );
  const cliMain = await cliExport(tools, main);
  console.log(
    `tessera export ${count(main.pairs)}: ${seconds(cliMain.wallMs)}, peak RSS ${mb(cliMain.peakRss)} MB`,
  );
  const scaling: CliExport[] = [];
  for (const bundle of bundles.slice(0, -1)) {
    const run = await cliExport(tools, bundle);
    scaling.push(run);
    console.log(
      `tessera export ${count(bundle.pairs)}: ${seconds(run.wallMs)}, peak RSS ${mb(run.peakRss)} MB`,
    );
  }
  scaling.push(cliMain);

  // Chromium.
  const browser = await chromiumRun(main);
  const browserBase = browser.baseline.median;
  const browserRatio = browser.exported.exportMs / browserBase.result.elapsedMs;
  const cliRatio = cliMain.wallMs / cliBase.wallMs;
  const sameBytes = splits.every(
    (split) =>
      browser.readBack.verified.sha256[`${split}.jsonl`] ===
      cliMain.verified.sha256[`${split}.jsonl`],
  );

  const perThousand = (pick: (run: CliExport) => number) =>
    slope(scaling.map((run) => [run.pairs / 1000, pick(run)] as const));
  const growth = {
    peakRss: perThousand((run) => run.peakRss),
    v8HeapBeforeGc: perThousand((run) => run.gc.peakBefore),
    v8HeapAfterGc: perThousand((run) => run.gc.peakAfter),
  };
  const smallest = scaling[0]!;
  const isFlat = cliMain.peakRss <= flatGrowth * smallest.peakRss;
  const benchContention = benchContended();
  const windows = [
    ...cliBaselines.map((run) => run.contention),
    ...scaling.map((run) => run.contention),
    ...browser.baseline.runs.map((run) => run.contention),
    browser.exported.contention,
  ];
  const worstContention = Math.max(0, ...windows.map((window) => window?.othersShare ?? 0));

  // The table.
  const verdict = (isMet: boolean) => (isMet ? 'met' : 'MISSED');
  const busy = (contention: Contention | null) =>
    contention ? `${round(100 * contention.othersShare)} %` : '?';
  const line = (...cells: string[]) =>
    console.log(
      cells
        .map((cell, index) => cell.padEnd([34, 12, 12, 16, 34, 40][index] ?? 0))
        .join('')
        .trimEnd(),
    );
  console.log('');
  line('', 'baseline', 'export', `ratio (≤ ${targetRatio}×)`, 'peak JS heap', 'peak RSS');
  const pageHeap = browser.exported.heap.page;
  const workerHeap = browser.exported.heap.worker;
  const baseHeap = browserBase.heap;
  line(
    `Chromium UI → OPFS, ${count(main.pairs)}`,
    seconds(browserBase.result.elapsedMs),
    seconds(browser.exported.exportMs),
    `${round(browserRatio, 2)}× ${verdict(browserRatio <= targetRatio)}`,
    `page ${mb(pageHeap.peakUsed)} / worker ${workerHeap ? mb(workerHeap.peakUsed) : '?'} MB`,
    `renderer ${mb(browser.exported.processes.renderer.kernelPeakRss)} MB (private ${mb(browser.exported.processes.renderer.peakPrivate)})`,
  );
  line(
    '  baseline worker',
    '',
    '',
    '',
    `page ${mb(baseHeap.page.peakUsed)} / worker ${baseHeap.worker ? mb(baseHeap.worker.peakUsed) : '?'} MB`,
    `renderer ${mb(browserBase.processes.renderer.kernelPeakRss)} MB (private ${mb(browserBase.processes.renderer.peakPrivate)})`,
  );
  line(
    '  + ArrayBuffers (export worker)',
    '',
    '',
    '',
    workerHeap ? `${mb(workerHeap.peakBacking)} MB` : '?',
    `all Chromium ${mb(browser.exported.processes.allPeakRss)} MB`,
  );
  line(
    `CLI tessera export, ${count(main.pairs)}`,
    seconds(cliBase.wallMs),
    seconds(cliMain.wallMs),
    `${round(cliRatio, 2)}× ${verdict(cliRatio <= targetRatio)}`,
    `${mb(cliMain.gc.peakBefore)} MB (live ${mb(cliMain.gc.peakAfter)})`,
    `${mb(cliMain.peakRss)} MB`,
  );
  line(
    '  + ArrayBuffers (sampled)',
    '',
    '',
    '',
    cliMain.sampled ? `${mb(cliMain.sampled.arrayBuffers)} MB` : '?',
  );
  line(
    '  baseline script',
    '',
    '',
    '',
    `${mb(cliBase.gc.peakBefore)} MB (live ${mb(cliBase.gc.peakAfter)})`,
    `${mb(cliBase.peakRss)} MB`,
  );
  line(
    '  `tessera --help` (start-up)',
    '',
    seconds(startupMs),
    '',
    '',
    `${mb(median(startup.map((run) => run.peakRss)))} MB`,
  );
  console.log('');
  line(
    'CLI memory against size',
    'pairs',
    'time',
    'peak RSS',
    'peak V8 heap (live after GC)',
    'other CPU',
  );
  for (const run of scaling)
    line(
      '',
      count(run.pairs),
      seconds(run.wallMs),
      `${mb(run.peakRss)} MB`,
      `${mb(run.gc.peakBefore)} MB (${mb(run.gc.peakAfter)} MB)`,
      busy(run.contention),
    );
  line(
    '  growth per 1,000 pairs',
    '',
    '',
    `${round(growth.peakRss / 1024 ** 2, 2)} MB`,
    `${round(growth.v8HeapBeforeGc / 1024 ** 2, 2)} MB (${round(growth.v8HeapAfterGc / 1024 ** 2, 2)} MB)`,
  );
  line(
    `  flat (${count(pairCount)} ≤ ${flatGrowth}× ${count(smallest.pairs)} RSS)`,
    '',
    '',
    `${round(cliMain.peakRss / smallest.peakRss, 2)}× ${isFlat ? 'flat' : 'GROWS'}`,
  );
  console.log('');
  const { verified } = browser.readBack;
  console.log(
    `checked: the app wrote ${count(verified.splits.train)} / ${count(verified.splits.validation)} / ${count(verified.splits.test)} examples (train / validation / test, as its manifest counts), dropped ${count(verified.duplicates.exact)} exact and ${count(verified.duplicates.near)} near repeats, de-identified ${Object.entries(
      verified.deidentified,
    )
      .map(([type, value]) => `${type} ${count(value)}`)
      .join(
        ', ',
      )}; the CLI ${count(cliMain.verified.splits.train)} / ${count(cliMain.verified.splits.validation)} / ${count(cliMain.verified.splits.test)}; same split files from both: ${sameBytes ? 'yes' : 'no'}`,
  );
  console.log(
    `the app's export: ${browser.exported.beforeWritingMs === null ? '' : `reading and curating until train.jsonl was begun ${seconds(browser.exported.beforeWritingMs)}, writing ${seconds(browser.exported.exportMs - browser.exported.beforeWritingMs)}; `}longest main-thread task ${browser.exported.longTasksOver50ms === 0 ? 'none over 50 ms' : `${browser.exported.longestTaskMs} ms`}; bare OPFS write of the baseline's ${mb(browser.baseline.bare.bytes)} MB: ${seconds(browser.baseline.bare.elapsedMs)}; export screen ready in ${seconds(browser.openMs)}; bundle import ${seconds(browser.imported.importMs)}`,
  );
  console.log(
    `other processes' CPU: Chromium baseline ${busy(browserBase.contention)}, export ${busy(browser.exported.contention)}; CLI baseline ${busy(cliBase.contention)}, export ${busy(cliMain.contention)} (of ${cpus().length} cores)`,
  );
  console.log(
    `bench took ${round((Date.now() - benchStarted) / 1000)} s; other processes took ${busy(benchContention)} of the machine meanwhile`,
  );
  if (worstContention > 0.1)
    console.log(
      `NOTE: other processes used up to ${round(100 * worstContention)} % of the machine during a measurement: timings are inflated and noisy; run again on an idle machine to compare.`,
    );

  return {
    app,
    chromium: browser.chromium,
    node: process.version,
    machine: { cores: cpus().length, memoryBytes: totalmem() },
    seed,
    targets: { ratio: targetRatio, flatGrowth },
    data: { bundles, main: main.path },
    settings: {
      cli: exportArgs('<bundle>', '<out>').join(' '),
      ui: 'OpenAI chat messages (JSONL); drop exact and near repeats (default threshold); Train 80 / Validation 10 / Test 10 %; seed 7; remove personal data (placeholders, dates shifted); no normalized records; mapping table on (default); destination: the origin-private file system through the File System Access path',
    },
    chromiumRun: {
      setup: {
        bundleCheckedMs: browser.imported.checkedMs,
        bundleImportMs: browser.imported.importMs,
        bundleSummary: browser.imported.summary,
        exportScreenReadyMs: browser.openMs,
      },
      baseline: {
        description:
          "bench/browser/export-baseline.worker.js in a blob worker on the app page: raw IndexedDB open of 'tessera', a cursor over qaPairs' projectId index, JSON.stringify(row) + '\\n' per row gathered into ~64 KB chunks, written to an OPFS file through a FileSystemWritableFileStream; timed from postMessage to the answer",
        medianMs: round(browserBase.result.elapsedMs),
        runs: browser.baseline.runs.map((run) => ({
          ...run.result,
          elapsedMs: round(run.result.elapsedMs),
          heap: run.heap,
          processes: run.processes,
          contention: run.contention,
        })),
        bareOpfsWrite: browser.baseline.bare,
      },
      export: {
        ms: browser.exported.exportMs,
        ratio: round(browserRatio, 3),
        isMet: browserRatio <= targetRatio,
        status: browser.exported.status,
        heap: browser.exported.heap,
        processes: browser.exported.processes,
        beforeWritingMs: browser.exported.beforeWritingMs,
        longestTaskMs: browser.exported.longestTaskMs,
        longTasksOver50ms: browser.exported.longTasksOver50ms,
        contention: browser.exported.contention,
        folder: browser.readBack.folder,
        verified: browser.readBack.verified,
      },
    },
    cliRun: {
      startup: { medianMs: startupMs, runs: startup.map(summarizeChild) },
      baseline: {
        description:
          "bench/browser/export-baseline-cli.ts bundled with esbuild, run by node: fflate unzip of tables/qaPairs.jsonl, JSON.parse per line, JSON.stringify(row) + '\\n' in ~64 KB chunks through a write stream; wall time spawn → exit",
        medianMs: cliBase.wallMs,
        runs: cliBaselines.map((run) => ({
          ...summarizeChild(run),
          rows: run.rows,
          bytes: run.bytes,
          workMs: run.workMs,
        })),
      },
      export: {
        ms: cliMain.wallMs,
        ratio: round(cliRatio, 3),
        isMet: cliRatio <= targetRatio,
        ...summarizeChild(cliMain),
        verified: cliMain.verified,
      },
      sameSplitFilesAsApp: sameBytes,
    },
    scaling: {
      runs: scaling.map((run) => ({ pairs: run.pairs, ...summarizeChild(run) })),
      growthPer1000PairsBytes: growth,
      peakRssVsSmallest: round(cliMain.peakRss / smallest.peakRss, 3),
      isFlat,
    },
    method: {
      chromiumTime:
        'in the page: the "Export…" click event timestamp to the DOM mutation that shows "Exported N files to …" (MutationObserver)',
      chromiumHeap:
        'CDP Runtime.getHeapUsage every 100 ms: page (page session) and the export worker or baseline blob worker (browser session, non-flattened attach); usedSize is the V8 heap, backingStorageSize the ArrayBuffers outside it. pagePerformanceMemoryPeak: performance.memory.usedJSHeapSize every 100 ms',
      chromiumProcesses:
        'SystemInfo.getProcessInfo for the pids; VmRSS and RssAnon (private) from /proc every 100 ms; kernelPeakRss is VmHWM after resetting it through /proc/<pid>/clear_refs at the start of the measurement',
      cliTime: 'wall time from spawn to exit of the child process',
      cliMemory:
        "peakRss: the child's own VmHWM read at exit by the --import preload (kernel peak). v8Heap: from --trace-gc, the largest isolate's heap in use before (peakBefore, garbage included) and after (peakAfter, live) every GC. sampled: process.memoryUsage() every 10 ms while the event loop turns",
      growth: 'least-squares slope of the peak over 25,000, 50,000 and 100,000 pairs',
    },
    contention: {
      description:
        "CPU used by processes outside this bench's process tree (/proc), as a share of all cores × wall time",
      cores: cpus().length,
      bench: benchContention,
      worstShare: worstContention,
      quietWaitsMs: quietWaits,
    },
    benchSeconds: round((Date.now() - benchStarted) / 1000),
  };
}
