import { z } from 'zod';
import type { FieldMapping } from '../../model/mapping';
import type { Term } from '../../model/terminology';
import { IngestError } from '../../ingest/errors';
import {
  formatJsonPath,
  issueError,
  lineOfNearestJsonPath,
  parseJsonDocument,
  validateJson,
} from './json-support';
import {
  dictionaryInfoSchema,
  fieldMappingSchema,
  isoDateTime,
  termSchema,
  type DictionaryInfo,
} from './schemas';

/**
 * Tessera's own dictionary file: lossless, so a dictionary moves between workstations with every
 * learned synonym's provenance, each term's status and (for a deprecated term) its replacement.
 *
 *     { "format": "tessera-dictionary", "version": 1, "exportedAt": "…", "dictionaryVersion": 7,
 *       "dictionaries": [{ "id", "domain", "nameEn", "nameZh" }],
 *       "terms": [Term & { "replacedBy"? }], "mappings"?: [FieldMapping] }
 *
 * Objects are closed: a key the format does not define is an error rather than something
 * silently dropped, because dropping it would break the promise of a lossless file.
 */

export const tesseraDictionaryFormat = 'tessera-dictionary';
export const tesseraDictionaryVersion = 1;

/** A term as exported: the stored term, plus the term that replaces it when it is deprecated. */
export type ExportedTerm = Term & { replacedBy?: string };

export interface TesseraDictionaryFile {
  format: typeof tesseraDictionaryFormat;
  version: typeof tesseraDictionaryVersion;
  exportedAt: string;
  dictionaryVersion: number;
  dictionaries: DictionaryInfo[];
  terms: ExportedTerm[];
  mappings?: FieldMapping[];
}

export type TesseraDictionaryContent = Omit<TesseraDictionaryFile, 'format' | 'version'>;

const exportedTermSchema = termSchema.extend({ replacedBy: z.string().min(1).optional() });

const fileSchema = z
  .strictObject({
    format: z.literal(tesseraDictionaryFormat),
    version: z.literal(tesseraDictionaryVersion),
    exportedAt: isoDateTime,
    dictionaryVersion: z.number().int().min(0),
    dictionaries: z.array(dictionaryInfoSchema),
    terms: z.array(exportedTermSchema),
    mappings: z.array(fieldMappingSchema).optional(),
  })
  .superRefine((file, context) => {
    const dictionaries = new Map<string, number>();
    file.dictionaries.forEach((dictionary, index) => {
      const first = dictionaries.get(dictionary.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['dictionaries', index, 'id'],
          message: `dictionary id "${dictionary.id}" appears twice (first at ${formatJsonPath(['dictionaries', first])})`,
        });
      }
      dictionaries.set(dictionary.id, index);
    });
    const termIndex = new Map<string, number>();
    file.terms.forEach((term, index) => {
      const first = termIndex.get(term.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'id'],
          message: `term id "${term.id}" appears twice (first at ${formatJsonPath(['terms', first])})`,
        });
      }
      termIndex.set(term.id, index);
      const dictionaryIndex = dictionaries.get(term.dictionaryId);
      const dictionary =
        dictionaryIndex === undefined ? undefined : file.dictionaries[dictionaryIndex];
      if (!dictionary) {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'dictionaryId'],
          message: `dictionary "${term.dictionaryId}" is not listed in $.dictionaries`,
        });
      } else if (dictionary.domain !== term.domain) {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'domain'],
          message: `domain "${term.domain}" differs from its dictionary's domain "${dictionary.domain}"`,
        });
      }
      if (term.replacedBy !== undefined && term.status !== 'deprecated') {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'replacedBy'],
          message: 'only a deprecated term has a replacement',
        });
      }
      if (term.replacedBy === term.id) {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'replacedBy'],
          message: 'a term cannot replace itself',
        });
      }
    });
    const mappingIds = new Set<string>();
    file.mappings?.forEach((mapping, index) => {
      if (mappingIds.has(mapping.id)) {
        context.addIssue({
          code: 'custom',
          path: ['mappings', index, 'id'],
          message: `mapping id "${mapping.id}" appears twice`,
        });
      }
      mappingIds.add(mapping.id);
    });
  });

/**
 * The file text of a dictionary export: two-space indented JSON with a final newline, keys in
 * the order above. The content is checked as an import would check it, so every file written can
 * be read back; a problem throws an Error naming its JSON path.
 */
export function writeTesseraDictionary(content: TesseraDictionaryContent): string {
  const file: TesseraDictionaryFile = {
    format: tesseraDictionaryFormat,
    version: tesseraDictionaryVersion,
    exportedAt: content.exportedAt,
    dictionaryVersion: content.dictionaryVersion,
    dictionaries: content.dictionaries,
    terms: content.terms,
    ...(content.mappings === undefined ? {} : { mappings: content.mappings }),
  };
  const text = JSON.stringify(file, null, 2);
  const result = fileSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new Error(
      `Cannot export the dictionary: ${issueError(result.error, text, 'export').reason}`,
    );
  }
  return `${text}\n`;
}

/**
 * Reads a dictionary export. Throws an IngestError naming the file, the line and the JSON path
 * of the first problem: not JSON, another format or version, a missing or mistyped field, a
 * duplicate id, a term whose dictionary is not listed.
 */
export function readTesseraDictionary(
  text: string,
  fileName = 'dictionary.tessera.json',
): TesseraDictionaryFile {
  const value = parseJsonDocument(text, fileName);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const header = z.looseObject({ format: z.unknown(), version: z.unknown() }).safeParse(value);
  if (!header.success || header.data.format !== tesseraDictionaryFormat) {
    throw new IngestError(
      fileName,
      null,
      `is not a Tessera dictionary file ($.format is not "${tesseraDictionaryFormat}")`,
    );
  }
  if (header.data.version !== tesseraDictionaryVersion) {
    throw new IngestError(
      fileName,
      lineOfNearestJsonPath(body, ['version']),
      `$.version: version ${JSON.stringify(header.data.version)} is not one this Tessera reads (${tesseraDictionaryVersion})`,
    );
  }
  return validateJson(fileSchema, value, body, fileName);
}
