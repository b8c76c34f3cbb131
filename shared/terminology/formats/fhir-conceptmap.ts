import { z } from 'zod';
import type { FieldMapping, MappingStatus } from '../../model/mapping';
import type { Term } from '../../model/terminology';
import type { IngestError } from '../../ingest/errors';
import {
  checkResourceType,
  extensionNumber,
  extensionSchema,
  extensionString,
  pathError,
  tesseraExtensionUrl,
  toFhirId,
  type FhirExtension,
} from './fhir-common';
import {
  lineOfNearestJsonPath,
  parseJsonDocument,
  validateJson,
  type JsonPathSegment,
} from './json-support';
import { isoDateTime, mappingStatuses } from './schemas';
import { codeSystemOfFhirUri, dictionaryIdOfUri, fhirSystemOf } from './systems';
import type { UnknownTarget, UnknownTargetHandling } from './unknown-targets';

/**
 * Field mappings as a FHIR R4 ConceptMap (JSON), and such a resource read back.
 *
 * - One `group` per project and target code system: `source` is `urn:tessera:project:<id>`
 *   (the project's raw field names), `target` the FHIR URI of the terms' code system
 *   (http://loinc.org, …; a local code's dictionary URN). Mappings with no term (flagged, none
 *   proposed) go in a group without `target`.
 * - One `element` per mapping: `code` is the raw field name. A FHIR code cannot start or end
 *   with white space or hold a run of it, so such a name is written with its white space
 *   collapsed and the exact name in the extension `urn:tessera:fhir:raw`.
 * - Its one `target`: `code` and `display` (English name) of the term, `comment` the reason,
 *   and `equivalence` by status: accepted → equivalent, automatic → relatedto, rejected →
 *   disjoint (an explicit "this is not it"), flagged → relatedto (or unmatched, with no code,
 *   when no term is proposed). Extensions `urn:tessera:fhir:…` on the target keep the rest:
 *   mapping-id, term-id, mapping-status, score (decimal), decided-by, decided-at,
 *   dictionary-version, and source-system for a decision made for one source system.
 *
 * Reading a map Tessera did not write: the status follows the equivalence (equivalent or equal
 * → accepted, disjoint → rejected, unmatched → flagged, anything else → automatic), the term is
 * found by code system and code, the score is 1 for accepted and 0 otherwise, the person is the
 * map's publisher, the time the map's date.
 */

const rawUrl = tesseraExtensionUrl('raw');
const mappingIdUrl = tesseraExtensionUrl('mapping-id');
const termIdUrl = tesseraExtensionUrl('term-id');
const statusUrl = tesseraExtensionUrl('mapping-status');
const scoreUrl = tesseraExtensionUrl('score');
const decidedByUrl = tesseraExtensionUrl('decided-by');
const decidedAtUrl = tesseraExtensionUrl('decided-at');
const dictionaryVersionUrl = tesseraExtensionUrl('dictionary-version');
const sourceSystemUrl = tesseraExtensionUrl('source-system');
const projectUriPrefix = 'urn:tessera:project:';

export type ConceptMapEquivalence =
  | 'relatedto'
  | 'equivalent'
  | 'equal'
  | 'wider'
  | 'subsumes'
  | 'narrower'
  | 'specializes'
  | 'inexact'
  | 'unmatched'
  | 'disjoint';

const equivalenceOfStatus: Record<MappingStatus, ConceptMapEquivalence> = {
  accepted: 'equivalent',
  automatic: 'relatedto',
  rejected: 'disjoint',
  flagged: 'relatedto',
};

export interface FhirConceptMapTarget {
  code?: string;
  display?: string;
  equivalence: ConceptMapEquivalence;
  comment?: string;
  extension?: FhirExtension[];
}

export interface FhirConceptMapElement {
  code: string;
  extension?: FhirExtension[];
  target: FhirConceptMapTarget[];
}

export interface FhirConceptMapGroup {
  source: string;
  target?: string;
  element: FhirConceptMapElement[];
}

export interface FhirConceptMap {
  resourceType: 'ConceptMap';
  id: string;
  url: string;
  version?: string;
  name: string;
  title: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  experimental: boolean;
  date: string;
  group: FhirConceptMapGroup[];
}

export interface ConceptMapExportOptions {
  /** When the export was made: `ConceptMap.date`. */
  date: string;
  /** Default `urn:tessera:conceptmap:field-mappings`. */
  url?: string;
  title?: string;
  /** The dictionary version: `ConceptMap.version`. */
  dictionaryVersion?: number;
  status?: 'draft' | 'active' | 'retired';
}

/** `urn:tessera:project:<id>`, the source URI of a project's raw field names. */
export function projectUri(projectId: string): string {
  return projectUriPrefix + encodeURIComponent(projectId);
}

/** A raw name as a FHIR `code`: white space trimmed and collapsed. */
function toFhirCode(raw: string): string {
  const code = raw.trim().replace(/\s+/g, ' ');
  return code === '' ? '_' : code;
}

/**
 * The ConceptMap of some mappings. `terms` must hold every term a mapping names; a mapping
 * whose term is missing throws, since its code would be unknown.
 */
export function buildFhirConceptMap(
  mappings: readonly FieldMapping[],
  terms: readonly Term[],
  options: ConceptMapExportOptions,
): FhirConceptMap {
  const termById = new Map(terms.map((term) => [term.id, term]));
  const groups = new Map<string, FhirConceptMapGroup>();
  for (const mapping of mappings) {
    const term = mapping.termId === '' ? undefined : termById.get(mapping.termId);
    if (mapping.termId !== '' && !term) {
      throw new Error(
        `Mapping "${mapping.id}" names term "${mapping.termId}", which is not given.`,
      );
    }
    const source = projectUri(mapping.projectId);
    const target = term ? fhirSystemOf(term.system, term.dictionaryId) : undefined;
    const key = `${source}\n${target ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { source, ...(target === undefined ? {} : { target }), element: [] };
      groups.set(key, group);
    }
    const code = toFhirCode(mapping.raw);
    const element: FhirConceptMapElement = { code, target: [toTarget(mapping, term)] };
    if (code !== mapping.raw) element.extension = [{ url: rawUrl, valueString: mapping.raw }];
    group.element.push(element);
  }
  const url = options.url ?? 'urn:tessera:conceptmap:field-mappings';
  const conceptMap: FhirConceptMap = {
    resourceType: 'ConceptMap',
    id: toFhirId(url.split(':').pop() ?? 'field-mappings'),
    url,
    name: 'TesseraFieldMappings',
    title: options.title ?? 'Field mappings',
    status: options.status ?? 'active',
    experimental: false,
    date: options.date,
    group: [...groups.values()],
  };
  if (options.dictionaryVersion !== undefined) {
    conceptMap.version = String(options.dictionaryVersion);
  }
  return conceptMap;
}

/** `buildFhirConceptMap` as two-space indented JSON text with a final newline. */
export function writeFhirConceptMap(
  mappings: readonly FieldMapping[],
  terms: readonly Term[],
  options: ConceptMapExportOptions,
): string {
  return `${JSON.stringify(buildFhirConceptMap(mappings, terms, options), null, 2)}\n`;
}

function toTarget(mapping: FieldMapping, term: Term | undefined): FhirConceptMapTarget {
  const target: FhirConceptMapTarget = term
    ? { code: term.code, display: term.nameEn, equivalence: equivalenceOfStatus[mapping.status] }
    : { equivalence: 'unmatched' };
  if (mapping.reason !== '') target.comment = mapping.reason;
  target.extension = [
    { url: mappingIdUrl, valueString: mapping.id },
    ...(term ? [{ url: termIdUrl, valueString: term.id }] : []),
    { url: statusUrl, valueCode: mapping.status },
    { url: scoreUrl, valueDecimal: mapping.score },
    { url: decidedByUrl, valueString: mapping.decidedBy },
    { url: decidedAtUrl, valueDateTime: mapping.decidedAt },
    { url: dictionaryVersionUrl, valueInteger: mapping.dictionaryVersion },
    ...(mapping.sourceSystem ? [{ url: sourceSystemUrl, valueString: mapping.sourceSystem }] : []),
  ];
  return target;
}

// Reading.

const targetSchema = z.looseObject({
  code: z.string().optional(),
  display: z.string().optional(),
  equivalence: z.enum([
    'relatedto',
    'equivalent',
    'equal',
    'wider',
    'subsumes',
    'narrower',
    'specializes',
    'inexact',
    'unmatched',
    'disjoint',
  ]),
  comment: z.string().optional(),
  extension: z.array(extensionSchema).optional(),
});

const conceptMapSchema = z.looseObject({
  resourceType: z.literal('ConceptMap'),
  version: z.string().optional(),
  date: z.string().optional(),
  publisher: z.string().optional(),
  group: z
    .array(
      z.looseObject({
        source: z.string().optional(),
        target: z.string().optional(),
        element: z.array(
          z.looseObject({
            code: z.string().min(1, 'must not be empty'),
            extension: z.array(extensionSchema).optional(),
            target: z.array(targetSchema).optional(),
          }),
        ),
      }),
    )
    .optional(),
});

export interface ConceptMapImportOptions {
  fileName?: string;
  /** The dictionary the targets are looked up in. */
  terms: readonly Term[];
  /** Used as the decision time when neither the mapping nor the map has one. */
  importedAt: string;
  /** The project of groups whose source is not a Tessera project URI. */
  projectId?: string;
  /** Default 'fail': a target code the dictionary lacks is an error naming its path and line. */
  unknownTargets?: UnknownTargetHandling;
}

/**
 * Reads a FHIR ConceptMap (JSON) into field mappings, one per element target. Throws an
 * IngestError naming the JSON path and line of the first problem: not a ConceptMap, a group
 * with no project, a target code that no given term has, a score outside 0–1, a time that is
 * not an ISO date-time.
 */
export function readFhirConceptMap(text: string, options: ConceptMapImportOptions): FieldMapping[] {
  return readConceptMapMappings(text, { ...options, unknownTargets: 'fail' }).mappings;
}

/**
 * `readFhirConceptMap`, with targets the dictionary lacks listed (`unknownTargets: 'collect'`)
 * rather than refused, for a person to see before anything is applied.
 */
export function readConceptMapMappings(
  text: string,
  options: ConceptMapImportOptions,
): { mappings: FieldMapping[]; unknownTargets: UnknownTarget[] } {
  const { fileName = 'conceptmap.json', terms, importedAt } = options;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const value = parseJsonDocument(body, fileName);
  checkResourceType(value, 'ConceptMap', body, fileName);
  const conceptMap = validateJson(conceptMapSchema, value, body, fileName);
  const fail = (path: readonly JsonPathSegment[], reason: string): IngestError =>
    pathError(body, fileName, path, reason);

  const termById = new Map(terms.map((term) => [term.id, term]));
  const mapDate = isoDateTime.safeParse(conceptMap.date).success ? conceptMap.date : undefined;
  const mapVersion = /^\d+$/.test(conceptMap.version ?? '') ? Number(conceptMap.version) : 0;
  const mappings: FieldMapping[] = [];
  const unknownTargets: UnknownTarget[] = [];
  (conceptMap.group ?? []).forEach((group, groupIndex) => {
    const groupPath = ['group', groupIndex];
    const source = group.source ?? '';
    const projectId = source.startsWith(projectUriPrefix)
      ? decodedOrAsWritten(source.slice(projectUriPrefix.length))
      : options.projectId;
    if (projectId === undefined || projectId === '') {
      throw fail([...groupPath, 'source'], 'not a Tessera project URI, and no project was given');
    }
    const targetSystem = group.target;
    group.element.forEach((element, elementIndex) => {
      const elementPath = [...groupPath, 'element', elementIndex];
      const raw = extensionString(element.extension, rawUrl) ?? element.code;
      (element.target ?? []).forEach((target, targetIndex) => {
        const path = [...elementPath, 'target', targetIndex];
        const extensions = target.extension;
        const declared = extensionString(extensions, statusUrl);
        const status: MappingStatus =
          declared !== undefined && (mappingStatuses as readonly string[]).includes(declared)
            ? (declared as MappingStatus)
            : statusOfEquivalence(target.equivalence);
        let termId = '';
        let unknown: string | null = null;
        if (target.code !== undefined) {
          const named = extensionString(extensions, termIdUrl);
          const term =
            (named === undefined ? undefined : termById.get(named)) ??
            findTerm(terms, targetSystem, target.code);
          if (term) termId = term.id;
          else
            unknown = `no term has code "${target.code}" in ${targetSystem ?? 'an unnamed code system'}`;
        } else if (status !== 'flagged') {
          throw fail(path, `a ${status} mapping needs a target code`);
        }
        const score = extensionNumber(extensions, scoreUrl) ?? (status === 'accepted' ? 1 : 0);
        if (score < 0 || score > 1) throw fail([...path, 'extension'], `score ${score} is not 0–1`);
        const decidedAt = extensionString(extensions, decidedAtUrl) ?? mapDate ?? importedAt;
        if (!isoDateTime.safeParse(decidedAt).success) {
          throw fail([...path, 'extension'], `decided-at "${decidedAt}" is not an ISO date-time`);
        }
        if (unknown !== null) {
          if (options.unknownTargets !== 'collect') throw fail([...path, 'code'], unknown);
          unknownTargets.push({
            line: lineOfNearestJsonPath(body, [...path, 'code']),
            raw,
            target: `${targetSystem ?? ''}|${target.code ?? ''}`,
            reason: unknown,
          });
          return;
        }
        const sourceSystem = extensionString(extensions, sourceSystemUrl) ?? '';
        mappings.push({
          id: extensionString(extensions, mappingIdUrl) ?? `mapping:${projectId}:${raw}`,
          projectId,
          raw,
          termId,
          status,
          score,
          reason: target.comment ?? '',
          decidedBy: extensionString(extensions, decidedByUrl) ?? conceptMap.publisher ?? 'unknown',
          decidedAt,
          dictionaryVersion: extensionNumber(extensions, dictionaryVersionUrl) ?? mapVersion,
          ...(sourceSystem === '' ? {} : { sourceSystem }),
        });
      });
    });
  });
  return { mappings, unknownTargets };
}

function decodedOrAsWritten(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function statusOfEquivalence(equivalence: ConceptMapEquivalence): MappingStatus {
  switch (equivalence) {
    case 'equivalent':
    case 'equal':
      return 'accepted';
    case 'disjoint':
      return 'rejected';
    case 'unmatched':
      return 'flagged';
    default:
      return 'automatic';
  }
}

/** The term with `code` in the code system a FHIR URI names (a dictionary URN: its local codes). */
function findTerm(
  terms: readonly Term[],
  systemUri: string | undefined,
  code: string,
): Term | undefined {
  if (systemUri === undefined) return undefined;
  const system = codeSystemOfFhirUri(systemUri);
  const dictionaryId = dictionaryIdOfUri(systemUri);
  return terms.find(
    (term) =>
      term.code === code &&
      term.system === system &&
      (system !== 'local' || dictionaryId === null || term.dictionaryId === dictionaryId),
  );
}
