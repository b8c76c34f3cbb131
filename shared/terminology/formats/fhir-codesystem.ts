import { z } from 'zod';
import type { LearnedSynonym, TermDomain, TermStatus } from '../../model/terminology';
import type { IngestError } from '../../ingest/errors';
import {
  checkResourceType,
  codingSchema,
  extensionSchema,
  extensionString,
  pathError,
  tesseraExtensionUrl,
  toFhirId,
  toFhirName,
  type FhirCoding,
  type FhirExtension,
  type ReadExtension,
} from './fhir-common';
import {
  formatJsonPath,
  parseJsonDocument,
  validateJson,
  type JsonPathSegment,
} from './json-support';
import { isTermDomain, isoDateTime, type DictionaryInfo } from './schemas';
import {
  codeSystemOfFhirUri,
  dictionaryIdOfUri,
  dictionaryUri,
  fhirSystemOf,
  loincUri,
} from './systems';
import type { ExportedTerm } from './tessera-json';

/**
 * One dictionary as a FHIR R4 CodeSystem resource (JSON), and such a resource read back.
 *
 * - `url` is `urn:tessera:dictionary:<id>`, `version` the dictionary version, `title` the
 *   English name with the Chinese name as a standard translation extension on `_title`, and the
 *   dictionary's domain in the extension `urn:tessera:fhir:dictionary-domain`.
 * - `content` is "complete"; one concept per term, `code` the term's code, `display` its
 *   English name. A dictionary holds each code once; two terms with one code cannot be written.
 * - Designations: the Chinese name is `language: zh-CN` with use
 *   hl7TermMaintInfra#preferredForLanguage; each synonym uses SNOMED CT 900000000000013009
 *   "Synonym" (the FHIR designation-use value set); each abbreviation uses the Tessera-local
 *   `urn:tessera:designation-use#abbreviation` (FHIR has no standard code for it); each learned
 *   synonym uses `urn:tessera:designation-use#learned-synonym` with its provenance in the
 *   extensions `urn:tessera:fhir:learned-by`, `…:learned-at`, `…:learned-source` and (for one
 *   scoped to a source system) `…:learned-source-system`. Synonyms and
 *   abbreviations carry `language` zh-CN when they hold Han characters, else en.
 * - Concept properties: `status` (http://hl7.org/fhir/concept-properties#status: active or
 *   deprecated) and Tessera-local ones, declared in `CodeSystem.property`: `tessera-id`,
 *   `source-system` (the FHIR URI of the code's own system — http://loinc.org for a LOINC code,
 *   the dictionary URN for a local code), `unit` (repeated, preferred first),
 *   `measured-property`, `specimen`, `category`, `replaced-by` (a term id).
 *
 * Reading takes any CodeSystem: concepts nested under others are flattened; the code system of
 * a concept is its `source-system` property, else the CodeSystem's `url` (http://loinc.org →
 * LOINC, SNOMED CT and ICD-10 likewise, anything else → local); a concept without `tessera-id`
 * gets the id `<dictionary id>.<code>`; a designation in Chinese with no use (or
 * preferredForLanguage) is the Chinese name, other designations are synonyms.
 */

const designationUseSystem = 'urn:tessera:designation-use';
const snomedUri = 'http://snomed.info/sct';
const termMaintenanceUri = 'http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra';
const translationUrl = 'http://hl7.org/fhir/StructureDefinition/translation';
const conceptStatusUri = 'http://hl7.org/fhir/concept-properties#status';
const domainExtensionUrl = tesseraExtensionUrl('dictionary-domain');
const learnedByUrl = tesseraExtensionUrl('learned-by');
const learnedAtUrl = tesseraExtensionUrl('learned-at');
const learnedSourceUrl = tesseraExtensionUrl('learned-source');
const learnedSourceSystemUrl = tesseraExtensionUrl('learned-source-system');

const synonymUse: FhirCoding = {
  system: snomedUri,
  code: '900000000000013009',
  display: 'Synonym',
};
const chineseNameUse: FhirCoding = {
  system: termMaintenanceUri,
  code: 'preferredForLanguage',
  display: 'Preferred For Language',
};
const abbreviationUse: FhirCoding = {
  system: designationUseSystem,
  code: 'abbreviation',
  display: 'Abbreviation',
};
const learnedSynonymUse: FhirCoding = {
  system: designationUseSystem,
  code: 'learned-synonym',
  display: 'Learned synonym',
};

type PropertyType = 'code' | 'string';

interface PropertyDeclaration {
  code: string;
  uri: string;
  description: string;
  type: PropertyType;
}

function localProperty(code: string, description: string): PropertyDeclaration {
  return { code, uri: `urn:tessera:concept-property#${code}`, description, type: 'string' };
}

const conceptProperties: PropertyDeclaration[] = [
  {
    code: 'status',
    uri: conceptStatusUri,
    description: 'Whether the term is active or deprecated.',
    type: 'code',
  },
  localProperty('tessera-id', 'The term id in Tessera.'),
  localProperty('source-system', 'The FHIR system URI of the code system the code comes from.'),
  localProperty('unit', 'A usual unit; the first one is preferred.'),
  localProperty('measured-property', "What is measured, as LOINC's property axis (MCnc, SCnc, …)."),
  localProperty('specimen', 'The specimen or system, e.g. Blood.'),
  localProperty('category', 'A grouping for browsing, e.g. Hematology.'),
  localProperty('replaced-by', 'For a deprecated term: the Tessera id of the term replacing it.'),
];

export interface FhirDesignation {
  language?: string;
  use?: FhirCoding;
  value: string;
  extension?: FhirExtension[];
}

export interface FhirConceptProperty {
  code: string;
  valueCode?: string;
  valueString?: string;
  valueBoolean?: boolean;
}

export interface FhirConcept {
  code: string;
  display?: string;
  designation?: FhirDesignation[];
  property?: FhirConceptProperty[];
  concept?: FhirConcept[];
}

export interface FhirCodeSystem {
  resourceType: 'CodeSystem';
  id: string;
  extension?: FhirExtension[];
  url: string;
  version?: string;
  name: string;
  title: string;
  _title?: { extension: FhirExtension[] };
  status: 'draft' | 'active' | 'retired' | 'unknown';
  experimental: boolean;
  date: string;
  caseSensitive: boolean;
  content: 'complete';
  count: number;
  property: PropertyDeclaration[];
  concept: FhirConcept[];
}

export interface CodeSystemExportOptions {
  /** When the export was made: `CodeSystem.date`. */
  date: string;
  /** The dictionary version: `CodeSystem.version`. */
  dictionaryVersion?: number;
  status?: 'draft' | 'active' | 'retired';
}

const hanCharacter = /\p{Script=Han}/u;

function languageOf(text: string): string {
  return hanCharacter.test(text) ? 'zh-CN' : 'en';
}

/**
 * The CodeSystem resource of one dictionary: the terms whose `dictionaryId` is the dictionary's
 * (others are left out), in the order given. Throws when two of them share a code.
 */
export function buildFhirCodeSystem(
  dictionary: DictionaryInfo,
  terms: readonly ExportedTerm[],
  options: CodeSystemExportOptions,
): FhirCodeSystem {
  const own = terms.filter((term) => term.dictionaryId === dictionary.id);
  const byCode = new Map<string, string>();
  for (const term of own) {
    const other = byCode.get(term.code);
    if (other !== undefined) {
      throw new Error(
        `Terms "${other}" and "${term.id}" share the code "${term.code}"; a CodeSystem holds each code once.`,
      );
    }
    byCode.set(term.code, term.id);
  }
  const codeSystem: FhirCodeSystem = {
    resourceType: 'CodeSystem',
    id: toFhirId(dictionary.id),
    extension: [{ url: domainExtensionUrl, valueCode: dictionary.domain }],
    url: dictionaryUri(dictionary.id),
    name: toFhirName('Tessera', dictionary.id),
    title: dictionary.nameEn,
    status: options.status ?? 'active',
    experimental: false,
    date: options.date,
    caseSensitive: true,
    content: 'complete',
    count: own.length,
    property: conceptProperties,
    concept: own.map(toConcept),
  };
  if (options.dictionaryVersion !== undefined) {
    codeSystem.version = String(options.dictionaryVersion);
  }
  if (dictionary.nameZh !== '') {
    codeSystem._title = {
      extension: [
        {
          url: translationUrl,
          extension: [
            { url: 'lang', valueCode: 'zh-CN' },
            { url: 'content', valueString: dictionary.nameZh },
          ],
        },
      ],
    };
  }
  return codeSystem;
}

/** `buildFhirCodeSystem` as two-space indented JSON text with a final newline. */
export function writeFhirCodeSystem(
  dictionary: DictionaryInfo,
  terms: readonly ExportedTerm[],
  options: CodeSystemExportOptions,
): string {
  return `${JSON.stringify(buildFhirCodeSystem(dictionary, terms, options), null, 2)}\n`;
}

function toConcept(term: ExportedTerm): FhirConcept {
  const designation: FhirDesignation[] = [];
  if (term.nameZh !== '') {
    designation.push({ language: 'zh-CN', use: chineseNameUse, value: term.nameZh });
  }
  for (const value of term.abbreviations) {
    designation.push({ language: languageOf(value), use: abbreviationUse, value });
  }
  for (const value of term.synonyms) {
    designation.push({ language: languageOf(value), use: synonymUse, value });
  }
  for (const learned of term.learned) {
    const extension: FhirExtension[] = [
      { url: learnedByUrl, valueString: learned.addedBy },
      { url: learnedAtUrl, valueDateTime: learned.addedAt },
    ];
    if (learned.sourceId !== undefined) {
      extension.push({ url: learnedSourceUrl, valueString: learned.sourceId });
    }
    if (learned.sourceSystem !== undefined) {
      extension.push({ url: learnedSourceSystemUrl, valueString: learned.sourceSystem });
    }
    designation.push({
      language: languageOf(learned.text),
      use: learnedSynonymUse,
      value: learned.text,
      extension,
    });
  }
  const property: FhirConceptProperty[] = [
    { code: 'status', valueCode: term.status },
    { code: 'tessera-id', valueString: term.id },
    { code: 'source-system', valueString: fhirSystemOf(term.system, term.dictionaryId) },
    ...term.units.map((unit) => ({ code: 'unit', valueString: unit })),
  ];
  if (term.property !== undefined) {
    property.push({ code: 'measured-property', valueString: term.property });
  }
  if (term.specimen !== undefined) property.push({ code: 'specimen', valueString: term.specimen });
  property.push({ code: 'category', valueString: term.category });
  if (term.replacedBy !== undefined) {
    property.push({ code: 'replaced-by', valueString: term.replacedBy });
  }
  const concept: FhirConcept = { code: term.code, display: term.nameEn };
  if (designation.length > 0) concept.designation = designation;
  concept.property = property;
  return concept;
}

// Reading.

const designationSchema = z.looseObject({
  language: z.string().optional(),
  use: codingSchema.optional(),
  value: z.string(),
  extension: z.array(extensionSchema).optional(),
});

const conceptPropertySchema = z.looseObject({
  code: z.string().min(1),
  valueCode: z.string().optional(),
  valueString: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  valueDateTime: z.string().optional(),
});

interface ReadConcept {
  code: string;
  display?: string | undefined;
  designation?: z.output<typeof designationSchema>[] | undefined;
  property?: z.output<typeof conceptPropertySchema>[] | undefined;
  concept?: ReadConcept[] | undefined;
}

const conceptSchema: z.ZodType<ReadConcept> = z.looseObject({
  code: z.string().min(1, 'must not be empty'),
  display: z.string().optional(),
  designation: z.array(designationSchema).optional(),
  property: z.array(conceptPropertySchema).optional(),
  get concept() {
    return z.array(conceptSchema).optional();
  },
});

const codeSystemSchema = z.looseObject({
  resourceType: z.literal('CodeSystem'),
  id: z.string().optional(),
  url: z.string().optional(),
  name: z.string().optional(),
  title: z.string().optional(),
  _title: z.looseObject({ extension: z.array(extensionSchema).optional() }).optional(),
  extension: z.array(extensionSchema).optional(),
  concept: z.array(conceptSchema).optional(),
});

export interface CodeSystemImportOptions {
  fileName?: string;
  /** Stamped as `updatedAt` on every term read. */
  importedAt: string;
  /** The dictionary the terms go into, when the CodeSystem is not a Tessera export. */
  dictionaryId?: string;
  /** The domain of that dictionary, when the CodeSystem does not say it. */
  domain?: TermDomain;
}

export interface ImportedDictionary {
  dictionary: DictionaryInfo;
  terms: ExportedTerm[];
}

/**
 * Reads a FHIR CodeSystem (JSON) into a dictionary and its terms. Throws an IngestError naming
 * the JSON path and line of the first problem: not a CodeSystem, a concept without a code, two
 * concepts with one code, a learned synonym without provenance, no way to tell the dictionary's
 * id or domain.
 */
export function readFhirCodeSystem(
  text: string,
  options: CodeSystemImportOptions,
): ImportedDictionary {
  const { fileName = 'codesystem.json', importedAt } = options;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const value = parseJsonDocument(body, fileName);
  checkResourceType(value, 'CodeSystem', body, fileName);
  const codeSystem = validateJson(codeSystemSchema, value, body, fileName);
  const fail = (path: readonly JsonPathSegment[], reason: string): IngestError =>
    pathError(body, fileName, path, reason);

  const url = codeSystem.url ?? '';
  const dictionaryId =
    dictionaryIdOfUri(url) ?? options.dictionaryId ?? codeSystem.id ?? codeSystem.name;
  if (dictionaryId === undefined || dictionaryId === '') {
    throw fail(['url'], 'no dictionary id: not a Tessera URL, no id, no name, none given');
  }
  const declaredDomain = extensionString(codeSystem.extension, domainExtensionUrl);
  if (declaredDomain !== undefined && !isTermDomain(declaredDomain)) {
    throw fail(['extension'], `domain "${declaredDomain}" is not one Tessera knows`);
  }
  const domain =
    options.domain ?? declaredDomain ?? (url === loincUri ? 'clinical-lab' : undefined);
  if (domain === undefined) {
    throw fail(['extension'], 'the CodeSystem does not say its domain, and none was given');
  }
  const dictionary: DictionaryInfo = {
    id: dictionaryId,
    domain,
    nameEn: codeSystem.title ?? codeSystem.name ?? dictionaryId,
    nameZh: chineseTitle(codeSystem._title?.extension) ?? '',
  };

  const terms: ExportedTerm[] = [];
  const codes = new Map<string, string>();
  const ids = new Set<string>();
  const visit = (concepts: readonly ReadConcept[], path: readonly JsonPathSegment[]) => {
    concepts.forEach((concept, index) => {
      const here = [...path, index];
      const firstAt = codes.get(concept.code);
      if (firstAt !== undefined) {
        throw fail([...here, 'code'], `code "${concept.code}" appears twice (first at ${firstAt})`);
      }
      codes.set(concept.code, formatJsonPath(here));
      const term = toTerm(concept, here, dictionary, url, importedAt, fail);
      if (ids.has(term.id)) {
        throw fail([...here, 'property'], `term id "${term.id}" appears twice`);
      }
      ids.add(term.id);
      terms.push(term);
      if (concept.concept) visit(concept.concept, [...here, 'concept']);
    });
  };
  visit(codeSystem.concept ?? [], ['concept']);
  return { dictionary, terms };
}

function chineseTitle(extensions: readonly ReadExtension[] | undefined): string | undefined {
  for (const extension of extensions ?? []) {
    if (extension.url !== translationUrl) continue;
    const parts = (extension.extension ?? []) as ReadExtension[];
    const lang = parts.find((part) => part.url === 'lang')?.valueCode ?? '';
    const content = parts.find((part) => part.url === 'content')?.valueString;
    if (lang.toLowerCase().startsWith('zh') && content !== undefined) return content;
  }
  return undefined;
}

function toTerm(
  concept: ReadConcept,
  path: readonly JsonPathSegment[],
  dictionary: DictionaryInfo,
  url: string,
  importedAt: string,
  fail: (path: readonly JsonPathSegment[], reason: string) => IngestError,
): ExportedTerm {
  const properties = concept.property ?? [];
  const valuesOf = (code: string): string[] =>
    properties
      .filter((property) => property.code === code)
      .flatMap((property) => property.valueString ?? property.valueCode ?? []);
  const valueOf = (code: string): string | undefined => valuesOf(code)[0];

  const sourceSystem = valueOf('source-system');
  const nameEn = concept.display ?? concept.code;
  const term: ExportedTerm = {
    id: valueOf('tessera-id') ?? `${dictionary.id}.${concept.code}`,
    domain: dictionary.domain,
    system: codeSystemOfFhirUri(sourceSystem ?? url),
    code: concept.code,
    nameEn,
    nameZh: '',
    abbreviations: [],
    synonyms: [],
    units: valuesOf('unit'),
    category: valueOf('category') ?? '',
    dictionaryId: dictionary.id,
    status: statusOf(properties),
    learned: [],
    updatedAt: importedAt,
  };
  const measured = valueOf('measured-property');
  const specimen = valueOf('specimen');
  const replacedBy = valueOf('replaced-by');
  if (measured !== undefined) term.property = measured;
  if (specimen !== undefined) term.specimen = specimen;
  if (replacedBy !== undefined) term.replacedBy = replacedBy;

  let hasChineseName = false;
  (concept.designation ?? []).forEach((designation, index) => {
    const { value, use } = designation;
    const language = (designation.language ?? '').toLowerCase();
    const useCode = use?.system === designationUseSystem ? use.code : undefined;
    const isSynonymUse = use?.system === snomedUri && use.code === synonymUse.code;
    const isLanguageName =
      use === undefined || (use.system === termMaintenanceUri && use.code === chineseNameUse.code);
    if (useCode === 'abbreviation') {
      term.abbreviations.push(value);
    } else if (useCode === 'learned-synonym') {
      term.learned.push(
        toLearned(value, designation.extension, [...path, 'designation', index], fail),
      );
    } else if (!hasChineseName && language.startsWith('zh') && isLanguageName) {
      term.nameZh = value;
      hasChineseName = true;
    } else if (isSynonymUse) {
      term.synonyms.push(value);
    } else if (![nameEn, term.nameZh, ...term.synonyms].includes(value)) {
      // Another system's designation, often the display again: kept once, as a synonym.
      term.synonyms.push(value);
    }
  });
  return term;
}

function statusOf(properties: readonly z.output<typeof conceptPropertySchema>[]): TermStatus {
  for (const property of properties) {
    if (property.code === 'status') {
      const status = property.valueCode ?? property.valueString;
      if (status === 'deprecated' || status === 'retired') return 'deprecated';
    }
    if (property.code === 'inactive' && property.valueBoolean === true) return 'deprecated';
    if (property.code === 'deprecated' && property.valueDateTime !== undefined) {
      return 'deprecated';
    }
  }
  return 'active';
}

function toLearned(
  text: string,
  extensions: readonly ReadExtension[] | undefined,
  path: readonly JsonPathSegment[],
  fail: (path: readonly JsonPathSegment[], reason: string) => IngestError,
): LearnedSynonym {
  const addedBy = extensionString(extensions, learnedByUrl);
  const addedAt = extensionString(extensions, learnedAtUrl);
  if (addedBy === undefined || addedBy === '') {
    throw fail([...path, 'extension'], `a learned synonym needs the extension ${learnedByUrl}`);
  }
  if (addedAt === undefined || !isoDateTime.safeParse(addedAt).success) {
    throw fail(
      [...path, 'extension'],
      `a learned synonym needs the extension ${learnedAtUrl} with an ISO date-time`,
    );
  }
  const learned: LearnedSynonym = { text, addedBy, addedAt };
  const sourceId = extensionString(extensions, learnedSourceUrl);
  if (sourceId !== undefined) learned.sourceId = sourceId;
  const sourceSystem = extensionString(extensions, learnedSourceSystemUrl);
  if (sourceSystem !== undefined && sourceSystem !== '') learned.sourceSystem = sourceSystem;
  return learned;
}
