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

const fixtures = 'test/fixtures/records';

describe('tessera inspect --json', () => {
  it('reads every format with the app parsers and prints the documented shape', async () => {
    const { code, output } = await run(
      'inspect',
      '--json',
      `${fixtures}/mimic-iii-demo/ADMISSIONS.csv`,
      `${fixtures}/encodings/lab-utf16le.tsv`,
      `${fixtures}/hl7v2/LAB-ORU-1.hl7`,
      `${fixtures}/xlsx/lab-two-sheets.xlsx`,
    );
    expect(code).toBe(0);
    const { files } = JSON.parse(output) as {
      files: {
        file: string;
        format: string;
        encoding: string | null;
        rows: number;
        fields: string[];
        errors: unknown[];
      }[];
    };
    expect(
      files.map(({ format, encoding, rows, fields }) => [format, encoding, rows, fields.length]),
    ).toEqual([
      ['csv', 'utf-8', 129, 19],
      ['tsv', 'utf-16le', 4, 4],
      ['hl7v2', 'utf-8', 10, 44],
      ['xlsx', null, 6, 10],
    ]);
    expect(files[0]?.file).toBe(`${fixtures}/mimic-iii-demo/ADMISSIONS.csv`);
    expect(files.every((file) => file.errors.length === 0)).toBe(true);
  });

  it('exits 1 and names the file and line when any file fails', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-inspect-'));
    const broken = join(folder, 'broken.csv');
    writeFileSync(broken, 'a,b\n1,"open\n');
    const { code, output } = await run(
      'inspect',
      '--json',
      `${fixtures}/encodings/lab-gb18030.csv`,
      broken,
      join(folder, 'missing.csv'),
    );
    expect(code).toBe(1);
    const { files } = JSON.parse(output) as {
      files: {
        format: string | null;
        rows: number;
        errors: { line: number | null; message: string }[];
      }[];
    };
    expect(files[0]).toMatchObject({ format: 'csv', rows: 5, errors: [] });
    expect(files[1]?.errors).toEqual([
      {
        line: 2,
        message: 'broken.csv, line 2: a quoted field is never closed (unterminated quote)',
      },
    ]);
    expect(files[2]?.errors).toEqual([{ line: null, message: 'missing.csv: no such file' }]);
  });

  it('in lenient mode lists skipped lines and still succeeds', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-inspect-'));
    const ragged = join(folder, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n4,5\n');
    const { code, output } = await run('inspect', ragged, '--lenient');
    expect(code).toBe(0);
    expect(output).toContain('ragged.csv: csv, utf-8, 2 rows, 2 fields');
    expect(output).toContain('skipped: ragged.csv, line 3: has 1 fields but the header has 2');
  });

  it('explains itself when called without a command', async () => {
    expect((await run()).output).toContain('tessera inspect <file…> [--json]');
    expect((await run('frobnicate')).code).toBe(2);
  });
});
