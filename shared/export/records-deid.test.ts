import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateOffset } from '../deid/deidentify';
import type { ExportableRecord } from './records';
import { deidentifyRecords } from './records-deid';

const folder = 'test/fixtures/deid';
const planted = JSON.parse(readFileSync(`${folder}/planted.json`, 'utf8')) as {
  userNames: string[];
  identifiers: { value: string }[];
};

/** The records the planted pairs cite, as an export of normalized records reads them. */
const records: ExportableRecord[] = [
  ...new Map(
    readFileSync(`${folder}/pairs.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .flatMap(
        (line) => (JSON.parse(line) as { evidence: { fields: Record<string, string> }[] }).evidence,
      )
      .map((evidence) => [JSON.stringify(evidence.fields), evidence.fields] as const),
  ).values(),
].map((fields, index) => ({
  source: 'planted.csv',
  line: index + 2,
  fields: Object.entries(fields).map(([raw, rawValue]) => ({
    raw,
    rawValue,
    name: raw,
    value: rawValue,
  })),
}));

const valuesOf = (list: readonly ExportableRecord[]) =>
  list.flatMap((record) => record.fields.flatMap((field) => [field.value, field.rawValue]));

describe('de-identification of normalized records', () => {
  const seed = 7;
  const { records: cleaned, counts } = deidentifyRecords(records, { seed });

  it('leaves no identifier the records hold, and counts what it replaced', () => {
    expect(records.length).toBeGreaterThanOrEqual(4);
    const after = valuesOf(cleaned).join('\n');
    for (const { value } of planted.identifiers)
      if (valuesOf(records).some((text) => text.includes(value)))
        expect(after, value).not.toContain(value);
    expect(counts.NAME).toBeGreaterThanOrEqual(3);
    expect(counts.ID).toBe(1);
    expect(counts.PHONE).toBeGreaterThanOrEqual(3);
  });

  it('leaves clinical values, codes and field names as they were', () => {
    const value = (list: readonly ExportableRecord[], raw: string) =>
      list.flatMap((record) => record.fields).find((field) => field.raw === raw)?.value;
    for (const raw of ['血红蛋白', 'GLUCOSE', 'WBC', '血压', '科室'])
      expect(value(cleaned, raw), raw).toBe(value(records, raw));
    expect(cleaned.map((record) => record.fields.map((field) => field.name))).toEqual(
      records.map((record) => record.fields.map((field) => field.name)),
    );
  });

  it("shifts a patient's dates by that patient's offset, the one the pairs use", () => {
    const admitted = cleaned
      .flatMap((record) => record.fields)
      .find((field) => field.raw === 'ADMITTIME');
    const offset = dateOffset(seed, 'patient:10006', 365);
    const shifted = new Date(Date.UTC(2023, 3, 5) + offset * 86_400_000).toISOString().slice(0, 10);
    expect(admitted?.value.startsWith(shifted)).toBe(true);
  });

  it('gives the same output for the same records and seed', () => {
    expect(deidentifyRecords(records, { seed }).records).toEqual(cleaned);
  });
});
