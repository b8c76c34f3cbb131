import { IngestError } from './errors';
import { flattenJson } from './flatten';
import { describeJson, isJsonObject, jsonErrorLine, locateJsonProblem } from './json';
import type { IngestItem, RowOrigin, TextParseOptions } from './types';

/** The resource types that become records. */
export const fhirRecordTypes: readonly string[] = [
  'Patient',
  'Observation',
  'DiagnosticReport',
  'Condition',
  'MedicationRequest',
];

/** What the parse saw besides its records: returned when the generator finishes. */
export interface FhirParseSummary {
  /** Resources of other types (Encounter, Practitioner, …) that were passed over, by type. */
  ignored: Record<string, number>;
}

/**
 * Reads a FHIR R4 Bundle in JSON (or a single resource that is not a Bundle, taken as a Bundle
 * of one entry) and yields one 'record' per Patient, Observation, DiagnosticReport, Condition and
 * MedicationRequest, flattened to dotted paths: 'resourceType', 'id', 'subject.reference',
 * 'code.coding.0.system', 'code.coding.0.code', 'code.coding.0.display', 'code.text',
 * 'valueQuantity.value', 'valueQuantity.unit', … Every coding of a CodeableConcept is kept, with
 * its index in the path. An entry's fullUrl, when present, is kept as 'fullUrl' (references
 * inside a Bundle often point at it, e.g. 'urn:uuid:…').
 *
 * Other resource types are a normal part of a Bundle (Encounter, Practitioner, Organization …),
 * so in both modes they yield nothing, neither a record nor a skip; they are counted instead and
 * the counts are the generator's return value ({@link FhirParseSummary}), for an import summary.
 *
 * origin = { entry: 0-based index in Bundle.entry, resource: 'Observation/abc' }.
 *
 * Problems: a JSON syntax error (with its line), a top level that is not a resource (a JSON
 * array, an object without resourceType) and a Bundle whose `entry` is not an array throw in both
 * modes. An entry without a usable resource throws in strict mode and is skipped in lenient mode.
 */
export function* parseFhirBundle(
  text: string,
  options: TextParseOptions,
): Generator<IngestItem, FhirParseSummary> {
  const { fileName, mode } = options;
  const root = parseDocument(text, fileName);
  if (!isJsonObject(root)) {
    throw new IngestError(
      fileName,
      null,
      `is ${describeJson(root)} in JSON, not a FHIR Bundle or resource`,
    );
  }
  if (typeof root.resourceType !== 'string' || root.resourceType === '') {
    throw new IngestError(fileName, null, 'is a JSON object without resourceType: not FHIR');
  }

  let entries: unknown[];
  if (root.resourceType === 'Bundle') {
    const entry = root.entry ?? [];
    if (!Array.isArray(entry)) {
      throw new IngestError(fileName, null, `has a Bundle.entry that is ${describeJson(entry)}`);
    }
    entries = entry;
  } else {
    entries = [{ resource: root }];
  }

  const ignored: Record<string, number> = {};
  for (const [index, entry] of entries.entries()) {
    const resource = isJsonObject(entry) ? entry.resource : undefined;
    const resourceType =
      isJsonObject(resource) && typeof resource.resourceType === 'string'
        ? resource.resourceType
        : '';
    if (!isJsonObject(resource) || resourceType === '') {
      const reason = !isJsonObject(entry)
        ? `Bundle entry ${index} is ${describeJson(entry)}, not an object`
        : !isJsonObject(resource)
          ? `Bundle entry ${index} has no resource`
          : `Bundle entry ${index} has a resource without resourceType`;
      if (mode === 'strict') throw new IngestError(fileName, null, reason);
      yield { kind: 'skip', origin: { entry: index }, reason };
      continue;
    }
    if (!fhirRecordTypes.includes(resourceType)) {
      ignored[resourceType] = (ignored[resourceType] ?? 0) + 1;
      continue;
    }
    const id = typeof resource.id === 'string' && resource.id !== '' ? resource.id : null;
    const origin: RowOrigin = {
      entry: index,
      resource: id === null ? resourceType : `${resourceType}/${id}`,
    };
    const record = flattenJson(resource);
    const fullUrl = isJsonObject(entry) ? entry.fullUrl : undefined;
    yield {
      kind: 'record',
      record:
        typeof fullUrl === 'string' && !('fullUrl' in record) ? { ...record, fullUrl } : record,
      origin,
    };
  }
  return { ignored };
}

function parseDocument(text: string, fileName: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new IngestError(fileName, null, 'holds no JSON (it is blank)');
  try {
    return JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const line = jsonErrorLine(body, error.message);
    const reason = locateJsonProblem(body)?.reason ?? error.message;
    throw new IngestError(fileName, line, `is not valid JSON: ${reason}`);
  }
}
