import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './shared/security-policy';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const metaPolicy = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

export default defineConfig({
  plugins: [
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
