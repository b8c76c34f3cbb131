import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const repoFile = (name: string) => new URL(`../${name}`, import.meta.url);

const builderConfig = z.looseObject({
  appId: z.string().min(1),
  productName: z.string(),
  directories: z.looseObject({ output: z.string() }),
  files: z.array(z.string()).min(1),
  asar: z.literal(true),
  publish: z.unknown().optional(),
  linux: z.looseObject({ target: z.array(z.string()), category: z.string() }),
  win: z.looseObject({ target: z.array(z.string()) }),
  mac: z.looseObject({ target: z.array(z.string()), category: z.string() }),
});

const config = builderConfig.parse(parse(await readFile(repoFile('electron-builder.yml'), 'utf8')));
const packageJson = z
  .looseObject({ main: z.string() })
  .parse(JSON.parse(await readFile(repoFile('package.json'), 'utf8')));

/** electron-builder's `files` globs, enough of them for this config: `**`, `*` and `!` negation. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/?|\*)/)
    .map((part) => {
      if (part === '**/' || part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function isPackaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(file)) included = !negated;
  }
  return included;
}

describe('electron-builder.yml', () => {
  it('identifies the app', () => {
    expect(config.appId).toBe('org.tessera.workbench');
    expect(config.productName).toBe('Tessera');
    expect(config.directories.output).toBe('release');
  });

  it('packages the built shell and renderer', () => {
    expect(isPackaged('dist/electron/main.cjs')).toBe(true);
    expect(isPackaged('dist/electron/preload.cjs')).toBe(true);
    expect(isPackaged('dist/renderer/index.html')).toBe(true);
    expect(isPackaged('dist/renderer/assets/index-abc123.js')).toBe(true);
    expect(isPackaged('package.json')).toBe(true);
  });

  it("points package.json's main at a packaged file", () => {
    expect(packageJson.main).toBe('dist/electron/main.cjs');
    expect(isPackaged(packageJson.main)).toBe(true);
  });

  it('leaves sources, tests and source maps out', () => {
    for (const file of [
      'electron/main.ts',
      'electron/security.test.ts',
      'renderer/main.tsx',
      'shared/ipc.ts',
      'e2e/electron/shell.spec.ts',
      'scripts/build-electron.mjs',
      'dist/electron/main.cjs.map',
      'tsconfig.json',
    ]) {
      expect(isPackaged(file), file).toBe(false);
    }
  });

  it('publishes nowhere', () => {
    const publish = config.publish;
    expect(publish === undefined || publish === null).toBe(true);
    expect(JSON.stringify(config)).not.toMatch(/https?:\/\//);
  });

  it('builds the installers for each platform', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      category: 'public.app-category.productivity',
    });
  });
});
