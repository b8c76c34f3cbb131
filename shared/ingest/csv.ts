import Papa from 'papaparse';
import { IngestError } from './errors';

export interface ParsedRow {
  /** 1-based line where the row starts; the header is line 1. */
  line: number;
  values: string[];
}

export interface CsvTable {
  fields: string[];
  rows: ParsedRow[];
}

/**
 * Parses CSV text with a header row. Strict: the first malformed line stops the parse with the
 * file, line and reason. Quoted fields may span lines; `line` is where the row starts.
 */
export function parseCsv(fileName: string, text: string): CsvTable {
  const lineStarts = new LineCounter(text);
  let fields: string[] | null = null;
  const rows: ParsedRow[] = [];
  let rowStart = 0;
  // Assigned inside Papa's callback, which TypeScript cannot see into.
  const outcome: { failure: IngestError | null } = { failure: null };

  Papa.parse<string[]>(text, {
    header: false,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    step(result, parser) {
      const line = lineStarts.lineAt(firstNonBlank(text, rowStart));
      rowStart = result.meta.cursor;
      const error = result.errors[0];
      if (error) {
        outcome.failure = new IngestError(fileName, line, describePapaError(error));
        parser.abort();
        return;
      }
      const values = result.data;
      if (fields === null) {
        fields = checkHeader(fileName, values);
        return;
      }
      if (values.length !== fields.length) {
        outcome.failure = new IngestError(
          fileName,
          line,
          `has ${values.length} fields but the header has ${fields.length}`,
        );
        parser.abort();
        return;
      }
      rows.push({ line, values });
    },
  });

  if (outcome.failure) throw outcome.failure;
  if (fields === null) throw new IngestError(fileName, null, 'has no header row');
  return { fields, rows };
}

function checkHeader(fileName: string, values: string[]): string[] {
  const fields = values.map((value) => value.trim());
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (field === '') throw new IngestError(fileName, 1, `column ${index + 1} has no name`);
    if (seen.has(field)) throw new IngestError(fileName, 1, `column name "${field}" appears twice`);
    seen.add(field);
  });
  return fields;
}

function describePapaError(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed (unterminated quote)';
    case 'InvalidQuotes':
      return 'a quote appears inside an unquoted field';
    case 'UndetectableDelimiter':
      return 'no delimiter could be found';
    default:
      return error.message;
  }
}

function firstNonBlank(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text[index] === '\n' || text[index] === '\r')) index++;
  return index;
}

/** Line numbers of increasing offsets in one pass over the text. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(target: number): number {
    while (this.offset < target) {
      const next = this.text.indexOf('\n', this.offset);
      if (next === -1 || next >= target) {
        this.offset = target;
        break;
      }
      this.line++;
      this.offset = next + 1;
    }
    return this.line;
  }
}
