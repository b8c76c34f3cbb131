/**
 * `npm run bench [-- name…]`: runs the named benchmarks (all by default). Each prints its figure
 * next to a baseline measured in the same run and writes bench/results/<name>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runMatchBench } from './match';

const benches: Record<string, () => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  match: runMatchBench,
  import: async () => (await import('./import')).runImportBench(),
  ocr: async () => (await import('./ocr')).runOcrBench(),
  review: async () => (await import('./review')).runReviewBench(),
  export: async () => (await import('./export')).runExportBench(),
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((argument) => !argument.startsWith('-'));
  const unknown = asked.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}.`,
    );
    process.exit(2);
  }
  mkdirSync('bench/results', { recursive: true });
  for (const name of asked.length > 0 ? asked : Object.keys(benches)) {
    console.log(`\n== ${name}`);
    const result = await benches[name]!();
    const path = `bench/results/${name}.json`;
    writeFileSync(
      path,
      JSON.stringify({ bench: name, at: new Date().toISOString(), ...result }, null, 2) + '\n',
    );
    console.log(`wrote ${path}`);
  }
}

await main();
