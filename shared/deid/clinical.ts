/**
 * Clinical values that de-identification must never touch: a number (or a range) with its unit
 * ("Hb 135 g/L", "3.5-5.5 mmol/L", "500 mg", "37.2 ℃", "12×10^9/L") and LOINC-style codes
 * ("718-7"). A found identifier that overlaps one of these is dropped rather than replaced; the
 * shapes of real identifiers (11-digit phones, 18-digit IDs) never end in a unit.
 */
import type { TextRange } from './types';

const units = [
  '×10\\^?\\d+/L',
  'x10\\^?\\d+/L',
  '10\\^\\d+/L',
  '10\\*\\d+/L',
  'mmol/L',
  'μmol/L',
  'µmol/L',
  'umol/L',
  'nmol/L',
  'pmol/L',
  'mEq/L',
  'mg/dL',
  'mg/L',
  'g/dL',
  'g/L',
  'ng/mL',
  'pg/mL',
  'μg/L',
  'ug/L',
  'ng/L',
  'mIU/L',
  'mIU/mL',
  'IU/L',
  'IU/mL',
  'U/L',
  'U/mL',
  'mL/min',
  'mmHg',
  'cmH2O',
  'bpm',
  '次/分',
  'mg/kg',
  'mcg',
  'μg',
  'mg',
  'kg',
  'g',
  'mL',
  'ml',
  'L',
  'fL',
  'pg',
  'IU',
  'U',
  '%',
  '℃',
  '°C',
  '°F',
  'cm',
  'mm',
  '片',
  '粒',
  '支',
  '袋',
  '滴',
].join('|');

const number = '\\d+(?:\\.\\d+)?';
const valueWithUnit = new RegExp(
  `(?<![\\w.])${number}(?:\\s*[-–~～]\\s*${number})?\\s*(?:${units})(?![A-Za-z])`,
  'gu',
);
const loincCode = /(?<![\w.-])\d{1,5}-\d(?![\w-])/g;

export function findClinicalValues(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const pattern of [valueWithUnit, loincCode]) {
    // Global patterns used by one search at a time: reset, then run through.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text))
      ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}
