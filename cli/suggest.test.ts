import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

async function run(...argv: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(argv, (text) => (output += text));
  return { code, output };
}

interface Printed {
  results: {
    raw: string;
    count?: number;
    suggestions: { code: string; system: string; name: string; score: number; reason: string }[];
  }[];
}

const records = 'test/fixtures/records';

describe('tessera suggest', () => {
  it('prints the documented JSON shape for raw names', async () => {
    const { code, output } = await run('suggest', '--json', '--top', '2', 'HGB', 'hemoglobn');
    expect(code).toBe(0);
    const printed = JSON.parse(output) as Printed;
    expect(printed.results.map((result) => result.raw)).toEqual(['HGB', 'hemoglobn']);
    expect(printed.results[0]?.suggestions[0]).toEqual({
      code: '718-7',
      system: 'LOINC',
      name: 'Hemoglobin',
      score: 1,
      reason: 'exact abbreviation "HGB" of Hemoglobin',
    });
    for (const result of printed.results) {
      expect(result.suggestions.length).toBeLessThanOrEqual(2);
      expect(Object.keys(result)).toEqual(['raw', 'suggestions']);
    }
    expect(printed.results[1]?.suggestions[0]).toMatchObject({ code: '718-7', score: 0.898 });
  });

  it('suggests for the distinct values of a column, most frequent first, with counts', async () => {
    const { code, output } = await run(
      'suggest',
      '--json',
      '--top',
      '1',
      '--from',
      `${records}/encodings/lab-gb18030.csv`,
      '--column',
      '检验项目',
      '--unit-column',
      '单位',
      '--value-column',
      '结果',
    );
    expect(code).toBe(0);
    const { results } = JSON.parse(output) as Printed;
    expect(results[0]).toEqual({
      raw: '血红蛋白',
      count: 2,
      suggestions: [
        {
          code: '718-7',
          system: 'LOINC',
          name: 'Hemoglobin',
          score: 1,
          reason: 'exact name "血红蛋白" of Hemoglobin; unit g/L fits',
        },
      ],
    });
    expect(results.map((result) => [result.raw, result.suggestions[0]?.code])).toEqual([
      ['血红蛋白', '718-7'],
      ['白细胞计数', '6690-2'],
      ['谷丙转氨酶, ALT', '1742-6'],
      ['葡萄糖', '2345-7'],
    ]);
  });

  it('reads HL7 v2 coded names and, without --column, a file’s column names', async () => {
    const hl7 = await run(
      'suggest',
      '--json',
      '--from',
      `${records}/hl7v2/LAB-ORU-1.hl7`,
      '--column',
      'OBX-3',
    );
    const coded = (JSON.parse(hl7.output) as Printed).results;
    const hematocrit = coded.find((result) => result.raw === '20570-8^HEMATOCRIT^LN');
    expect(hematocrit?.suggestions[0]?.code).toBe('4544-3');
    const headers = await run(
      'suggest',
      '--json',
      '--from',
      `${records}/mimic-iii-demo/ADMISSIONS.csv`,
    );
    const byName = new Map(
      (JSON.parse(headers.output) as Printed).results.map((result) => [result.raw, result]),
    );
    expect(byName.get('DIAGNOSIS')?.suggestions[0]).toMatchObject({ code: '29308-4', score: 1 });
    expect(byName.get('ADMITTIME')?.suggestions[0]?.name).toBe('Admission date/time');
    expect(byName.get('SUBJECT_ID')?.suggestions).toEqual([]);
  });

  it('takes a dictionary file of one dictionary or an array of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-suggest-'));
    const dictionary = {
      id: 'plant',
      domain: 'manufacturing',
      nameEn: 'Plant',
      terms: [
        { id: 'p.torque', code: 'TQ-1', nameEn: 'Spindle torque', abbreviations: ['TRQ'] },
        { id: 'p.speed', code: 'SP-1', nameEn: 'Spindle speed', units: ['rpm'] },
      ],
    };
    const single = join(folder, 'one.json');
    const many = join(folder, 'many.json');
    writeFileSync(single, JSON.stringify(dictionary));
    writeFileSync(many, JSON.stringify([dictionary, { ...dictionary, id: 'other', terms: [] }]));
    for (const file of [single, many]) {
      const { code, output } = await run('suggest', '--json', '--dictionary', file, 'trq', 'Hb');
      expect(code).toBe(0);
      const { results } = JSON.parse(output) as Printed;
      expect(results[0]?.suggestions[0]).toMatchObject({ code: 'TQ-1', system: 'local' });
      expect(results[1]?.suggestions).toEqual([]);
    }
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, JSON.stringify({ id: 'x', terms: [{ id: 'y' }] }));
    const refused = await run('suggest', '--dictionary', broken, 'Hb');
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('not a StarterDictionary');
  });

  it('prints readable text, and says what is wrong with the arguments', async () => {
    const text = await run('suggest', '--top', '1', 'Potassium, Urine');
    expect(text.code).toBe(0);
    expect(text.output).toMatch(
      /^Potassium, Urine\n {2}1\. 0\.\d\d {2}2828-2 \(LOINC\) {2}Urine potassium\n {5}name "Urine potassium"/,
    );
    expect((await run('suggest')).code).toBe(2);
    expect((await run('suggest', '--top', 'x', 'Hb')).code).toBe(2);
    const missing = await run(
      'suggest',
      '--from',
      `${records}/encodings/lab-gb18030.csv`,
      '--column',
      'Test',
    );
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('has no column "Test". Columns: 患者编号, 姓名');
    const absent = await run(
      'suggest',
      '--from',
      join(tmpdir(), 'no-such-file.csv'),
      '--column',
      'x',
    );
    expect(absent.code).toBe(1);
    expect(absent.output).toContain('no such file');
  });
});
