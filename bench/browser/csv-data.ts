/**
 * Deterministic (seeded) CSV of lab-result-like records for the import benchmark: 20 mixed
 * columns — ids, dates, date-times, integers, decimals, short codes, yes/no, names and free
 * text, some of it quoted with commas or doubled quotes, some of it Chinese. About 200 bytes a
 * row. Written in chunks, so a million rows never sit in memory at once.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const columns = [
  'record_id',
  'patient_id',
  'visit_date',
  'admit_time',
  'age',
  'sex',
  'ward',
  'dept',
  'icd10',
  'loinc',
  'result',
  'unit',
  'ref_low',
  'ref_high',
  'flag',
  'weight_kg',
  'consented',
  'physician',
  'note',
  'updated_at',
] as const;

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wards = ['W01', 'W02', 'W07', 'W12', 'ICU', 'CCU', 'ER', 'NICU', 'W21', 'W33'];
const depts = ['CARD', 'NEUR', 'ONC', 'PED', 'GEN', 'ORTH', 'NEPH', 'ENDO'];
const icd = ['I21.4', 'E11.9', 'J18.9', 'N18.3', 'C34.1', 'I10', 'K35.8', 'A41.9', 'R50.9'];
const labs = [
  ['2345-7', 'mg/dL', 70, 110],
  ['2160-0', 'mg/dL', 0.6, 1.3],
  ['718-7', 'g/dL', 12, 17.5],
  ['2823-3', 'mmol/L', 3.5, 5.1],
  ['2951-2', 'mmol/L', 135, 145],
  ['1742-6', 'U/L', 7, 56],
  ['4548-4', '%', 4, 5.6],
  ['6690-2', '10*3/uL', 4.5, 11],
] as const;
const families = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Smith', 'García', 'Nguyen', 'Okafor'];
const givens = ['Wei', 'Fang', 'Min', 'Jun', 'Anna', 'Omar', 'Lucía', 'Tran', 'Ada'];
const plainNotes = [
  'routine follow-up in outpatient clinic',
  'repeat sample requested by attending',
  'hemolyzed sample; redraw scheduled',
  'fasting morning draw',
  'post-op day 2 monitoring',
  'no comment',
  '',
];
const quotedNotes = [
  'stable, no change since last visit',
  'called ward, result confirmed by phone',
  'patient reports "mild" pain, resolved by evening',
  'see prior results, compare trend',
];
const chineseNotes = [
  '复查，结果稳定，继续观察',
  '空腹血糖偏高，建议复查',
  '术后第二天，生命体征平稳',
  '标本溶血，需重新采集',
  '已通知主治医师，等待回复',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** One CSV row (no line ending) for record `index`, drawing from `next`. */
function row(index: number, next: () => number): string {
  const day = Math.floor(next() * 3650);
  const date = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000);
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:${pad(Math.floor(next() * 60))}`;
  const [loinc, unit, low, high] = pick(next, labs);
  const span = high - low;
  const value = low - span * 0.3 + next() * span * 1.6;
  const flag = value > high ? 'H' : value < low ? 'L' : next() < 0.5 ? 'N' : '';
  const noteKind = next();
  const note =
    noteKind < 0.15
      ? quote(pick(next, quotedNotes))
      : noteKind < 0.3
        ? pick(next, chineseNotes)
        : pick(next, plainNotes);
  return [
    String(1_000_001 + index),
    `MRN-${pad(Math.floor(next() * 10_000_000), 7)}`,
    ymd,
    `${ymd} ${time}`,
    String(Math.floor(next() * 100)),
    next() < 0.5 ? 'M' : 'F',
    pick(next, wards),
    pick(next, depts),
    pick(next, icd),
    loinc,
    value.toFixed(3),
    unit,
    String(low),
    String(high),
    flag,
    (40 + next() * 80).toFixed(1),
    next() < 0.9 ? 'yes' : 'no',
    `Dr. ${pick(next, families)} ${pick(next, givens)}`,
    note,
    `${ymd}T${time}.${pad(Math.floor(next() * 1000), 3)}+08:00`,
  ].join(',');
}

/** The values of row `index` of a file written with `seed`, as a parser should return them. */
export function expectedRow(seed: number, index: number): string[] {
  // Rows draw a variable number of values, so replay the generator up to the row.
  const next = random(seed);
  let line = '';
  for (let current = 0; current <= index; current++) line = row(current, next);
  const values: string[] = [];
  for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const raw = match[1] ?? '';
    values.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] === '') break;
  }
  return values;
}

/** Writes `rows` records plus a header to `path`; resolves with the byte size. */
export async function writeCsv(path: string, rows: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  const next = random(seed);
  let bytes = 0;
  let chunk = columns.join(',') + '\n';
  for (let index = 0; index < rows; index++) {
    chunk += row(index, next) + '\n';
    if (chunk.length > 1 << 20 || index === rows - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
