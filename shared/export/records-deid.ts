/**
 * De-identification of normalized records, for an export that writes records beside its pairs:
 * a person who asks for de-identified data means every file. Fields are judged by their raw
 * name (the name the source system gave them); names and identifier values found in the records
 * are removed wherever any record repeats them. Date offsets and pseudonyms follow the same seed
 * and patient key as the pairs' (`patient:<id>` from the patient-identifier field), so one
 * patient's dates move by one offset in the records and in the pairs alike.
 */
import { Deidentifier, type DeidentifySettings } from '../deid/deidentify';
import { classifyField, defaultFieldRules } from '../deid/fields';
import { KnownValueMatcher } from '../deid/names';
import type { IdentifierCounts } from '../deid/types';
import { defaultPatientIdFields, evidenceGroupKeys } from './exportable';
import type { ExportableRecord } from './records';

export interface DeidentifiedRecords {
  records: ExportableRecord[];
  counts: IdentifierCounts;
}

export function deidentifyRecords(
  records: readonly ExportableRecord[],
  settings: Partial<DeidentifySettings>,
  patientIdFields: readonly string[] = defaultPatientIdFields,
): DeidentifiedRecords {
  const rules = settings.fieldRules ?? defaultFieldRules;
  const known = new KnownValueMatcher();
  for (const record of records)
    for (const field of record.fields) {
      const type = classifyField(field.raw, rules);
      if (type === 'NAME') known.addName(field.rawValue);
      else if (type !== null) known.addValue(type, field.rawValue);
    }
  const deidentifier = new Deidentifier(settings, known);
  const cleaned = records.map((record): ExportableRecord => {
    const raw = Object.fromEntries(record.fields.map((field) => [field.raw, field.rawValue]));
    const [patientKey = `record:${record.source}#${record.line}`] = evidenceGroupKeys(
      `${record.source}#${record.line}`,
      [{ sourceId: record.source, sourceName: record.source, row: record.line, fields: raw }],
      patientIdFields,
    );
    return {
      ...record,
      fields: record.fields.map((field) => {
        const rawValue = deidentifier.field(field.raw, field.rawValue, patientKey);
        const value =
          field.value === field.rawValue
            ? rawValue
            : deidentifier.field(field.raw, field.value, patientKey);
        return { ...field, rawValue, value };
      }),
    };
  });
  return { records: cleaned, counts: deidentifier.counts() };
}
