import Papa from 'papaparse';
import type { Term } from '../../model/terminology';
import { IngestError } from '../../ingest/errors';
import { parseDelimited } from '../../ingest/delimited';
import { codeSystems, isCodeSystem, isTermDomain, isTermStatus, termDomains } from './schemas';
import { systemKey } from '../source-system';

/**
 * Terms as a spreadsheet: one row per term, for people who review or author a dictionary in
 * Excel. RFC 4180 CSV (comma, double quotes, CRLF), UTF-8 with a byte-order mark so Excel shows
 * Chinese text correctly.
 *
 * Lists (abbreviations, synonyms, units) sit in one cell, items joined with " | ". Inside an item
 * a literal "|" is written "\|" and a literal "\" is written "\\"; any other backslash is kept as
 * it is. On reading, items are trimmed and empty items dropped, as are spaces around any cell.
 *
 * CSV is a facts format, not Tessera's lossless one: learned synonyms are written into the
 * synonyms column (their provenance stays in the Tessera JSON export), except those scoped to one
 * source system, which a synonym column would widen to every system; a term read from CSV has no
 * learned synonyms and is stamped with the import time. An empty status means "active".
 */

export const termCsvColumns = [
  'id',
  'dictionary',
  'domain',
  'system',
  'code',
  'name_en',
  'name_zh',
  'abbreviations',
  'synonyms',
  'units',
  'property',
  'specimen',
  'category',
  'status',
] as const;

export type TermCsvColumn = (typeof termCsvColumns)[number];

const requiredColumns: readonly TermCsvColumn[] = [
  'id',
  'dictionary',
  'domain',
  'system',
  'code',
  'name_en',
];

export const listSeparator = ' | ';

/** Joins list items into one cell: " | " between items, "\|" and "\\" inside them. */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (char) => `\\${char}`)).join(listSeparator);
}

/** Splits one cell into list items: at each "|" not escaped by "\", trimmed, empties dropped. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let index = 0; index < cell.length; index++) {
    const char = cell[index];
    const next = cell[index + 1];
    if (char === '\\' && (next === '|' || next === '\\')) {
      current += next;
      index++;
    } else if (char === '|') {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export interface WriteTermsCsvOptions {
  /**
   * Write learned synonyms for every system into the synonyms column (default true), so none is
   * lost; those for one source system only are left to the Tessera JSON export.
   */
  learnedAsSynonyms?: boolean;
  /** Start with a UTF-8 byte-order mark (default true), which Excel needs for Chinese text. */
  bom?: boolean;
}

export function writeTermsCsv(terms: readonly Term[], options: WriteTermsCsvOptions = {}): string {
  const { learnedAsSynonyms = true, bom = true } = options;
  const rows = terms.map((term) => {
    const everywhere = term.learned.filter((learned) => systemKey(learned.sourceSystem) === '');
    const synonyms = learnedAsSynonyms
      ? [...new Set([...term.synonyms, ...everywhere.map((learned) => learned.text)])]
      : term.synonyms;
    const row: Record<TermCsvColumn, string> = {
      id: term.id,
      dictionary: term.dictionaryId,
      domain: term.domain,
      system: term.system,
      code: term.code,
      name_en: term.nameEn,
      name_zh: term.nameZh,
      abbreviations: joinList(term.abbreviations),
      synonyms: joinList(synonyms),
      units: joinList(term.units),
      property: term.property ?? '',
      specimen: term.specimen ?? '',
      category: term.category,
      status: term.status,
    };
    return termCsvColumns.map((column) => row[column]);
  });
  const csv = Papa.unparse(
    { fields: [...termCsvColumns], data: rows },
    { newline: '\r\n', quotes: false },
  );
  return `${bom ? '\uFEFF' : ''}${csv}\r\n`;
}

export interface ReadTermsCsvOptions {
  fileName?: string;
  /** Stamped as `updatedAt` on every term read. */
  importedAt: string;
}

/**
 * Reads terms from CSV with the header above (columns in any order; property, specimen,
 * category, status and the lists may be left out). Throws an IngestError naming the line of the
 * first problem: an unknown or missing column, an empty required cell, an unknown domain, code
 * system or status, a term id seen before.
 */
export function readTermsCsv(text: string, options: ReadTermsCsvOptions): Term[] {
  const { fileName = 'terms.csv', importedAt } = options;
  // The byte-order mark is on line 1 and holds no newline, so cutting it keeps every line number.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let columns: Map<string, number> | null = null;
  const terms: Term[] = [];
  const seen = new Map<string, number>();
  for (const item of parseDelimited(body, { fileName, mode: 'strict', delimiter: ',' })) {
    if (item.kind === 'fields') {
      columns = checkColumns(item.fields, fileName);
      continue;
    }
    if (item.kind !== 'row' || columns === null) continue;
    const line = item.origin.line ?? null;
    const columnIndex = columns;
    const cell = (column: TermCsvColumn): string => {
      const index = columnIndex.get(column);
      return index === undefined ? '' : (item.values[index] ?? '').trim();
    };
    const fail = (reason: string) => new IngestError(fileName, line, reason);
    for (const column of requiredColumns) {
      if (cell(column) === '') throw fail(`column "${column}" is empty`);
    }
    const id = cell('id');
    const firstLine = seen.get(id);
    if (firstLine !== undefined) {
      throw fail(`term id "${id}" appears twice (first on line ${firstLine})`);
    }
    seen.set(id, line ?? 0);
    const domain = cell('domain');
    if (!isTermDomain(domain)) {
      throw fail(`domain "${domain}" is not one of ${termDomains.join(', ')}`);
    }
    const system = cell('system');
    if (!isCodeSystem(system)) {
      throw fail(`system "${system}" is not one of ${codeSystems.join(', ')}`);
    }
    const status = cell('status') || 'active';
    if (!isTermStatus(status)) throw fail(`status "${status}" is not active or deprecated`);
    const term: Term = {
      id,
      domain,
      system,
      code: cell('code'),
      nameEn: cell('name_en'),
      nameZh: cell('name_zh'),
      abbreviations: splitList(cell('abbreviations')),
      synonyms: splitList(cell('synonyms')),
      units: splitList(cell('units')),
      category: cell('category'),
      dictionaryId: cell('dictionary'),
      status,
      learned: [],
      updatedAt: importedAt,
    };
    const property = cell('property');
    const specimen = cell('specimen');
    if (property !== '') term.property = property;
    if (specimen !== '') term.specimen = specimen;
    terms.push(term);
  }
  return terms;
}

function checkColumns(fields: readonly string[], fileName: string): Map<string, number> {
  const known = termCsvColumns as readonly string[];
  const columns = new Map<string, number>();
  fields.forEach((field, index) => {
    const name = field.toLowerCase();
    if (columns.has(name)) {
      throw new IngestError(fileName, 1, `column "${field}" appears twice`);
    }
    if (!known.includes(name)) {
      throw new IngestError(
        fileName,
        1,
        `column "${field}" is not one of ${termCsvColumns.join(', ')}`,
      );
    }
    columns.set(name, index);
  });
  const missing = requiredColumns.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new IngestError(
      fileName,
      1,
      `the header lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}`,
    );
  }
  return columns;
}
