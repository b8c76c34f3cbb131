/**
 * The export benchmark's command-line baseline, run by bench/export.ts in a child process of its
 * own (bundled with esbuild, run by plain node): the plainest export of a bundle's pairs there is.
 * It reads the bundle zip with fflate, takes tables/qaPairs.jsonl, and for each line writes
 * `JSON.stringify(JSON.parse(line)) + '\n'` to a file through a write stream, in ~64 KB chunks as
 * the app's writer gathers them. No filtering, curation, de-identification, hashing or
 * formatting. Prints one JSON line: rows, bytes and where the time went.
 *
 *   node export-baseline-cli.mjs <bundle> <out-file>
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

const chunkChars = 64 * 1024;

async function main(): Promise<void> {
  const [bundlePath, outPath] = process.argv.slice(2);
  if (bundlePath === undefined || outPath === undefined)
    throw new Error('usage: export-baseline-cli <bundle> <out-file>');
  const started = performance.now();
  const entries = unzipSync(new Uint8Array(readFileSync(bundlePath)), {
    filter: (file) => file.name === 'tables/qaPairs.jsonl',
  });
  const data = entries['tables/qaPairs.jsonl'];
  if (!data) throw new Error(`${bundlePath} has no tables/qaPairs.jsonl`);
  const text = strFromU8(data);
  const read = performance.now();

  const out = createWriteStream(outPath);
  let rows = 0;
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async () => {
    const chunk = pending.join('');
    pending = [];
    pendingChars = 0;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const line = JSON.stringify(JSON.parse(text.slice(start, end)) as unknown) + '\n';
      pending.push(line);
      pendingChars += line.length;
      rows++;
      if (pendingChars >= chunkChars) await flush();
    }
    start = end + 1;
  }
  if (pending.length > 0) await flush();
  out.end();
  await once(out, 'finish');
  const done = performance.now();
  process.stdout.write(
    JSON.stringify({
      rows,
      bytes,
      readMs: read - started,
      writeMs: done - read,
      workMs: done - started,
    }) + '\n',
  );
}

await main();
