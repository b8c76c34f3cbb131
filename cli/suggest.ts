/**
 * `tessera suggest`: the app's matching engine from the command line — for raw names given as
 * arguments, for the distinct values of one column of a file (long-format lab exports, where the
 * test name is a value), or for a file's column names.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { StarterDictionary, Term } from '../shared/model/terminology';
import { IngestError } from '../shared/ingest/errors';
import { detect, openStream } from '../shared/ingest/open';
import { starterDictionaries } from '../shared/terminology/starter';
import {
  buildSuggestionIndex,
  suggest,
  type SuggestionContext,
} from '../shared/terminology/suggest';

export interface SuggestOptions {
  dictionary?: string;
  top: number;
  from?: string;
  column?: string;
  unitColumn?: string;
  specimenColumn?: string;
  valueColumn?: string;
}

export interface SuggestedTerm {
  code: string;
  system: string;
  name: string;
  score: number;
  reason: string;
}

export interface SuggestResult {
  raw: string;
  /** How often the value occurs in the file; absent for names given as arguments. */
  count?: number;
  suggestions: SuggestedTerm[];
}

/** A failure to report to the person, with the exit code it deserves. */
export class SuggestError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const termSchema = z.object({
  id: z.string().min(1),
  domain: z
    .enum(['clinical-lab', 'clinical-record', 'finance', 'manufacturing', 'retail'])
    .optional(),
  system: z.enum(['LOINC', 'SNOMED CT', 'ICD-10', 'local']).default('local'),
  code: z.string().min(1),
  nameEn: z.string().min(1),
  nameZh: z.string().default(''),
  abbreviations: z.array(z.string()).default([]),
  synonyms: z.array(z.string()).default([]),
  units: z.array(z.string()).default([]),
  property: z.string().optional(),
  specimen: z.string().optional(),
  category: z.string().default(''),
});

const dictionarySchema = z.object({
  id: z.string().min(1),
  domain: z.enum(['clinical-lab', 'clinical-record', 'finance', 'manufacturing', 'retail']),
  nameEn: z.string().default(''),
  nameZh: z.string().default(''),
  sourceNote: z.string().default(''),
  terms: z.array(termSchema),
});

const dictionaryFileSchema = z.union([dictionarySchema, z.array(dictionarySchema)]);

function toTerms(dictionaries: readonly StarterDictionary[]): Term[] {
  return dictionaries.flatMap((dictionary) =>
    dictionary.terms.map((term) => ({
      ...term,
      dictionaryId: dictionary.id,
      status: 'active' as const,
      learned: [],
      updatedAt: '',
    })),
  );
}

/** The shipped starter dictionaries, or a JSON file of one StarterDictionary or an array. */
export async function loadDictionary(path?: string): Promise<Term[]> {
  if (path === undefined) return toTerms(starterDictionaries);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SuggestError(`${path}: ${describeFileError(error)}`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SuggestError(`${path}: not JSON (${(error as Error).message})`, 2);
  }
  const parsed = dictionaryFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SuggestError(
      `${path}: not a StarterDictionary or an array of them (${issue?.path.join('.') || 'top'}: ${issue?.message ?? 'invalid'})`,
      2,
    );
  }
  const dictionaries = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return toTerms(
    dictionaries.map((dictionary) => ({
      ...dictionary,
      terms: dictionary.terms.map((term) => ({
        ...term,
        domain: term.domain ?? dictionary.domain,
      })),
    })),
  );
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

interface Observed {
  raw: string;
  count: number;
  context: SuggestionContext;
}

/** Reads a file with the app's own parsers into named rows, one at a time. */
async function* rowsOf(path: string): AsyncGenerator<Record<string, string>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new SuggestError(`${path}: ${describeFileError(error)}`, 1);
  }
  const file = basename(path);
  try {
    const { settings } = await detect(file, bytes, 'lenient');
    let fields: string[] = [];
    for await (const item of openStream(file, bytes, settings)) {
      if (item.kind === 'fields') fields = item.fields;
      else if (item.kind === 'record') yield item.record;
      else if (item.kind === 'row')
        yield Object.fromEntries(fields.map((field, at) => [field, item.values[at] ?? '']));
    }
  } catch (error) {
    if (error instanceof IngestError) throw new SuggestError(error.message, 1);
    throw error;
  }
}

const mostValues = 50;

/** The distinct values of one column, most frequent first, with the context seen beside them. */
export async function columnValues(path: string, options: SuggestOptions): Promise<Observed[]> {
  const column = options.column ?? '';
  const seen = new Map<
    string,
    { count: number; units: Map<string, number>; specimens: Map<string, number>; values: string[] }
  >();
  const fields = new Set<string>();
  for await (const row of rowsOf(path)) {
    Object.keys(row).forEach((field) => fields.add(field));
    const raw = (row[column] ?? '').trim();
    if (raw === '') continue;
    let entry = seen.get(raw);
    if (!entry) {
      entry = { count: 0, units: new Map(), specimens: new Map(), values: [] };
      seen.set(raw, entry);
    }
    entry.count++;
    tally(entry.units, options.unitColumn && row[options.unitColumn]);
    tally(entry.specimens, options.specimenColumn && row[options.specimenColumn]);
    const value = options.valueColumn ? (row[options.valueColumn] ?? '').trim() : '';
    if (value !== '' && entry.values.length < mostValues) entry.values.push(value);
  }
  for (const wanted of [column, options.unitColumn, options.specimenColumn, options.valueColumn])
    if (wanted !== undefined && !fields.has(wanted))
      throw new SuggestError(
        `${path} has no column "${wanted}". Columns: ${[...fields].join(', ') || '(none)'}`,
        2,
      );
  return [...seen.entries()]
    .sort((left, right) => right[1].count - left[1].count)
    .map(([raw, entry]) => ({
      raw,
      count: entry.count,
      context: {
        column,
        ...(entry.units.size > 0 ? { unit: mostCommon(entry.units) } : {}),
        ...(entry.specimens.size > 0 ? { specimen: mostCommon(entry.specimens) } : {}),
        ...(entry.values.length > 0 ? { values: entry.values } : {}),
      },
    }));
}

/** A file's column names, each with a sample of its values as context. */
export async function columnNames(path: string): Promise<Observed[]> {
  const samples = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for await (const row of rowsOf(path))
    for (const [field, value] of Object.entries(row)) {
      const sample = samples.get(field) ?? [];
      samples.set(field, sample);
      const text = value.trim();
      if (text === '') continue;
      counts.set(field, (counts.get(field) ?? 0) + 1);
      if (sample.length < mostValues) sample.push(text);
    }
  return [...samples.entries()].map(([raw, values]) => ({
    raw,
    count: counts.get(raw) ?? 0,
    context: values.length > 0 ? { values } : {},
  }));
}

function tally(counts: Map<string, number>, value: string | undefined | false): void {
  const text = (value || '').trim();
  if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
}

function mostCommon(counts: Map<string, number>): string {
  return [...counts.entries()].sort((left, right) => right[1] - left[1])[0]?.[0] ?? '';
}

export async function suggestAll(
  raws: string[],
  options: SuggestOptions,
): Promise<SuggestResult[]> {
  const terms = await loadDictionary(options.dictionary);
  const index = buildSuggestionIndex(terms);
  const byId = new Map(terms.map((term) => [term.id, term]));
  let observed: Observed[];
  if (options.from !== undefined)
    observed =
      options.column !== undefined
        ? await columnValues(options.from, options)
        : await columnNames(options.from);
  else observed = raws.map((raw) => ({ raw, count: -1, context: {} }));
  return observed.map(({ raw, count, context }) => ({
    raw,
    ...(count >= 0 ? { count } : {}),
    suggestions: suggest(index, raw, options.top, context).flatMap((suggestion) => {
      const term = byId.get(suggestion.termId);
      return term
        ? [
            {
              code: term.code,
              system: term.system,
              name: term.nameEn,
              score: suggestion.score,
              reason: suggestion.reason,
            },
          ]
        : [];
    }),
  }));
}

export function describeSuggestions(results: readonly SuggestResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const count = result.count === undefined ? '' : `  (${result.count}×)`;
    lines.push(`${result.raw}${count}`);
    if (result.suggestions.length === 0) lines.push('  no suggestion');
    result.suggestions.forEach((suggestion, position) => {
      lines.push(
        `  ${position + 1}. ${suggestion.score.toFixed(2)}  ${suggestion.code} (${suggestion.system})  ${suggestion.name}`,
        `     ${suggestion.reason}`,
      );
    });
  }
  return lines.join('\n');
}

/** `tessera suggest …` with its arguments parsed; returns the exit code. */
export async function runSuggest(
  args: string[],
  write: (text: string) => void,
  usage: string,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        top: { type: 'string', default: '5' },
        dictionary: { type: 'string' },
        from: { type: 'string' },
        column: { type: 'string' },
        'unit-column': { type: 'string' },
        'specimen-column': { type: 'string' },
        'value-column': { type: 'string' },
      },
    });
  } catch (error) {
    write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const top = Number(values.top);
  if (
    !Number.isInteger(top) ||
    top < 1 ||
    (positionals.length === 0) === (values.from === undefined)
  ) {
    write(`${usage}\n`);
    return 2;
  }
  try {
    const results = await suggestAll(positionals, {
      top,
      dictionary: values.dictionary,
      from: values.from,
      column: values.column,
      unitColumn: values['unit-column'],
      specimenColumn: values['specimen-column'],
      valueColumn: values['value-column'],
    });
    if (values.json) write(`${JSON.stringify({ results }, null, 2)}\n`);
    else write(`${describeSuggestions(results)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SuggestError)) throw error;
    write(`✗ ${error.message}\n`);
    return error.exitCode;
  }
}
