import Papa from 'papaparse';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import type { FieldMapping, MappingStatus } from '../../model/mapping';
import type { CodeSystem, Term } from '../../model/terminology';
import { IngestError } from '../../ingest/errors';
import { parseDelimited } from '../../ingest/delimited';
import { isoDateTime } from './schemas';
import type { UnknownTarget, UnknownTargetHandling } from './unknown-targets';

/**
 * Field mappings as SSSOM/TSV (https://w3id.org/sssom): a metadata block of `#`-prefixed YAML
 * lines (curie_map, mapping_set_id, license, …) and then a tab-separated table whose columns are
 * SSSOM slot names.
 *
 * - subject_id `tessera.field:<raw, percent-encoded>`, subject_label the exact raw name,
 *   subject_source `tessera.project:<project id>`.
 * - object_id the term's code as a CURIE: `LOINC:718-7`, `SNOMEDCT:…`, `ICD10:…`; a local code
 *   has no public prefix, so it is named by its term, `tessera.term:<term id>`. object_label the
 *   English name; object_source_version the dictionary version.
 * - Status: accepted → skos:exactMatch, semapv:ManualMappingCuration; automatic →
 *   skos:exactMatch, semapv:LexicalMatching (Tessera maps automatically only on an exact alias);
 *   rejected → skos:exactMatch with predicate_modifier Not, semapv:ManualMappingCuration;
 *   flagged → skos:exactMatch, semapv:UnspecifiedMatching (object sssom:NoTermFound when no
 *   term is proposed).
 * - confidence the score; author_id `tessera.person:<id>`; mapping_date the UTC day of the
 *   decision (SSSOM dates have no time) with the exact instant, and the mapping id, in `other`
 *   as `tessera_decided_at=…|tessera_mapping_id=…` (values percent-encoded), followed by
 *   `|tessera_source_system=…` for a decision made for one source system; comment the reason.
 * - license defaults to https://w3id.org/sssom/license/all-rights-reserved: mappings belong to
 *   their organisation unless it says otherwise.
 *
 * Values holding a tab, newline or double quote are written in double quotes, as in CSV.
 * Reading takes SSSOM from other tools too: the status follows the modifier and justification
 * (Not → rejected, sssom:NoTermFound or UnspecifiedMatching → flagged, ManualMappingCuration or
 * MappingReview → accepted, else automatic); object CURIEs with the prefixes above (any case;
 * also `SCTID`, `snomed`, `icd10who`) or a curie_map expansion to loinc.org / snomed.info are
 * looked up by code among the given terms.
 */

export const sssomColumns = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'predicate_modifier',
  'object_id',
  'object_label',
  'mapping_justification',
  'confidence',
  'author_id',
  'mapping_date',
  'subject_source',
  'object_source_version',
  'comment',
  'other',
] as const;

type SssomColumn = (typeof sssomColumns)[number];

const curieMap = {
  ICD10: 'https://icd.who.int/browse10/2019/en#/',
  LOINC: 'https://loinc.org/',
  SNOMEDCT: 'http://snomed.info/id/',
  'tessera.field': 'urn:tessera:field:',
  'tessera.person': 'urn:tessera:person:',
  'tessera.project': 'urn:tessera:project:',
  'tessera.term': 'urn:tessera:term:',
};

const prefixOfSystem: Record<Exclude<CodeSystem, 'local'>, string> = {
  LOINC: 'LOINC',
  'SNOMED CT': 'SNOMEDCT',
  'ICD-10': 'ICD10',
};

const systemOfPrefix: Record<string, Exclude<CodeSystem, 'local'>> = {
  loinc: 'LOINC',
  snomedct: 'SNOMED CT',
  snomed: 'SNOMED CT',
  sctid: 'SNOMED CT',
  icd10: 'ICD-10',
  icd10who: 'ICD-10',
};

const noTermFound = 'sssom:NoTermFound';
const exactMatch = 'skos:exactMatch';
const justificationOfStatus: Record<MappingStatus, string> = {
  accepted: 'semapv:ManualMappingCuration',
  automatic: 'semapv:LexicalMatching',
  rejected: 'semapv:ManualMappingCuration',
  flagged: 'semapv:UnspecifiedMatching',
};

export const allRightsReserved = 'https://w3id.org/sssom/license/all-rights-reserved';

export interface SssomExportOptions {
  /** Default `urn:tessera:mapping-set:field-mappings`. */
  mappingSetId?: string;
  mappingSetTitle?: string;
  /** The dictionary version, written as mapping_set_version. */
  dictionaryVersion?: number;
  /** A licence URL; default all rights reserved. */
  license?: string;
}

function curie(prefix: string, local: string): string {
  return `${prefix}:${encodeURIComponent(local)}`;
}

/** The SSSOM/TSV text of some mappings; `terms` must hold every term a mapping names. */
export function writeSssom(
  mappings: readonly FieldMapping[],
  terms: readonly Term[],
  options: SssomExportOptions = {},
): string {
  const termById = new Map(terms.map((term) => [term.id, term]));
  const metadata: Record<string, unknown> = {
    curie_map: curieMap,
    mapping_set_id: options.mappingSetId ?? 'urn:tessera:mapping-set:field-mappings',
    ...(options.mappingSetTitle === undefined
      ? {}
      : { mapping_set_title: options.mappingSetTitle }),
    ...(options.dictionaryVersion === undefined
      ? {}
      : { mapping_set_version: String(options.dictionaryVersion) }),
    license: options.license ?? allRightsReserved,
  };
  const header = stringifyYaml(metadata, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  const rows = mappings.map((mapping) => {
    const term = mapping.termId === '' ? undefined : termById.get(mapping.termId);
    if (mapping.termId !== '' && !term) {
      throw new Error(
        `Mapping "${mapping.id}" names term "${mapping.termId}", which is not given.`,
      );
    }
    const row: Record<SssomColumn, string> = {
      subject_id: curie('tessera.field', mapping.raw),
      subject_label: mapping.raw,
      predicate_id: exactMatch,
      predicate_modifier: mapping.status === 'rejected' ? 'Not' : '',
      object_id: term ? objectId(term) : noTermFound,
      object_label: term?.nameEn ?? '',
      mapping_justification: justificationOfStatus[mapping.status],
      confidence: String(mapping.score),
      author_id: curie('tessera.person', mapping.decidedBy),
      mapping_date: mapping.decidedAt.slice(0, 10),
      subject_source: curie('tessera.project', mapping.projectId),
      object_source_version: String(mapping.dictionaryVersion),
      comment: mapping.reason,
      other: [
        `tessera_decided_at=${encodeURIComponent(mapping.decidedAt)}`,
        `tessera_mapping_id=${encodeURIComponent(mapping.id)}`,
        ...(mapping.sourceSystem
          ? [`tessera_source_system=${encodeURIComponent(mapping.sourceSystem)}`]
          : []),
      ].join('|'),
    };
    return sssomColumns.map((column) => row[column]);
  });
  const table = Papa.unparse(
    { fields: [...sssomColumns], data: rows },
    { delimiter: '\t', newline: '\n', quotes: false },
  );
  return `${header}\n${table}\n`;
}

function objectId(term: Term): string {
  return term.system === 'local'
    ? curie('tessera.term', term.id)
    : curie(prefixOfSystem[term.system], term.code);
}

export interface SssomImportOptions {
  fileName?: string;
  /** The dictionary the objects are looked up in. */
  terms: readonly Term[];
  /** Used as the decision time when a row has no date. */
  importedAt: string;
  /** The project of rows with no `tessera.project:` subject_source. */
  projectId?: string;
  /** Default 'fail': an object the dictionary lacks is an error naming its line. */
  unknownTargets?: UnknownTargetHandling;
}

export interface SssomFile {
  /** The metadata block, parsed as YAML. */
  metadata: Record<string, unknown>;
  mappings: FieldMapping[];
  /** Rows whose object the dictionary lacks, when they are collected rather than refused. */
  unknownTargets: UnknownTarget[];
}

const requiredColumns = ['predicate_id', 'object_id', 'mapping_justification'] as const;

/**
 * Reads SSSOM/TSV into field mappings. Throws an IngestError naming the line of the first
 * problem: metadata that is not YAML, a missing column, a negated or unknown predicate row
 * without a term, an object CURIE in a code system Tessera does not know or with no such term,
 * a confidence outside 0–1, a bad date.
 */
export function readSssom(text: string, options: SssomImportOptions): SssomFile {
  const { fileName = 'mappings.sssom.tsv', terms, importedAt } = options;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split('\n');
  let metadataLines = 0;
  while (metadataLines < lines.length && lines[metadataLines]?.startsWith('#')) metadataLines++;
  const metadata = readMetadata(lines.slice(0, metadataLines), fileName);
  // The table keeps its line numbers: the metadata lines become blank lines, which are skipped.
  const table = [
    ...lines.slice(0, metadataLines).map(() => ''),
    ...lines.slice(metadataLines),
  ].join('\n');
  const prefixes = stringRecord(metadata.curie_map);
  const setSource = typeof metadata.subject_source === 'string' ? metadata.subject_source : '';
  const setVersion =
    typeof metadata.object_source_version === 'string' ? metadata.object_source_version : '';
  const setDate = typeof metadata.mapping_date === 'string' ? metadata.mapping_date : '';

  let columns: Map<string, number> | null = null;
  const mappings: FieldMapping[] = [];
  const unknownTargets: UnknownTarget[] = [];
  for (const item of parseDelimited(table, { fileName, mode: 'strict', delimiter: '\t' })) {
    if (item.kind === 'fields') {
      columns = new Map(item.fields.map((field, index) => [field, index]));
      const present = columns;
      const missing: string[] = requiredColumns.filter((column) => !present.has(column));
      if (!present.has('subject_id') && !present.has('subject_label'))
        missing.unshift('subject_id');
      if (missing.length > 0) {
        throw new IngestError(
          fileName,
          metadataLines + 1,
          `the header lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}`,
        );
      }
      continue;
    }
    if (item.kind !== 'row' || columns === null) continue;
    const line = item.origin.line ?? null;
    const columnIndex = columns;
    const exact = (column: string): string => {
      const index = columnIndex.get(column);
      return index === undefined ? '' : (item.values[index] ?? '');
    };
    const row: Row = { cell: (column) => exact(column).trim(), exact };
    const fail = (reason: string) => new IngestError(fileName, line, reason);
    const read = toMapping(
      row,
      fail,
      { terms, importedAt, prefixes, setSource, setVersion, setDate },
      options,
    );
    if ('unknown' in read) {
      if (options.unknownTargets !== 'collect') throw fail(read.unknown);
      unknownTargets.push({ line, raw: read.raw, target: read.target, reason: read.unknown });
    } else mappings.push(read);
  }
  if (columns === null) throw new IngestError(fileName, null, 'has no table header');
  return { metadata, mappings, unknownTargets };
}

/** A row's cells by column name: trimmed, or exactly as written (labels and comments). */
interface Row {
  cell: (column: string) => string;
  exact: (column: string) => string;
}

interface RowContext {
  terms: readonly Term[];
  importedAt: string;
  prefixes: Record<string, string>;
  setSource: string;
  setVersion: string;
  setDate: string;
}

/** A row read: its mapping, or why its object is not in the dictionary. */
type ReadRow = FieldMapping | { unknown: string; raw: string; target: string };

function toMapping(
  { cell, exact }: Row,
  fail: (reason: string) => IngestError,
  context: RowContext,
  options: SssomImportOptions,
): ReadRow {
  const other = parseOther(cell('other'));
  const raw = exact('subject_label') || decodedLocal(cell('subject_id'));
  if (raw === '') throw fail('subject_label and subject_id are both empty');
  if (cell('predicate_id') === '') throw fail('predicate_id is empty');

  const negated = cell('predicate_modifier') === 'Not';
  const justification = cell('mapping_justification');
  const object = cell('object_id');
  const status: MappingStatus = negated
    ? 'rejected'
    : object === noTermFound || justification === 'semapv:UnspecifiedMatching'
      ? 'flagged'
      : justification === 'semapv:ManualMappingCuration' || justification === 'semapv:MappingReview'
        ? 'accepted'
        : 'automatic';

  let termId = '';
  let unknown: string | null = null;
  if (object === noTermFound || object === '') {
    if (status !== 'flagged') throw fail(`a ${status} mapping needs an object_id`);
  } else {
    const resolved = resolveObject(object, context, fail);
    if (typeof resolved === 'string') termId = resolved;
    else unknown = resolved.unknown;
  }

  const source = cell('subject_source') || context.setSource;
  const projectId = source.startsWith('tessera.project:')
    ? decodedLocal(source)
    : (options.projectId ?? '');
  if (projectId === '') {
    throw fail('subject_source is not tessera.project:<id>, and no project was given');
  }

  const confidence = cell('confidence');
  const score = confidence === '' ? (status === 'accepted' ? 1 : 0) : Number(confidence);
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    throw fail(`confidence "${confidence}" is not a number from 0 to 1`);
  }

  const day = cell('mapping_date') || context.setDate;
  if (day !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw fail(`mapping_date "${day}" is not a date (YYYY-MM-DD)`);
  }
  const instant = other.get('tessera_decided_at');
  const decidedAt =
    instant !== undefined &&
    isoDateTime.safeParse(instant).success &&
    (day === '' || instant.startsWith(day))
      ? instant
      : day !== ''
        ? `${day}T00:00:00.000Z`
        : context.importedAt;

  const author = cell('author_id').split('|')[0]?.trim() ?? '';
  const decidedBy = author.startsWith('tessera.person:')
    ? decodedLocal(author)
    : author || cell('author_label').split('|')[0]?.trim() || 'unknown';

  const version = cell('object_source_version') || context.setVersion;
  const sourceSystem = other.get('tessera_source_system') ?? '';
  // The rest of the row is checked first: a broken row is an error even when its object is unknown.
  if (unknown !== null) return { unknown, raw, target: object };
  return {
    id: other.get('tessera_mapping_id') ?? `mapping:${projectId}:${raw}`,
    projectId,
    raw,
    termId,
    status,
    score,
    reason: exact('comment'),
    decidedBy,
    decidedAt,
    dictionaryVersion: /^\d+$/.test(version) ? Number(version) : 0,
    ...(sourceSystem === '' ? {} : { sourceSystem }),
  };
}

/** The id of the term an object CURIE names, or why there is none in the dictionary. */
function resolveObject(
  object: string,
  context: RowContext,
  fail: (reason: string) => IngestError,
): string | { unknown: string } {
  const colon = object.indexOf(':');
  if (colon <= 0) throw fail(`object_id "${object}" is not a CURIE`);
  const prefix = object.slice(0, colon);
  const local = decodedLocal(object);
  if (prefix === 'tessera.term') {
    if (!context.terms.some((term) => term.id === local))
      return { unknown: `no term has id "${local}"` };
    return local;
  }
  const system =
    systemOfPrefix[prefix.toLowerCase()] ?? systemOfExpansion(context.prefixes[prefix]);
  if (system === undefined) {
    return {
      unknown: `object_id "${object}": prefix "${prefix}" is not a code system Tessera knows`,
    };
  }
  const term = context.terms.find(
    (candidate) => candidate.system === system && candidate.code === local,
  );
  if (!term) return { unknown: `no term has ${system} code "${local}"` };
  return term.id;
}

function systemOfExpansion(
  expansion: string | undefined,
): Exclude<CodeSystem, 'local'> | undefined {
  if (expansion === undefined) return undefined;
  if (/^https?:\/\/(www\.)?loinc\.org\//.test(expansion)) return 'LOINC';
  if (expansion.startsWith('http://snomed.info/')) return 'SNOMED CT';
  return undefined;
}

/** The local part of a CURIE, percent-decoded (left as written when it is not valid encoding). */
function decodedLocal(value: string): string {
  const local = value.slice(value.indexOf(':') + 1);
  try {
    return decodeURIComponent(local);
  } catch {
    return local;
  }
}

function parseOther(value: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const pair of value.split('|')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const raw = pair.slice(equals + 1);
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Not our encoding: keep the text as written.
    }
    entries.set(pair.slice(0, equals).trim(), decoded);
  }
  return entries;
}

function readMetadata(lines: readonly string[], fileName: string): Record<string, unknown> {
  if (lines.length === 0) return {};
  const yaml = lines.map((line) => line.replace(/^#\s?/, '').replace(/\r$/, '')).join('\n');
  let value: unknown;
  try {
    value = parseYaml(yaml) as unknown;
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const line = error.linePos?.[0].line ?? null;
    throw new IngestError(
      fileName,
      line,
      `the metadata block is not valid YAML: ${firstLine(error.message)}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new IngestError(fileName, 1, 'the metadata block is not a set of key: value lines');
  }
  return value as Record<string, unknown>;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
