import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFhirBundle, type FhirParseSummary } from './fhir';
import type { IngestItem, TextParseOptions } from './types';
import { failureOf } from './test-support';

const bundlePath = 'test/fixtures/records/fhir/bundle-lab.json';
const bundleText = readFileSync(bundlePath, 'utf8');

const strict: TextParseOptions = { fileName: 'bundle-lab.json', mode: 'strict' };
const lenient: TextParseOptions = { fileName: 'bundle-lab.json', mode: 'lenient' };

/** Runs the generator to the end, keeping both the items and its return value. */
function run(text: string, options: TextParseOptions) {
  const generator = parseFhirBundle(text, options);
  const items: IngestItem[] = [];
  for (;;) {
    const step = generator.next();
    if (step.done === true) return { items, summary: step.value satisfies FhirParseSummary };
    items.push(step.value);
  }
}

type RecordItem = Extract<IngestItem, { kind: 'record' }>;
const recordsOf = (items: IngestItem[]) =>
  items.filter((item): item is RecordItem => item.kind === 'record');

describe('parseFhirBundle on bundle-lab.json', () => {
  const { items, summary } = run(bundleText, strict);
  const records = recordsOf(items);
  const byResource = new Map(records.map((item) => [item.origin.resource, item.record]));

  it('yields the 9 supported resources of the 10 entries and counts the ignored Encounter', () => {
    expect(items).toHaveLength(9);
    expect(records.map((item) => item.origin)).toEqual([
      { entry: 0, resource: 'Patient/pat-1001' },
      { entry: 2, resource: 'Observation/obs-hgb' },
      { entry: 3, resource: 'Observation/obs-glu' },
      { entry: 4, resource: 'Observation/obs-k' },
      { entry: 5, resource: 'Observation/obs-creat' },
      { entry: 6, resource: 'Observation/obs-wbc' },
      { entry: 7, resource: 'DiagnosticReport/rep-3001' },
      { entry: 8, resource: 'Condition/cond-4001' },
      { entry: 9, resource: 'MedicationRequest/medreq-5001' },
    ]);
    expect(summary).toEqual({ ignored: { Encounter: 1 } });
  });

  it('flattens an Observation: LOINC coding, text, valueQuantity, subject', () => {
    expect(byResource.get('Observation/obs-hgb')).toMatchObject({
      resourceType: 'Observation',
      id: 'obs-hgb',
      status: 'final',
      'category.0.coding.0.code': 'laboratory',
      'code.coding.0.system': 'http://loinc.org',
      'code.coding.0.code': '718-7',
      'code.coding.0.display': 'Hemoglobin [Mass/volume] in Blood',
      'code.text': 'Hemoglobin',
      'subject.reference': 'Patient/pat-1001',
      'valueQuantity.value': '13.2',
      'valueQuantity.unit': 'g/dL',
      // JSON 13.0 is the number 13.
      'referenceRange.0.low.value': '13',
      'referenceRange.0.high.value': '17.5',
      fullUrl: 'urn:uuid:5f1a0c2e-8d0b-4a51-9a57-1f5d2c7e0a03',
    });
  });

  it('keeps every coding of a CodeableConcept with its index', () => {
    expect(byResource.get('Observation/obs-glu')).toMatchObject({
      'code.coding.0.code': '2345-7',
      'code.coding.0.display': 'Glucose [Mass/volume] in Serum or Plasma',
      'code.coding.1.code': 'GLU',
      'code.coding.1.display': '葡萄糖',
      'valueQuantity.value': '142',
      'valueQuantity.unit': 'mg/dL',
      'interpretation.0.coding.0.code': 'H',
    });
    expect(byResource.get('Condition/cond-4001')).toMatchObject({
      'code.coding.0.system': 'http://snomed.info/sct',
      'code.coding.0.code': '44054006',
      'code.coding.1.system': 'http://hl7.org/fhir/sid/icd-10',
      'code.coding.1.code': 'E11.9',
      'code.text': '2型糖尿病',
      'clinicalStatus.coding.0.code': 'active',
    });
  });

  it('flattens the Patient, DiagnosticReport and MedicationRequest', () => {
    expect(byResource.get('Patient/pat-1001')).toMatchObject({
      'identifier.0.value': 'MRN-1001',
      'name.0.family': 'Zhang',
      'name.0.given.0': 'Wei',
      'name.0.text': '张伟',
      gender: 'male',
      birthDate: '1968-04-12',
      active: 'true',
    });
    expect(byResource.get('DiagnosticReport/rep-3001')).toMatchObject({
      'code.coding.0.code': '11502-2',
      'result.0.reference': 'Observation/obs-hgb',
      'result.4.reference': 'Observation/obs-wbc',
    });
    expect(byResource.get('MedicationRequest/medreq-5001')).toMatchObject({
      'medicationCodeableConcept.coding.0.code': '861007',
      'medicationCodeableConcept.coding.0.display': 'metformin hydrochloride 500 MG Oral Tablet',
      'dosageInstruction.0.doseAndRate.0.doseQuantity.value': '500',
      'dosageInstruction.0.timing.repeat.frequency': '2',
    });
  });

  it('gives the same output in lenient mode (ignored types are not skips)', () => {
    expect(run(bundleText, lenient)).toEqual({ items, summary });
  });
});

describe('parseFhirBundle on a single resource', () => {
  it('takes a resource that is not a Bundle as one entry', () => {
    const text = JSON.stringify({
      resourceType: 'Observation',
      id: 'x1',
      code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
      valueQuantity: { value: 5.4, unit: 'mmol/L' },
    });
    const { items } = run(text, strict);
    expect(items).toEqual([
      {
        kind: 'record',
        origin: { entry: 0, resource: 'Observation/x1' },
        record: {
          resourceType: 'Observation',
          id: 'x1',
          'code.coding.0.system': 'http://loinc.org',
          'code.coding.0.code': '2345-7',
          'valueQuantity.value': '5.4',
          'valueQuantity.unit': 'mmol/L',
        },
      },
    ]);
  });

  it('yields nothing for a single resource of another type, and counts it', () => {
    expect(run('{"resourceType": "Encounter", "id": "e"}', strict)).toEqual({
      items: [],
      summary: { ignored: { Encounter: 1 } },
    });
  });
});

describe('parseFhirBundle errors', () => {
  it('names the line of a JSON syntax error', () => {
    // Drop the comma after the glucose Observation's id: the error is at the next line.
    const lines = bundleText.split('\n');
    const idLine = lines.findIndex((line) => line.includes('"id": "obs-glu",')) + 1;
    const broken = bundleText.replace('"id": "obs-glu",', '"id": "obs-glu"');
    for (const options of [strict, lenient]) {
      const error = failureOf(() => run(broken, options));
      expect(error.line).toBe(idLine + 1);
      expect(error.message).toContain(`bundle-lab.json, line ${idLine + 1}: is not valid JSON`);
    }
  });

  it('refuses JSON that is not a Bundle or resource', () => {
    expect(failureOf(() => run('[{"resourceType": "Patient"}]', strict)).message).toBe(
      'bundle-lab.json: is an array in JSON, not a FHIR Bundle or resource',
    );
    expect(failureOf(() => run('{"name": "x"}', lenient)).message).toContain(
      'without resourceType',
    );
    expect(failureOf(() => run('{"resourceType": "Bundle", "entry": {}}', lenient)).message).toBe(
      'bundle-lab.json: has a Bundle.entry that is an object',
    );
    expect(failureOf(() => run('', strict)).message).toContain('blank');
  });

  it('strict stops at an entry without a resource; lenient skips it', () => {
    const text = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p' } },
        { fullUrl: 'urn:uuid:1' },
        { resource: { id: 'no-type' } },
        { resource: { resourceType: 'Condition', id: 'c' } },
      ],
    });
    expect(failureOf(() => run(text, strict)).message).toBe(
      'bundle-lab.json: Bundle entry 1 has no resource',
    );
    const { items } = run(text, lenient);
    expect(items.map((item) => (item.kind === 'record' ? item.origin.resource : item))).toEqual([
      'Patient/p',
      { kind: 'skip', origin: { entry: 1 }, reason: 'Bundle entry 1 has no resource' },
      {
        kind: 'skip',
        origin: { entry: 2 },
        reason: 'Bundle entry 2 has a resource without resourceType',
      },
      'Condition/c',
    ]);
  });
});
