import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExportablePair } from '../export/exportable';
import { pairsFromTables } from '../export/from-bundle';
import { Deidentifier, dateOffset } from './deidentify';
import type { IdentifierType } from './types';

const folder = 'test/fixtures/deid';
const readLines = (name: string): unknown[] =>
  readFileSync(`${folder}/${name}`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const planted = JSON.parse(readFileSync(`${folder}/planted.json`, 'utf8')) as {
  userNames: string[];
  identifiers: { type: IdentifierType; value: string }[];
  clinical: string[];
};
const pairs = pairsFromTables({
  qaPairs: readLines('pairs.jsonl'),
  reviews: readLines('reviews.jsonl'),
});
const seed = 7;

function textsOf(pair: ExportablePair): string[] {
  return [
    pair.question,
    pair.answer,
    ...pair.evidence.flatMap((item) => Object.values(item.fields)),
  ];
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1))
    found.push(at);
  return found;
}

describe('de-identification of the planted fixture', () => {
  const deidentifier = Deidentifier.forPairs(pairs, { names: planted.userNames, seed });
  const cleaned = pairs.map((pair) => deidentifier.pair(pair));
  const before = pairs.flatMap(textsOf);
  const after = cleaned.flatMap(textsOf);

  it('finds every planted identifier, as its type, wherever the question or answer has it', () => {
    expect(pairs).toHaveLength(13);
    let checked = 0;
    for (const pair of pairs)
      for (const text of [pair.question, pair.answer]) {
        const { spans } = deidentifier.preview(text, pair.groupKeys[0] ?? '');
        for (const { type, value } of planted.identifiers)
          for (const at of occurrences(text, value)) {
            checked++;
            const covering = spans.find(
              (span) => span.start <= at && at + value.length <= span.end,
            );
            expect(covering?.type, `${value} in "${text}"`).toBe(type);
          }
      }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('leaves no planted identifier anywhere in the output, evidence fields included', () => {
    for (const { value } of planted.identifiers) {
      expect(
        before.some((text) => text.includes(value)),
        `${value} is planted`,
      ).toBe(true);
      expect(
        after.filter((text) => text.includes(value)),
        value,
      ).toEqual([]);
    }
  });

  it('changes no clinical value, code or unrelated number', () => {
    for (const value of planted.clinical) {
      const count = (texts: string[]) =>
        texts.reduce((sum, text) => sum + occurrences(text, value).length, 0);
      expect(count(before), `${value} is in the fixture`).toBeGreaterThan(0);
      expect(count(after), value).toBe(count(before));
    }
  });

  it('shifts every date of one patient by the same number of days, keeping its form', () => {
    const shifted = (iso: string, key: string) => {
      const date = new Date(
        Date.parse(`${iso}T00:00:00Z`) + dateOffset(seed, key, 365) * 86_400_000,
      );
      return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    };
    const pad = (value: number) => String(value).padStart(2, '0');
    const byId = new Map(cleaned.map((pair) => [pair.id, pair]));

    const zhang = (iso: string) => shifted(iso, 'patient:P001');
    const admitted = zhang('2023-04-05');
    const discharged = zhang('2023-04-12');
    expect(byId.get('qa-01')?.question).toContain(
      `${admitted.year}-${pad(admitted.month)}-${pad(admitted.day)}入院`,
    );
    expect(byId.get('qa-03')?.answer).toContain(
      `${discharged.year}年${discharged.month}月${discharged.day}日出院`,
    );

    const smith = shifted('2023-04-05', 'patient:10006');
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];
    const monthsLate = ['September', 'October', 'November', 'December'];
    const monthName = [...months, ...monthsLate][smith.month - 1] ?? '';
    expect(byId.get('qa-04')?.question).toContain(
      `${pad(smith.month)}/${pad(smith.day)}/${smith.year}`,
    );
    expect(byId.get('qa-04')?.answer).toContain(`${monthName} ${smith.day}, ${smith.year}`);
    expect(byId.get('qa-04')?.evidence[0]?.fields['ADMITTIME']).toBe(
      `${smith.year}-${pad(smith.month)}-${pad(smith.day)} 14:30:00`,
    );
    expect(dateOffset(seed, 'patient:P001', 365)).not.toBe(0);
  });

  it('counts what it replaced, per type', () => {
    // Counted by hand from the fixture: identifier fields are replaced once per citing pair
    // (the patients are cited by 3, 3, 2 and 2 pairs), plus every occurrence in the text.
    expect(deidentifier.counts()).toEqual({
      NAME: 24,
      PHONE: 14,
      EMAIL: 5,
      ID: 5,
      MRN: 17,
      ADDRESS: 11,
      DATE: 10,
    });
  });

  it('gives one person one pseudonym everywhere, and different people different ones', () => {
    const pseudonymizer = Deidentifier.forPairs(pairs, {
      names: planted.userNames,
      seed,
      mode: 'pseudonym',
    });
    const out = new Map(pairs.map((pair) => [pair.id, pseudonymizer.pair(pair)]));
    const nameIn = (id: string, pattern: RegExp) => pattern.exec(out.get(id)?.question ?? '')?.[1];
    const zhang = nameIn('qa-02', /^患者(\p{Script=Han}{2,3})的/u);
    expect(zhang).toBeDefined();
    expect(out.get('qa-02')?.evidence[0]?.fields['姓名']).not.toBe('张伟');
    expect(out.get('qa-01')?.answer.startsWith(zhang ?? '?')).toBe(true);
    expect(out.get('qa-03')?.question.startsWith(zhang ?? '?')).toBe(true);
    const li = nameIn('qa-08', /^(\p{Script=Han}{2,3})的身份证号/u);
    expect(li).toBeDefined();
    expect(li).not.toBe(zhang);
    const phone = /\[PHONE-[0-9a-f]{8}\]/.exec(out.get('qa-02')?.answer ?? '')?.[0];
    expect(phone).toBeDefined();
    expect(out.get('qa-02')?.evidence[0]?.fields['联系电话']).toBe(phone);
    for (const { value } of planted.identifiers)
      for (const pair of out.values())
        expect(
          textsOf(pair).some((text) => text.includes(value)),
          value,
        ).toBe(false);
  });
});
