import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security-policy';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const metaPolicy = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/**
 * The OCR engine's worker, its WebAssembly core (LSTM-only builds: the worker picks the SIMD
 * variant the machine supports) and English language data ship as the app's own files, so OCR
 * never fetches from a CDN.
 */
const ocrFiles: Record<string, string> = {
  'tesseract/worker.min.js': join(packageDir('tesseract.js'), 'dist', 'worker.min.js'),
  'tesseract/lang/eng.traineddata.gz': join(
    packageDir('@tesseract.js-data/eng'),
    '4.0.0_best_int',
    'eng.traineddata.gz',
  ),
  ...Object.fromEntries(
    ['lstm', 'simd-lstm', 'relaxedsimd-lstm'].map((variant) => [
      `tesseract/core/tesseract-core-${variant}.wasm.js`,
      join(packageDir('tesseract.js-core'), `tesseract-core-${variant}.wasm.js`),
    ]),
  ),
};

function shipOcrFiles(): Plugin {
  return {
    name: 'tessera-ocr-files',
    apply: 'build',
    generateBundle() {
      for (const [fileName, path] of Object.entries(ocrFiles)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    shipOcrFiles(),
    {
      // The same policy as the desktop shell's header; frame-ancestors only works as a header.
      name: 'tessera-csp-meta',
      transformIndexHtml: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy },
          injectTo: 'head-prepend',
        },
      ],
    },
  ],
  define: { __APP_VERSION__: JSON.stringify(version) },
  root: 'renderer',
  base: './',
  publicDir: 'public',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  preview: {
    host: '127.0.0.1',
    headers: { 'Content-Security-Policy': contentSecurityPolicy },
  },
});
