import type { z } from 'zod';
import { IngestError } from '../../ingest/errors';
import { jsonErrorLine } from '../../ingest/json';

/** One step of a path into a JSON document: an object key or an array index. */
export type JsonPathSegment = string | number;

/** `$.terms[3].learned[0].addedBy`: the JSONPath a person can follow into the file. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${text}.${key}` : `${text}[${JSON.stringify(key)}]`;
  }, '$');
}

/** Parses a whole JSON document; a syntax error becomes an IngestError naming its line. */
export function parseJsonDocument(text: string, fileName: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new IngestError(fileName, null, 'holds no JSON (it is blank)');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new IngestError(
      fileName,
      jsonErrorLine(body, error.message),
      `is not valid JSON: ${error.message}`,
    );
  }
}

/**
 * Validates a parsed document against a schema. The first problem becomes an IngestError naming
 * its JSON path and, where the value can be found in the text, its line; a count of the others
 * follows, so a person fixes the first and tries again.
 */
export function validateJson<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  text: string,
  fileName: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw issueError(result.error, text, fileName);
}

/** The IngestError of a failed validation: path, line and reason of its first issue. */
export function issueError(error: z.ZodError, text: string, fileName: string): IngestError {
  const [first, ...others] = error.issues;
  if (!first) return new IngestError(fileName, null, 'does not have the expected shape');
  const path = first.path.filter(
    (segment): segment is JsonPathSegment =>
      typeof segment === 'string' || typeof segment === 'number',
  );
  const more =
    others.length === 0 ? '' : ` (and ${others.length} more ${plural(others.length, 'problem')})`;
  return new IngestError(
    fileName,
    lineOfNearestJsonPath(text, path),
    `${formatJsonPath(path)}: ${first.message}${more}`,
  );
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** The line of the value at `path`, or of its nearest ancestor found in the text (a missing key). */
export function lineOfNearestJsonPath(
  text: string,
  path: readonly JsonPathSegment[],
): number | null {
  for (let length = path.length; length >= 0; length--) {
    const offset = offsetOfJsonPath(text, path.slice(0, length));
    if (offset !== null) return lineAt(text, offset);
  }
  return null;
}

/**
 * The offset where the value at `path` starts in `text`, which must be valid JSON; null when
 * the path is not in the document. With repeated keys the first one is taken.
 */
export function offsetOfJsonPath(text: string, path: readonly JsonPathSegment[]): number | null {
  let position = skipWhitespace(text, text.startsWith('\uFEFF') ? 1 : 0);
  for (const segment of path) {
    const char = text[position];
    if (char === '{' && typeof segment === 'string') {
      position = skipWhitespace(text, position + 1);
      let found = false;
      while (text[position] === '"') {
        const keyEnd = stringEnd(text, position);
        const key = JSON.parse(text.slice(position, keyEnd)) as string;
        position = skipWhitespace(text, keyEnd);
        if (text[position] !== ':') return null;
        position = skipWhitespace(text, position + 1);
        if (key === segment) {
          found = true;
          break;
        }
        position = skipWhitespace(text, valueEnd(text, position));
        if (text[position] !== ',') break;
        position = skipWhitespace(text, position + 1);
      }
      if (!found) return null;
    } else if (char === '[' && typeof segment === 'number') {
      position = skipWhitespace(text, position + 1);
      for (let index = 0; index < segment; index++) {
        if (text[position] === ']') return null;
        position = skipWhitespace(text, valueEnd(text, position));
        if (text[position] !== ',') return null;
        position = skipWhitespace(text, position + 1);
      }
      if (text[position] === ']' || position >= text.length) return null;
    } else {
      return null;
    }
  }
  return position;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
    line++;
    index = text.indexOf('\n', index + 1);
  }
  return line;
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && ' \t\r\n'.includes(text[index] ?? '')) index++;
  return index;
}

/** The offset just after the string that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index++;
  }
  return text.length;
}

/** The offset just after the (valid) JSON value that starts at `start`. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    let index = start;
    while (index < text.length) {
      const char = text[index];
      if (char === '"') {
        index = stringEnd(text, index);
        continue;
      }
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        depth--;
        if (depth === 0) return index + 1;
      }
      index++;
    }
    return text.length;
  }
  let index = start;
  while (index < text.length && !',}] \t\r\n'.includes(text[index] ?? '')) index++;
  return index;
}
