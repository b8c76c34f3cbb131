/**
 * The `tessera` command: the app's own parsers and engines for pipelines, without a window.
 */
import { parseArgs } from 'node:util';
import { exportUsage, runExport } from './export';
import { describeInspection, inspectFile } from './inspect';
import { ocrUsage, runOcr } from './ocr';
import { runSuggest } from './suggest';

const usage = `Usage:
  tessera inspect <file…> [--json] [--lenient]
      Reads each file the way the app imports it and reports format, encoding, rows and fields.
      Exits 1 when any file cannot be read.
  tessera suggest [--dictionary file.json] [--top 5] [--json] <raw…>
  tessera suggest … --from file [--column name] [--unit-column name] [--specimen-column name]
                    [--value-column name]
      Suggests dictionary terms for raw names, with a score and a reason each. With --from, for
      the distinct values of --column (most frequent first, with counts), or without --column
      for the file's column names. --dictionary takes a StarterDictionary JSON file or an array
      of them (default: the shipped starter dictionaries).
${exportUsage}
${ocrUsage}`;

export async function main(
  argv: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'suggest') return runSuggest(rest, write, usage);
  if (command === 'ocr') return runOcr(rest, write, usage);
  if (command === 'export') return runExport(rest, write, usage);
  if (command !== 'inspect') {
    write(`${usage}\n`);
    return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      lenient: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) {
    write(`${usage}\n`);
    return 2;
  }
  const results = [];
  for (const path of positionals)
    results.push(await inspectFile(path, values.lenient ? 'lenient' : 'strict'));
  if (values.json) write(`${JSON.stringify({ files: results }, null, 2)}\n`);
  else write(`${results.map(describeInspection).join('\n')}\n`);
  return results.some((result) => result.format === null) ? 1 : 0;
}
