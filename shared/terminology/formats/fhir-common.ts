import { z } from 'zod';
import { IngestError } from '../../ingest/errors';
import { formatJsonPath, lineOfNearestJsonPath, type JsonPathSegment } from './json-support';

/** The parts of FHIR R4 datatypes the CodeSystem and ConceptMap formats write and read. */

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirExtension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueDateTime?: string;
  valueDecimal?: number;
  valueInteger?: number;
  extension?: FhirExtension[];
}

/** Extensions Tessera defines: `urn:tessera:fhir:<name>`. Other readers may ignore them. */
export function tesseraExtensionUrl(name: string): string {
  return `urn:tessera:fhir:${name}`;
}

export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});

export const extensionSchema = z.looseObject({
  url: z.string(),
  valueString: z.string().optional(),
  valueCode: z.string().optional(),
  valueDateTime: z.string().optional(),
  valueDecimal: z.number().optional(),
  valueInteger: z.number().int().optional(),
  extension: z.array(z.looseObject({ url: z.string() })).optional(),
});

export type ReadExtension = z.output<typeof extensionSchema>;

/** The value of the first extension with `url`, as a string, number or undefined. */
export function extensionValue(
  extensions: readonly ReadExtension[] | undefined,
  url: string,
): string | number | undefined {
  const found = extensions?.find((extension) => extension.url === url);
  if (!found) return undefined;
  return (
    found.valueString ??
    found.valueCode ??
    found.valueDateTime ??
    found.valueDecimal ??
    found.valueInteger
  );
}

export function extensionString(
  extensions: readonly ReadExtension[] | undefined,
  url: string,
): string | undefined {
  const value = extensionValue(extensions, url);
  return typeof value === 'string' ? value : undefined;
}

export function extensionNumber(
  extensions: readonly ReadExtension[] | undefined,
  url: string,
): number | undefined {
  const value = extensionValue(extensions, url);
  return typeof value === 'number' ? value : undefined;
}

/** A FHIR `id`: letters, digits, "-" and ".", at most 64 characters. */
export function toFhirId(text: string): string {
  const id = text.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 64);
  return id === '' ? 'tessera' : id;
}

/** A FHIR computable name: starts with a capital, letters, digits and "_" only. */
export function toFhirName(prefix: string, text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return prefix + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** An IngestError about the value at `path` of a JSON document. */
export function pathError(
  text: string,
  fileName: string,
  path: readonly JsonPathSegment[],
  reason: string,
): IngestError {
  return new IngestError(
    fileName,
    lineOfNearestJsonPath(text, path),
    `${formatJsonPath(path)}: ${reason}`,
  );
}

/** Refuses a resource of another type before its shape is checked in detail. */
export function checkResourceType(
  value: unknown,
  resourceType: string,
  text: string,
  fileName: string,
): void {
  const found =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>).resourceType
      : undefined;
  if (found === resourceType) return;
  const what = typeof found === 'string' ? `a FHIR ${found}` : 'no FHIR resource';
  throw pathError(text, fileName, ['resourceType'], `this is ${what}, not a ${resourceType}`);
}
