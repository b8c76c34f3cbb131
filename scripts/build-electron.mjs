/**
 * Bundles the Electron main process and preload into dist/electron as CommonJS: Electron's
 * sandboxed preload cannot load ES modules, and one self-contained file per process means the
 * packaged app needs no node_modules at run time.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: path.join(outdir, 'main.cjs'),
});

const preload = await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: path.join(outdir, 'preload.cjs'),
});

// The sandboxed preload must stay a thin bridge; a stray value import of shared/ipc would pull the
// whole validation library into every page.
const heavyInputs = Object.keys(preload.metafile?.inputs ?? {}).filter((input) =>
  input.includes('node_modules/'),
);
if (heavyInputs.length > 0) {
  console.error(
    `preload.cjs must not bundle packages, but it includes:\n  ${heavyInputs.join('\n  ')}`,
  );
  process.exit(1);
}

console.log(`Electron shell built into ${path.relative(root, outdir)}/ (main.cjs, preload.cjs)`);
