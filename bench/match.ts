/**
 * Terminology matching, the shipped engine against a plain Fuse.js scan with default options,
 * measured in one run:
 *
 * 1. Quality on a held-out set: MIMIC-III's lab item labels (D_LABITEMS: LABEL → LOINC_CODE)
 *    against the clinical-lab dictionary; only rows whose code is in the dictionary count. The
 *    engine is run with the FLUID and CATEGORY columns as context (a real export has them beside
 *    the label) and without; the baseline sees the label only.
 * 2. Speed at scale: 5,000 distinct raw values against a 20,000-term dictionary (the shipped one
 *    padded with generated LOINC-like terms, seeded). The plain scan is far too slow to run 5,000
 *    times, so a seeded sample of 200 values is timed and the total extrapolated (said so in the
 *    output). Recall@1 on generated values is reported for both on that same sample.
 */
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { Converter } from 'opencc-js/cn2t';
import Papa from 'papaparse';
import type { StarterTerm, Term } from '../shared/model/terminology';
import { starterDictionaries } from '../shared/terminology/starter';
import {
  buildSuggestionIndex,
  suggest,
  type SuggestionContext,
} from '../shared/terminology/suggest';

interface Case {
  label: string;
  code: string;
  context: SuggestionContext;
}

const scaleTerms = 20_000;
const scaleValues = 5_000;
const scanSample = 200;

function toTerms(starters: readonly StarterTerm[], dictionaryId: string): Term[] {
  return starters.map((term) => ({
    ...term,
    dictionaryId,
    status: 'active',
    learned: [],
    updatedAt: '',
  }));
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
    .map((row) => ({
      label: row['LABEL'] ?? '',
      code: row['LOINC_CODE'] ?? '',
      context: { specimen: row['FLUID'] ?? '', category: row['CATEGORY'] ?? '' },
    }));
  return { cases, total: withCode.length };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

interface Measured {
  recallAt1: number;
  recallAt5: number;
  totalMs: number;
  p95Ms: number;
}

function measure<T>(cases: T[], rank: (item: T) => string[], expected: (item: T) => string) {
  const times: number[] = [];
  let atOne = 0;
  let atFive = 0;
  for (const item of cases) {
    const start = performance.now();
    const codes = rank(item);
    times.push(performance.now() - start);
    if (codes[0] === expected(item)) atOne++;
    if (codes.slice(0, 5).includes(expected(item))) atFive++;
  }
  const measured: Measured = {
    recallAt1: round(atOne / Math.max(1, cases.length)),
    recallAt5: round(atFive / Math.max(1, cases.length)),
    totalMs: round(times.reduce((sum, time) => sum + time, 0)),
    p95Ms: round(percentile(times, 0.95)),
  };
  return measured;
}

/** mulberry32: a small seeded generator, so every run pads and samples the same way. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const prefixes = ['amino', 'hydroxy', 'methyl', 'glyco', 'lipo', 'phospho', 'neuro', 'cardio'];
const morePrefixes = ['thyro', 'hepato', 'nephro', 'immuno', 'gluco', 'acetyl', 'sulfo', 'cyto'];
const stems = ['globulin', 'peptide', 'kinase', 'transferase', 'oxidase', 'protein', 'amine'];
const moreStems = ['steroid', 'lipase', 'sterol', 'toxin', 'mycin', 'azole', 'tropin', 'lectin'];
const organisms = [
  'Cytomegalovirus',
  'Toxoplasma gondii',
  'Borrelia',
  'Rubella virus',
  'Aspergillus',
];
const kinds = ['Ab', 'IgG Ab', 'IgM Ab', 'Ag', 'DNA', 'RNA'];
const properties = ['[Mass/volume]', '[Moles/volume]', '[Units/volume]', '[Presence]', '[Titer]'];
const specimens = ['Serum or Plasma', 'Blood', 'Urine', 'Cerebral spinal fluid', 'Pleural fluid'];
const methods = [
  '',
  ' by Immunoassay',
  ' by HPLC',
  ' by LC/MS/MS',
  ' by Probe and target amplification',
];
const units = ['mg/dL', 'mmol/L', 'U/L', 'ng/mL', 'IU/mL', '%', '10^9/L', 'μmol/L'];
const hanPool = Array.from(
  '血清蛋白酶抗体原素酸氨基转移葡萄糖脂胆固醇钠钾氯钙铁锌肌酐尿红白细胞凝测定浓度活性比值总游离结合',
);

/** A LOINC-like long name with its short forms, plausible enough to compete with real terms. */
function generatedTerm(random: Random, serial: number): Term {
  const analyte = makeAnalyte(random);
  const specimen = pick(random, specimens);
  const long = random() < 0.6;
  const nameEn = long
    ? `${analyte} ${pick(random, properties)} in ${specimen}${pick(random, methods)}`
    : analyte;
  const initials = analyte
    .split(/[\s-]+/)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const zh = Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick(random, hanPool));
  const code = `${90000 + serial}-${serial % 10}`;
  return {
    id: `gen.${serial}`,
    domain: 'clinical-lab',
    system: 'LOINC',
    code,
    nameEn,
    nameZh: zh.join(''),
    abbreviations: [`${initials}${serial % 97}`],
    synonyms: [`${specimen.split(' ')[0] ?? ''} ${analyte}`, analyte.replace(/e/g, 'ae')],
    units: [pick(random, units)],
    property: 'MCnc',
    specimen,
    category: 'Generated',
    dictionaryId: 'generated',
    status: 'active',
    learned: [],
    updatedAt: '',
  };
}

function makeAnalyte(random: Random): string {
  const roll = random();
  if (roll < 0.25) return `${pick(random, organisms)} ${pick(random, kinds)}`;
  const word = () =>
    `${pick(random, random() < 0.5 ? prefixes : morePrefixes)}${pick(random, random() < 0.5 ? stems : moreStems)}`;
  const first = word();
  const capitalized = first[0]?.toUpperCase() + first.slice(1);
  if (roll < 0.6) return capitalized;
  if (roll < 0.8) return `${capitalized} ${word()}`;
  return `${capitalized} ${pick(random, ['A', 'B', 'C', '1', '2', 'total', 'free'])}`;
}

function paddedDictionary(real: Term[]): Term[] {
  const random = seeded(20_000);
  const terms = [...real];
  for (let serial = 0; terms.length < scaleTerms; serial++)
    terms.push(generatedTerm(random, serial));
  return terms;
}

const toTraditional = Converter({ from: 'cn', to: 'tw' });

/**
 * A messy spelling of a term's alias: the ways raw names differ from dictionary ones. A unit
 * written beside a name is the term's own; typos go into words long enough to be recognizable.
 */
function messy(random: Random, text: string, term: Term): string {
  const roll = random();
  if (roll < 0.15) return text.toUpperCase();
  if (roll < 0.3) return term.units[0] ? `${text} (${term.units[0]})` : text;
  if (roll < 0.45) {
    if (text.length < 6) return text.toLowerCase();
    const chars = Array.from(text);
    const at = 1 + Math.floor(random() * Math.max(1, chars.length - 2));
    if (random() < 0.5) chars.splice(at, 1);
    else [chars[at - 1], chars[at]] = [chars[at] ?? '', chars[at - 1] ?? ''];
    return chars.join('');
  }
  if (roll < 0.6) {
    const words = text.split(' ');
    return words.length > 1 ? `${words.slice(1).join(' ')}, ${words[0]}` : text.toLowerCase();
  }
  if (roll < 0.7) return toTraditional(text);
  if (roll < 0.8)
    return text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  if (roll < 0.9) return text.replace(/ /g, '_');
  return text;
}

interface RawValue {
  raw: string;
  /** The alias the raw value was made from: any term carrying it is a right answer. */
  alias: string | null;
}

function rawValues(terms: Term[]): RawValue[] {
  const random = seeded(5_000);
  const values = new Map<string, RawValue>();
  while (values.size < scaleValues) {
    if (random() < 0.1) {
      const noise = `${pick(random, ['Comment', 'Specimen', 'Order', 'Note', 'Status'])} ${Math.floor(random() * 1000)}`;
      values.set(noise, { raw: noise, alias: null });
      continue;
    }
    const term = pick(random, terms);
    const aliases = [term.nameEn, term.nameZh, ...term.abbreviations, ...term.synonyms];
    const alias = pick(random, aliases);
    const raw = messy(random, alias, term);
    if (raw.trim() !== '' && !values.has(raw)) values.set(raw, { raw, alias });
  }
  return [...values.values()];
}

function sampleOf<T>(items: T[], count: number): T[] {
  const random = seeded(200);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy.slice(0, count);
}

/**
 * Generated terms share analytes and short forms, so a raw value may rightly belong to several
 * terms: a hit is a top term that carries the alias the value was made from.
 */
function recallAt1(
  values: RawValue[],
  top: (raw: string) => string | undefined,
  aliasesOf: Map<string, Set<string>>,
): number {
  const known = values.filter((value) => value.alias !== null);
  const hits = known.filter((value) => {
    const termId = top(value.raw);
    return termId !== undefined && aliasesOf.get(termId)?.has(value.alias?.toLowerCase() ?? '');
  }).length;
  return round(hits / Math.max(1, known.length));
}

function plainFuse(terms: Term[]): Fuse<Term> {
  return new Fuse(terms, { keys: ['nameEn', 'nameZh', 'abbreviations', 'synonyms'] });
}

function runQuality(): Record<string, unknown> {
  const lab = starterDictionaries.find((dictionary) => dictionary.id === 'clinical-lab');
  if (!lab) throw new Error('no clinical-lab starter dictionary');
  const terms = toTerms(lab.terms, lab.id);
  const { cases, total } = loadCases(terms);
  const codeOf = new Map(terms.map((term) => [term.id, term.code]));
  const buildStart = performance.now();
  const index = buildSuggestionIndex(terms);
  const buildMs = round(performance.now() - buildStart);
  const codes = (raw: string, context?: SuggestionContext) =>
    suggest(index, raw, 5, context).map((hit) => codeOf.get(hit.termId) ?? '');
  const expected = (item: Case) => item.code;
  const fuse = plainFuse(terms);
  // Warm both up (compilation, lazy tables) so that the first timed rows are not the slowest.
  for (const item of cases.slice(0, 20)) {
    codes(item.label, item.context);
    fuse.search(item.label, { limit: 5 });
  }
  const engine = measure(cases, (item) => codes(item.label, item.context), expected);
  const labelOnly = measure(cases, (item) => codes(item.label), expected);
  const baseline = measure(
    cases,
    (item) => fuse.search(item.label, { limit: 5 }).map((hit) => hit.item.code),
    expected,
  );
  console.log(
    `Quality — D_LABITEMS (held out): ${terms.length} clinical-lab terms; rows with a LOINC code: ${total}; counted (code in dictionary): ${cases.length}`,
  );
  console.log('                              recall@1  recall@5  total ms   p95 ms');
  for (const [name, result] of [
    ['Tessera engine (+context)', engine],
    ['Tessera engine (label only)', labelOnly],
    ['plain Fuse.js', baseline],
  ] as const)
    console.log(
      `${name.padEnd(30)}${String(result.recallAt1).padEnd(10)}${String(result.recallAt5).padEnd(10)}${String(result.totalMs).padEnd(11)}${result.p95Ms}`,
    );
  return {
    dictionaryTerms: terms.length,
    rowsWithCode: total,
    countedRows: cases.length,
    indexBuildMs: buildMs,
    engine,
    engineLabelOnly: labelOnly,
    baseline,
  };
}

function runSpeed(): Record<string, unknown> {
  const real = starterDictionaries.flatMap((dictionary) =>
    toTerms(dictionary.terms, dictionary.id),
  );
  const terms = paddedDictionary(real);
  const values = rawValues(terms);
  const aliasesOf = new Map(
    terms.map((term) => [
      term.id,
      new Set(
        [term.nameEn, term.nameZh, ...term.abbreviations, ...term.synonyms].map((alias) =>
          alias.toLowerCase(),
        ),
      ),
    ]),
  );
  const buildStart = performance.now();
  const index = buildSuggestionIndex(terms);
  const buildMs = round(performance.now() - buildStart);
  const times: number[] = [];
  const engineTop = new Map<string, string | undefined>();
  for (const value of values) {
    const start = performance.now();
    const [top] = suggest(index, value.raw, 5);
    times.push(performance.now() - start);
    engineTop.set(value.raw, top?.termId);
  }
  const engineTotal = times.reduce((sum, time) => sum + time, 0);
  const fuseBuildStart = performance.now();
  const fuse = plainFuse(terms);
  const fuseBuildMs = round(performance.now() - fuseBuildStart);
  const sample = sampleOf(values, scanSample);
  const scanTimes: number[] = [];
  const scanTop = new Map<string, string | undefined>();
  for (const value of sample) {
    const start = performance.now();
    const [top] = fuse.search(value.raw, { limit: 5 });
    scanTimes.push(performance.now() - start);
    scanTop.set(value.raw, top?.item.id);
  }
  const scanMean = scanTimes.reduce((sum, time) => sum + time, 0) / scanTimes.length;
  const scanTotal = scanMean * values.length;
  const result = {
    dictionaryTerms: terms.length,
    realTerms: real.length,
    distinctValues: values.length,
    engine: {
      indexBuildMs: buildMs,
      totalMs: round(engineTotal),
      p95Ms: round(percentile(times, 0.95)),
      recallAt1All: recallAt1(values, (raw) => engineTop.get(raw), aliasesOf),
      recallAt1Sample: recallAt1(sample, (raw) => engineTop.get(raw), aliasesOf),
    },
    plainFuse: {
      indexBuildMs: fuseBuildMs,
      sampled: sample.length,
      meanMs: round(scanMean),
      p95Ms: round(percentile(scanTimes, 0.95)),
      extrapolatedTotalMs: round(scanTotal),
      recallAt1Sample: recallAt1(sample, (raw) => scanTop.get(raw), aliasesOf),
    },
    speedup: round(scanTotal / engineTotal),
  };
  console.log(
    `\nSpeed — ${values.length} distinct raw values against ${terms.length} terms (${real.length} shipped + generated, seeded)`,
  );
  console.log(
    `Tessera engine: index ${buildMs} ms; all ${values.length} values ${result.engine.totalMs} ms, p95 ${result.engine.p95Ms} ms/value; recall@1 ${result.engine.recallAt1All} (sample ${result.engine.recallAt1Sample})`,
  );
  console.log(
    `plain Fuse.js:  timed on a seeded sample of ${sample.length} values and extrapolated: mean ${result.plainFuse.meanMs} ms, p95 ${result.plainFuse.p95Ms} ms/value, ~${Math.round(scanTotal)} ms for all ${values.length}; recall@1 ${result.plainFuse.recallAt1Sample} (sample)`,
  );
  console.log(`speed-up: ${Math.round(result.speedup)}× (engine total vs extrapolated scan total)`);
  return result;
}

export function runMatchBench(): Record<string, unknown> {
  return { quality: runQuality(), speed: runSpeed() };
}
