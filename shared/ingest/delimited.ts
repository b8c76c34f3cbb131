import Papa from 'papaparse';
import { IngestError } from './errors';
import type { DelimitedText, IngestItem, LineBreak, TextParseOptions } from './types';

export interface DelimitedOptions extends TextParseOptions {
  delimiter: string;
}

export const delimiters = [',', '\t', ';', '|'] as const;

/** Rows handed over per pause, so the caller can write, report progress and cancel between. */
const rowsPerPause = 2000;

/** The most likely delimiter of a CSV/TSV text, from its first lines; ',' when nothing splits. */
export function detectDelimiter(text: string, fileName = ''): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  const sample = text.slice(0, 64 * 1024);
  const guess = Papa.parse<string[]>(sample, {
    preview: 50,
    skipEmptyLines: true,
    delimitersToGuess: [...delimiters],
  });
  return guess.errors.some((error) => error.code === 'UndetectableDelimiter')
    ? ','
    : guess.meta.delimiter;
}

/**
 * Reads delimited text with a header row, yielding the fields and then each row with the line it
 * starts on. Quoted fields may span lines. Strict: the first malformed row throws, naming file,
 * line and reason. Lenient: such a row is skipped with its reason and reading goes on.
 */
export function* parseDelimited(text: string, options: DelimitedOptions): Generator<IngestItem> {
  const { fileName, mode, delimiter } = options;
  const lines = new LineCounter(text);
  const queue: IngestItem[] = [];
  let header: { fields: string[]; source: DelimitedText } | null = null;
  let handle: Papa.Parser | null = null;
  let isDone = false;
  // Papa parses the text that remains after each pause, so its cursors restart at each resume.
  let base = 0;
  let rowStart = 0;
  let lastCursor = 0;
  let pending = 0;

  const config: Papa.ParseConfig<string[]> = {
    delimiter,
    skipEmptyLines: 'greedy',
    step(result, parser) {
      handle = parser;
      const start = rowStart;
      const line = lines.lineAt(firstNonBlank(text, start));
      lastCursor = result.meta.cursor;
      rowStart = base + lastCursor;
      const error = result.errors[0];
      if (error) {
        const reason = describePapaError(error);
        if (mode === 'strict') throw new IngestError(fileName, line, reason);
        queue.push({ kind: 'skip', origin: { line }, reason });
      } else if (header === null) {
        // The line break is what Papa guessed, once, from the start of the text.
        const { delimiter: used, linebreak } = result.meta;
        header = {
          fields: checkHeader(fileName, result.data),
          source: { text, delimiter: used, newline: asLineBreak(linebreak) },
        };
        queue.push({ kind: 'fields', fields: header.fields });
      } else if (result.data.length !== header.fields.length) {
        const reason = `has ${result.data.length} fields but the header has ${header.fields.length}`;
        if (mode === 'strict') throw new IngestError(fileName, line, reason);
        queue.push({ kind: 'skip', origin: { line }, reason });
      } else {
        const raw = { source: header.source, start, end: rowStart };
        queue.push({ kind: 'row', values: result.data, origin: { line }, raw });
      }
      if (++pending >= rowsPerPause) {
        pending = 0;
        parser.pause();
      }
    },
    complete() {
      isDone = true;
    },
  };

  Papa.parse(text, config);
  for (;;) {
    yield* queue.splice(0);
    if (isDone || handle === null) break;
    base += lastCursor;
    lastCursor = 0;
    (handle as Papa.Parser).resume();
  }
  if (header === null) throw new IngestError(fileName, null, 'has no header row');
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

/** Papa only ever splits on these three; the type just does not say so. */
function asLineBreak(value: string): LineBreak {
  if (value === '\n' || value === '\r\n' || value === '\r') return value;
  throw new Error(`Papa Parse reported an unknown line break ${JSON.stringify(value)}.`);
}

function describePapaError(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed (unterminated quote)';
    case 'InvalidQuotes':
      return 'a quote appears inside an unquoted field';
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
