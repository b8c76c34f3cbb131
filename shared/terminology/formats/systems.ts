import type { CodeSystem } from '../../model/terminology';

/**
 * How Tessera's code systems are named outside it: the FHIR system URIs (from the FHIR R4
 * terminology pages) and the SSSOM/CURIE prefixes. Local codes belong to their dictionary, so
 * their FHIR system is the dictionary's own URN.
 */

export const loincUri = 'http://loinc.org';
export const snomedUri = 'http://snomed.info/sct';
export const icd10Uri = 'http://hl7.org/fhir/sid/icd-10';

const fhirSystemUris: Record<Exclude<CodeSystem, 'local'>, string> = {
  LOINC: loincUri,
  'SNOMED CT': snomedUri,
  'ICD-10': icd10Uri,
};

/** `urn:tessera:dictionary:<id>`: the URI of a Tessera dictionary and of its local codes. */
export function dictionaryUri(dictionaryId: string): string {
  return `urn:tessera:dictionary:${dictionaryId}`;
}

const dictionaryUriPrefix = 'urn:tessera:dictionary:';

/** The dictionary id of a `urn:tessera:dictionary:<id>` URI, or null for any other URI. */
export function dictionaryIdOfUri(uri: string): string | null {
  return uri.startsWith(dictionaryUriPrefix) && uri.length > dictionaryUriPrefix.length
    ? uri.slice(dictionaryUriPrefix.length)
    : null;
}

/** The FHIR system URI of a term's code. */
export function fhirSystemOf(system: CodeSystem, dictionaryId: string): string {
  return system === 'local' ? dictionaryUri(dictionaryId) : fhirSystemUris[system];
}

/** The code system a FHIR system URI names; any URI Tessera does not know holds local codes. */
export function codeSystemOfFhirUri(uri: string): CodeSystem {
  const entry = Object.entries(fhirSystemUris).find(([, known]) => known === uri);
  return entry ? (entry[0] as CodeSystem) : 'local';
}
