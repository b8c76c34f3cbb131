import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from '../app/i18n-language';
import en from './en.json';
import zhCN from './zh-CN.json';

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keysOf(inner, prefix ? `${prefix}.${key}` : key),
  );
}

describe('interface text', () => {
  it('exists in Simplified Chinese for every English key, and the other way round', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it('has Chinese characters in every Chinese string that has words', () => {
    // Format names (CSV, NDJSON, FHIR R4 Bundle) are the same in both languages.
    const untranslated = keysOf(zhCN).filter((key) => {
      if (key.startsWith('formats.')) return false;
      const text = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN);
      return (
        typeof text === 'string' &&
        /[A-Za-z]{4,}/.test(text.replace(/\{\{\w+\}\}/g, '')) &&
        !/[\u4e00-\u9fff]/.test(text)
      );
    });
    expect(untranslated).toEqual([]);
  });
});

describe('initialLanguage', () => {
  it('keeps a saved choice and otherwise follows the system language', () => {
    expect(initialLanguage('en', 'zh-CN')).toBe('en');
    expect(initialLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(initialLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(initialLanguage(null, 'de-DE')).toBe('en');
    expect(initialLanguage('fr', 'en-US')).toBe('en');
  });
});

describe('keys used in the code', () => {
  it('all exist in the English text', () => {
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk('renderer');
    const known = new Set(keysOf(en).map((key) => key.replace(/_(one|other)$/, '')));
    const used = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z-]+)+)'/g)].map(
        (match) => match[1] ?? '',
      ),
    );
    expect(used.length).toBeGreaterThan(50);
    expect([...new Set(used.filter((key) => !known.has(key)))]).toEqual([]);
  });
});
