/**
 * Column-name suggestions against the shipped dictionary, on a held-out set: MIMIC-III's lab item
 * labels with their LOINC codes. Only labels whose code is in the dictionary count. Baseline: a
 * plain Fuse.js scan with default options over the same terms.
 */
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import Papa from 'papaparse';
import type { Term } from '../shared/model/terminology';
import { starterDictionaries } from '../shared/terminology/starter';
import { buildSuggestionIndex, suggest } from '../shared/terminology/suggest';

interface Case {
  label: string;
  code: string;
}

function loadCases(terms: Term[]): { cases: Case[]; total: number } {
  const text = readFileSync('test/fixtures/terminology/mimic-iii-demo/D_LABITEMS.csv', 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
  }).data;
  const codes = new Set(terms.map((term) => term.code));
  const withCode = rows.filter((row) => (row['LOINC_CODE'] ?? '') !== '');
  const cases = withCode
    .filter((row) => codes.has(row['LOINC_CODE'] ?? ''))
    .map((row) => ({ label: row['LABEL'] ?? '', code: row['LOINC_CODE'] ?? '' }));
  return { cases, total: withCode.length };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function measure(cases: Case[], rank: (label: string) => string[]) {
  const times: number[] = [];
  let atOne = 0;
  let atFive = 0;
  for (const { label, code } of cases) {
    const start = performance.now();
    const codes = rank(label);
    times.push(performance.now() - start);
    if (codes[0] === code) atOne++;
    if (codes.slice(0, 5).includes(code)) atFive++;
  }
  return {
    recallAt1: round(atOne / cases.length),
    recallAt5: round(atFive / cases.length),
    totalMs: round(times.reduce((sum, time) => sum + time, 0)),
    p95Ms: round(percentile(times, 0.95)),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function runMatchBench(): Record<string, unknown> {
  const lab = starterDictionaries.find((dictionary) => dictionary.id === 'clinical-lab');
  if (!lab) throw new Error('no clinical-lab starter dictionary');
  const terms: Term[] = lab.terms.map((term) => ({
    ...term,
    dictionaryId: lab.id,
    status: 'active',
    learned: [],
    updatedAt: '',
  }));
  const { cases, total } = loadCases(terms);
  const codeOf = new Map(terms.map((term) => [term.id, term.code]));

  const buildStart = performance.now();
  const index = buildSuggestionIndex(terms);
  const buildMs = round(performance.now() - buildStart);
  const engine = measure(cases, (label) =>
    suggest(index, label, 5).map((hit) => codeOf.get(hit.termId) ?? ''),
  );

  const fuse = new Fuse(terms, { keys: ['nameEn', 'nameZh', 'abbreviations', 'synonyms'] });
  const baseline = measure(cases, (label) =>
    fuse.search(label, { limit: 5 }).map((hit) => hit.item.code),
  );

  console.log(
    `dictionary: ${terms.length} lab terms; D_LABITEMS rows with a LOINC code: ${total}; counted (code in dictionary): ${cases.length}`,
  );
  console.log('                    recall@1  recall@5  total ms   p95 ms');
  for (const [name, result] of [
    ['Tessera engine', engine],
    ['plain Fuse.js', baseline],
  ] as const) {
    console.log(
      `${name.padEnd(20)}${String(result.recallAt1).padEnd(10)}${String(result.recallAt5).padEnd(10)}${String(result.totalMs).padEnd(11)}${result.p95Ms}`,
    );
  }
  return {
    dictionaryTerms: terms.length,
    rowsWithCode: total,
    countedRows: cases.length,
    indexBuildMs: buildMs,
    engine,
    baseline,
  };
}
