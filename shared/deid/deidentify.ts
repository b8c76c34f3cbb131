/**
 * De-identification of question–answer pairs and the evidence they cite: finds identifiers by
 * shape (phones, e-mail, resident IDs, record numbers after their label, addresses, dates) and by
 * value (names and identifier-field values from the records, and a list a person gives), then
 * replaces each with a typed placeholder or a consistent pseudonym. Dates are shifted by a whole
 * number of days, one seeded offset per patient, so intervals within a patient's story survive.
 * Clinical values with units and LOINC codes are never touched.
 */
import type { ExportEvidence, ExportablePair } from '../export/exportable';
import { hashString } from '../text/near-duplicate';
import { findClinicalValues } from './clinical';
import { findDates, type FoundDate } from './dates';
import { classifyField, defaultFieldRules, type FieldRules } from './fields';
import { KnownValueMatcher } from './names';
import {
  defaultMrnLabels,
  findAddresses,
  findEmails,
  findMrns,
  findPhones,
  findResidentIds,
} from './patterns';
import { pseudonymFor } from './pseudonyms';
import {
  emptyCounts,
  identifierTypes,
  type IdentifierCounts,
  type IdentifierType,
  type Span,
} from './types';

export interface DeidentifySettings {
  /** "[NAME]" for every name, or a consistent made-up name per person. */
  mode: 'placeholder' | 'pseudonym';
  /** Shift dates per patient (default), replace them with "[DATE]", or leave them. */
  dates: 'shift' | 'placeholder' | 'keep';
  /** Offsets are whole days in [−maxShiftDays, −1] ∪ [1, maxShiftDays]. */
  maxShiftDays: number;
  /** Seeds the date offsets and, unless `salt` is given, the pseudonyms. */
  seed: number;
  salt?: string;
  /** Names to remove besides those in the records' name fields. */
  names: readonly string[];
  /** Labels that introduce a medical record number in text. */
  mrnLabels: readonly string[];
  /** A site's own record-number shapes (whole match, or group 1, is the number). */
  mrnPatterns: readonly RegExp[];
  fieldRules: FieldRules;
  /** Identifier types to remove; the others are left as they are. */
  types: readonly IdentifierType[];
}

export const defaultDeidentifySettings: DeidentifySettings = {
  mode: 'placeholder',
  dates: 'shift',
  maxShiftDays: 365,
  seed: 0,
  names: [],
  mrnLabels: defaultMrnLabels,
  mrnPatterns: [],
  fieldRules: defaultFieldRules,
  types: identifierTypes,
};

export interface Replacement extends Span {
  original: string;
  replacement: string;
}

export interface DeidentifiedText {
  text: string;
  /** Positions are in the original text, in order. */
  replacements: Replacement[];
}

// Of two overlapping spans of equal length, the one whose type comes first here wins.
const priority: readonly IdentifierType[] = [
  'ID',
  'EMAIL',
  'PHONE',
  'MRN',
  'ADDRESS',
  'DATE',
  'NAME',
];

/** Overlapping spans reduced to the longest (then highest-priority) ones, in text order. */
export function resolveSpans<T extends Span>(spans: readonly T[]): T[] {
  const ranked = [...spans].sort(
    (left, right) =>
      right.end - right.start - (left.end - left.start) ||
      priority.indexOf(left.type) - priority.indexOf(right.type) ||
      left.start - right.start,
  );
  const chosen: T[] = [];
  for (const span of ranked)
    if (!chosen.some((other) => span.start < other.end && other.start < span.end))
      chosen.push(span);
  return chosen.sort((left, right) => left.start - right.start);
}

/** A patient's date offset in days: never 0, the same for every date of that patient. */
export function dateOffset(seed: number, patientKey: string, maxShiftDays: number): number {
  const hash = hashString(`${seed}\u0000date\u0000${patientKey}`);
  const magnitude = 1 + ((hash >>> 1) % Math.max(1, Math.floor(maxShiftDays)));
  return hash & 1 ? magnitude : -magnitude;
}

export class Deidentifier {
  readonly settings: DeidentifySettings;
  private readonly known: KnownValueMatcher;
  private readonly enabled: ReadonlySet<IdentifierType>;
  private readonly tally: IdentifierCounts = emptyCounts();

  constructor(settings: Partial<DeidentifySettings> = {}, knownValues?: KnownValueMatcher) {
    this.settings = { ...defaultDeidentifySettings, ...settings };
    this.known = knownValues ?? new KnownValueMatcher();
    for (const name of this.settings.names) this.known.addName(name);
    this.enabled = new Set(
      this.settings.types.filter((type) => type !== 'DATE' || this.settings.dates !== 'keep'),
    );
  }

  /**
   * A de-identifier that knows every name and identifier-field value in the pairs' evidence, so
   * that a name cited by one pair is removed from every pair that mentions it.
   */
  static forPairs(
    pairs: Iterable<ExportablePair>,
    settings: Partial<DeidentifySettings> = {},
  ): Deidentifier {
    const rules = settings.fieldRules ?? defaultFieldRules;
    const known = new KnownValueMatcher();
    for (const pair of pairs) addKnownValues(known, pair, rules);
    return new Deidentifier(settings, known);
  }

  /** The same replacements without counting them: for writing pairs already counted. */
  uncounted(): Deidentifier {
    return new Deidentifier(this.settings, this.known);
  }

  /** Replacements made so far, per type. */
  counts(): IdentifierCounts {
    return { ...this.tally };
  }

  /** The identifiers in `text`, without overlaps and never over a clinical value. */
  findSpans(text: string): (Span | FoundDate)[] {
    const found: (Span | FoundDate)[] = [
      ...findResidentIds(text),
      ...findEmails(text),
      ...findPhones(text),
      ...findMrns(text, this.settings.mrnLabels, this.settings.mrnPatterns),
      ...findAddresses(text),
      ...findDates(text),
      ...this.known.find(text),
    ].filter((span) => this.enabled.has(span.type));
    const clinical = findClinicalValues(text);
    const safe = found.filter(
      (span) =>
        span.type === 'ID' ||
        span.type === 'EMAIL' ||
        !clinical.some((value) => span.start < value.end && value.start < span.end),
    );
    return resolveSpans(safe);
  }

  /** De-identifies free text about one patient (whose dates share one offset). */
  text(text: string, patientKey: string): DeidentifiedText {
    return this.rewrite(text, patientKey, true);
  }

  /** What `text` would do, without counting the replacements. */
  preview(text: string, patientKey: string): DeidentificationPreview {
    const { text: after, replacements } = this.rewrite(text, patientKey, false);
    let shift = 0;
    const spans = replacements.map((replacement) => {
      const afterStart = replacement.start + shift;
      const afterEnd = afterStart + replacement.replacement.length;
      shift += replacement.replacement.length - (replacement.end - replacement.start);
      return { ...replacement, afterStart, afterEnd };
    });
    return { before: text, after, spans };
  }

  private rewrite(text: string, patientKey: string, isCounted: boolean): DeidentifiedText {
    const replacements: Replacement[] = [];
    let result = '';
    let position = 0;
    for (const span of this.findSpans(text)) {
      const original = text.slice(span.start, span.end);
      const replacement = this.replacementFor(span, original, patientKey);
      if (replacement === original) continue;
      replacements.push({
        start: span.start,
        end: span.end,
        type: span.type,
        original,
        replacement,
      });
      result += text.slice(position, span.start) + replacement;
      position = span.end;
      if (isCounted) this.tally[span.type]++;
    }
    return { text: result + text.slice(position), replacements };
  }

  /** A field value: replaced whole when the field holds an identifier, else searched as text. */
  field(name: string, value: string, patientKey: string): string {
    const type = classifyField(name, this.settings.fieldRules);
    if (type === null || !this.enabled.has(type)) return this.text(value, patientKey).text;
    if (value.trim() === '') return value;
    this.tally[type]++;
    return this.settings.mode === 'pseudonym'
      ? pseudonymFor(this.salt(), type, value)
      : placeholder(type);
  }

  pair(pair: ExportablePair): ExportablePair {
    const patientKey = pair.groupKeys[0] ?? `pair:${pair.id}`;
    const evidence: ExportEvidence[] = pair.evidence.map((item) => ({
      ...item,
      // A scan's or document's name can carry the patient's name ("张伟_病历.pdf").
      ...(item.label === undefined ? {} : { label: this.text(item.label, patientKey).text }),
      fields: Object.fromEntries(
        Object.entries(item.fields).map(([name, value]) => [
          name,
          this.field(name, value, patientKey),
        ]),
      ),
    }));
    return {
      ...pair,
      question: this.text(pair.question, patientKey).text,
      answer: this.text(pair.answer, patientKey).text,
      ...(pair.context === undefined ? {} : { context: this.text(pair.context, patientKey).text }),
      evidence,
    };
  }

  private salt(): string {
    return this.settings.salt ?? String(this.settings.seed);
  }

  private replacementFor(span: Span | FoundDate, original: string, patientKey: string): string {
    if (span.type === 'DATE' && 'shift' in span && this.settings.dates === 'shift')
      return span.shift(dateOffset(this.settings.seed, patientKey, this.settings.maxShiftDays));
    if (span.type === 'DATE' || this.settings.mode === 'placeholder') return placeholder(span.type);
    return pseudonymFor(this.salt(), span.type, original);
  }
}

/** Learns the names and identifier-field values a pair's evidence cites. */
export function addKnownValues(
  known: KnownValueMatcher,
  pair: ExportablePair,
  rules: DeidentifySettings['fieldRules'] = defaultFieldRules,
): void {
  for (const evidence of pair.evidence)
    for (const [name, value] of Object.entries(evidence.fields)) {
      const type = classifyField(name, rules);
      if (type === 'NAME') known.addName(value);
      else if (type !== null) known.addValue(type, value);
    }
}

export function placeholder(type: IdentifierType): string {
  return `[${type}]`;
}

/** Before and after, with each replacement's place in both, to show before an export runs. */
export interface DeidentificationPreview {
  before: string;
  after: string;
  spans: PreviewSpan[];
}

export interface PreviewSpan extends Replacement {
  /** Where the replacement sits in the text after de-identification. */
  afterStart: number;
  afterEnd: number;
}

/** The settings as plain JSON for a manifest: patterns as text, the name list only counted. */
export interface DeidentifySummary {
  mode: DeidentifySettings['mode'];
  dates: DeidentifySettings['dates'];
  maxShiftDays: number;
  seed: number;
  types: IdentifierType[];
  mrnLabels: string[];
  mrnPatterns: string[];
  names: number;
  customSalt: boolean;
}

export function summarizeDeidentifySettings(settings: DeidentifySettings): DeidentifySummary {
  return {
    mode: settings.mode,
    dates: settings.dates,
    maxShiftDays: settings.maxShiftDays,
    seed: settings.seed,
    types: [...settings.types],
    mrnLabels: [...settings.mrnLabels],
    mrnPatterns: settings.mrnPatterns.map(String),
    names: settings.names.length,
    customSalt: settings.salt !== undefined,
  };
}
