import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IngestError } from '../shared/ingest/errors';
import { detect, openStream } from '../shared/ingest/open';
import { summarize } from '../shared/ingest/summary';
import type { ImportMode } from '../shared/ingest/types';

export interface InspectedFile {
  file: string;
  format: string | null;
  encoding: string | null;
  rows: number;
  fields: string[];
  errors: { line: number | null; message: string }[];
}

const maxBytes = 1024 * 1024 * 1024;

/** Reads one file with the app's own detection and parsers; never throws for a bad file. */
export async function inspectFile(path: string, mode: ImportMode): Promise<InspectedFile> {
  const file = basename(path);
  const failed = (message: string, line: number | null = null): InspectedFile => ({
    file: path,
    format: null,
    encoding: null,
    rows: 0,
    fields: [],
    errors: [{ line, message }],
  });
  try {
    const { size } = await stat(path);
    if (size > maxBytes)
      return failed(
        `${file} is ${(size / 1024 ** 3).toFixed(1)} GB; Tessera reads files up to 1 GB.`,
      );
    const bytes = new Uint8Array(await readFile(path));
    const { settings } = await detect(file, bytes, mode);
    const summary = await summarize(openStream(file, bytes, settings));
    return {
      file: path,
      format: settings.format,
      encoding: settings.format === 'xlsx' ? null : settings.encoding,
      rows: summary.rows,
      fields: summary.fields,
      errors: summary.skipped.map(({ origin, reason }) => ({
        line: origin.line ?? origin.row ?? null,
        message: `${file}, line ${origin.line ?? origin.row ?? '?'}: ${reason}`,
      })),
    };
  } catch (error) {
    if (error instanceof IngestError) return failed(error.message, error.line);
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : error instanceof Error
            ? error.message
            : String(error);
    return failed(`${file}: ${reason}`);
  }
}

export function describeInspection(result: InspectedFile): string {
  if (result.format === null) return `✗ ${result.errors[0]?.message ?? result.file}`;
  const lines = [
    `✓ ${result.file}: ${result.format}${result.encoding ? `, ${result.encoding}` : ''}, ${result.rows} rows, ${result.fields.length} fields`,
    `  fields: ${result.fields.join(', ')}`,
  ];
  for (const error of result.errors) lines.push(`  skipped: ${error.message}`);
  return lines.join('\n');
}
