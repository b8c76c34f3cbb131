import { IngestError } from './errors';
import { flattenJson } from './flatten';
import type { IngestItem, TextParseOptions } from './types';

/**
 * Reads a JSON array of objects: one 'record' per element, flattened to dotted paths (see
 * flatten.ts), with the line where the element starts.
 *
 * The array is walked element by element (each element is checked, then handed to JSON.parse),
 * so records come out as the text is read and a caller can batch, report progress and cancel
 * between them.
 *
 * - The top level must be an array; anything else is refused in both modes.
 * - An element that is not an object (a number, string, null, nested array) is an error in
 *   strict mode and a skip in lenient mode: the elements around it are still meaningful.
 * - A JSON syntax error throws in both modes, naming its line: after a syntax error the element
 *   boundaries that follow cannot be trusted.
 */
export function* parseJsonRecords(text: string, options: TextParseOptions): Generator<IngestItem> {
  const { fileName, mode } = options;
  const lines = new LineTracker(text);
  const fail = (offset: number, reason: string): IngestError =>
    new IngestError(fileName, lines.lineAt(offset), reason);
  const syntax = (problem: JsonProblem): IngestError =>
    fail(problem.offset, `is not valid JSON: ${problem.reason}`);

  let position = skipWhitespace(text, text.startsWith('\uFEFF') ? 1 : 0);
  if (position >= text.length) throw new IngestError(fileName, null, 'holds no JSON (it is blank)');
  if (text[position] !== '[') {
    const scanned = scanJsonValue(text, position);
    if ('reason' in scanned) throw syntax(scanned);
    const kind = describeJson(JSON.parse(text.slice(position, scanned.end)));
    throw fail(position, `the top level is ${kind}, not an array of records`);
  }

  position = skipWhitespace(text, position + 1);
  if (text[position] === ']') {
    checkEnd(text, position + 1, syntax);
    return;
  }
  for (let index = 0; ; index++) {
    const start = position;
    const scanned = scanJsonValue(text, start);
    if ('reason' in scanned) throw syntax(scanned);
    const value = parseChecked(text, start, scanned.end, syntax);
    const line = lines.lineAt(start);
    if (isJsonObject(value)) {
      yield { kind: 'record', record: flattenJson(value), origin: { line } };
    } else {
      const reason = `array element [${index}] is ${describeJson(value)}, not an object`;
      if (mode === 'strict') throw new IngestError(fileName, line, reason);
      yield { kind: 'skip', origin: { line }, reason };
    }
    position = skipWhitespace(text, scanned.end);
    if (text[position] === ',') {
      position = skipWhitespace(text, position + 1);
      continue;
    }
    if (text[position] === ']') {
      checkEnd(text, position + 1, syntax);
      return;
    }
    throw syntax(unexpected(text, position, "',' or ']' after an array element"));
  }
}

/**
 * Reads NDJSON (JSON Lines): one JSON object per non-blank line, one 'record' per line with that
 * line's number. A line that is not valid JSON, or not an object, is an error in strict mode and
 * a skip in lenient mode; the other lines do not depend on it.
 */
export function* parseNdjson(text: string, options: TextParseOptions): Generator<IngestItem> {
  const { fileName, mode } = options;
  let start = text.startsWith('\uFEFF') ? 1 : 0;
  let seenAny = false;
  for (let line = 1; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (content === '') continue;
    seenAny = true;
    let reason: string;
    try {
      const value: unknown = JSON.parse(content);
      if (isJsonObject(value)) {
        yield { kind: 'record', record: flattenJson(value), origin: { line } };
        continue;
      }
      reason = `holds ${describeJson(value)}, not a JSON object`;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      reason = `is not valid JSON: ${(locateJsonProblem(content) ?? { reason: error.message }).reason}`;
    }
    if (mode === 'strict') throw new IngestError(fileName, line, reason);
    yield { kind: 'skip', origin: { line }, reason };
  }
  if (!seenAny) throw new IngestError(fileName, null, 'holds no JSON lines (it is blank)');
}

/**
 * The 1-based line of a JSON.parse SyntaxError in `text`. Uses the place the engine reports —
 * newer V8 says "(line L column C)", older V8 says "at position N" — and, where the message has
 * neither (Node 20's "Unexpected token 'x', … is not valid JSON"), finds the place itself.
 * Null when no place can be found.
 */
export function jsonErrorLine(text: string, message: string): number | null {
  const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
  if (lineColumn?.[1] !== undefined) return Number(lineColumn[1]);
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return new LineTracker(text).lineAt(Number(position[1]));
  const problem = locateJsonProblem(text);
  return problem === null ? null : new LineTracker(text).lineAt(problem.offset);
}

/** Where and why `text` (one whole JSON document) is not valid JSON; null when it is valid. */
export function locateJsonProblem(text: string): JsonProblem | null {
  const start = skipWhitespace(text, text.startsWith('\uFEFF') ? 1 : 0);
  const scanned = scanJsonValue(text, start);
  if ('reason' in scanned) return scanned;
  const after = skipWhitespace(text, scanned.end);
  return after < text.length ? unexpected(text, after, 'the end of the JSON text') : null;
}

export interface JsonProblem {
  /** 0-based character offset of the problem. */
  offset: number;
  reason: string;
}

/** 'an object', 'a number', … for messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseChecked(
  text: string,
  start: number,
  end: number,
  syntax: (problem: JsonProblem) => IngestError,
): unknown {
  try {
    return JSON.parse(text.slice(start, end));
  } catch (error) {
    // The scanner accepts exactly JSON, so this is not expected; keep the engine's word if so.
    if (!(error instanceof SyntaxError)) throw error;
    throw syntax({ offset: start, reason: error.message });
  }
}

function checkEnd(text: string, from: number, syntax: (problem: JsonProblem) => IngestError) {
  const after = skipWhitespace(text, from);
  if (after < text.length) throw syntax(unexpected(text, after, 'nothing after the array'));
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return index;
    index++;
  }
}

function unexpected(text: string, offset: number, expected: string): JsonProblem {
  if (offset >= text.length) return { offset, reason: `the text ends where ${expected} should be` };
  const found = text.codePointAt(offset) ?? 0;
  return {
    offset,
    reason: `found ${JSON.stringify(String.fromCodePoint(found))} where ${expected} should be`,
  };
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literals = ['true', 'false', 'null'] as const;

/**
 * Checks one JSON value starting at `start` (no leading whitespace) and returns where it ends,
 * or the first problem in it. Iterative, so deeply nested input cannot overflow the stack.
 */
function scanJsonValue(text: string, start: number): { end: number } | JsonProblem {
  const open: ('}' | ']')[] = [];
  let position = start;
  for (;;) {
    // A value is expected at `position`.
    const char = text[position];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      position = skipWhitespace(text, position + 1);
      if (text[position] === close) {
        position++;
      } else {
        open.push(close);
        if (close === '}') {
          const key = scanKey(text, position);
          if ('reason' in key) return key;
          position = key.end;
        }
        continue;
      }
    } else if (char === '"') {
      const string = scanString(text, position);
      if ('reason' in string) return string;
      position = string.end;
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      numberPattern.lastIndex = position;
      if (!numberPattern.test(text)) return unexpected(text, position, 'a number');
      position = numberPattern.lastIndex;
    } else {
      const literal = literals.find((word) => text.startsWith(word, position));
      if (literal === undefined) return unexpected(text, position, 'a value');
      position += literal.length;
    }

    // A value has ended: close containers, or move on to the next member.
    for (;;) {
      const close = open.at(-1);
      if (close === undefined) return { end: position };
      position = skipWhitespace(text, position);
      const next = text[position];
      if (next === close) {
        open.pop();
        position++;
        continue;
      }
      if (next !== ',') {
        return unexpected(text, position, `',' or '${close}'`);
      }
      position = skipWhitespace(text, position + 1);
      if (close === '}') {
        const key = scanKey(text, position);
        if ('reason' in key) return key;
        position = key.end;
      }
      break;
    }
  }
}

/** A member name, the colon after it and the whitespace before its value. */
function scanKey(text: string, start: number): { end: number } | JsonProblem {
  if (text[start] !== '"') return unexpected(text, start, 'a quoted property name');
  const key = scanString(text, start);
  if ('reason' in key) return key;
  const colon = skipWhitespace(text, key.end);
  if (text[colon] !== ':') return unexpected(text, colon, "':' after a property name");
  return { end: skipWhitespace(text, colon + 1) };
}

function scanString(text: string, start: number): { end: number } | JsonProblem {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return { end: index + 1 };
    if (code < 0x20) {
      return { offset: index, reason: 'a string holds a raw control character (a line break?)' };
    }
    if (code === 0x5c) {
      const escape = text[index + 1];
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
          return { offset: index, reason: 'a \\u escape needs four hex digits' };
        }
        index += 5;
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
        index++;
      } else {
        return { offset: index, reason: 'a string holds an unknown escape' };
      }
    }
  }
  return { offset: start, reason: 'a string is never closed (unterminated string)' };
}

/** Line numbers of increasing offsets in one pass over the text (restarts if asked backwards). */
class LineTracker {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(target: number): number {
    if (target < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (;;) {
      const next = this.text.indexOf('\n', this.offset);
      if (next === -1 || next >= target) break;
      this.line++;
      this.offset = next + 1;
    }
    this.offset = Math.max(this.offset, Math.min(target, this.text.length));
    return this.line;
  }
}
