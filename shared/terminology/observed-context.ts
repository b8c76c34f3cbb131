/**
 * What a file says around a raw name, gathered for the suggestion engine the way a person reads
 * it. A column name comes with its profile: the kind of values under it, their range, a unit
 * written after them ("13.4 g/L"). In long-format exports the test name is a value (HL7 OBX-3,
 * "检验项目"), and the rows that carry it also carry its unit, result and specimen in sibling
 * columns (OBX-6, OBX-5, "单位", FLUID): those are found by the column's mapped term or its
 * common names, and read once per column, not once per suggestion.
 */
import type { FieldProfile } from '../ingest/profile';
import type { SuggestionContext } from './context';
import { foldKey } from './normalize';
import { looksLikeUnit } from './units';

export type SiblingRole = 'unit' | 'value' | 'specimen' | 'category';

/** For each role, the index of the column that plays it; null when no column does. */
export type Siblings = Record<SiblingRole, number | null>;

/** Folded column names by role, best first: HL7's own fields, then what people name them. */
const roleNames: Record<SiblingRole, RegExp[]> = {
  unit: [
    /^obx 6 1$/,
    /^obx 6$/,
    /^(valueuom|uom|units?|unit of measure|units of measure|result units?|measurement units?)$/,
    /^(单位|结果单位|计量单位)$/,
  ],
  value: [
    /^obx 5$/,
    /^(valuenum|value num|numeric value|result value|value|result|results)$/,
    /^(结果|检验结果|结果值|测定值|数值)$/,
  ],
  specimen: [
    /^(specimen|specimen type|sample|sample type|fluid|body fluid)$/,
    /^(标本|标本类型|样本|样本类型)$/,
  ],
  category: [/^(category|lab section|section|test category)$/, /^(检验分类|检验类别|类别|分类)$/],
};

const roles = Object.keys(roleNames) as SiblingRole[];

/**
 * The columns beside `column` that hold its unit, result, specimen and category. A column mapped
 * to a dictionary term is known by that term's English name first (`canonicalNames`, aligned
 * with `fields`); otherwise by its own name.
 */
export function findSiblings(
  fields: readonly string[],
  column: number,
  canonicalNames: readonly (string | undefined)[] = [],
): Siblings {
  const found: Siblings = { unit: null, value: null, specimen: null, category: null };
  const taken = new Set<number>([column]);
  const names = [
    canonicalNames.map((name) => (name === undefined ? '' : foldKey(name))),
    fields.map((field) => foldKey(field)),
  ];
  for (const role of roles)
    search: for (const folded of names)
      for (const pattern of roleNames[role]) {
        const at = folded.findIndex((name, index) => !taken.has(index) && pattern.test(name));
        if (at >= 0) {
          found[role] = at;
          taken.add(at);
          break search;
        }
      }
  return found;
}

/** A result written with its unit, "13.4 g/L" or "<5 mmol/L", read as number and unit. */
export function splitQuantity(text: string): { number: string; unit: string } | null {
  const match = /^([<>≤≥]=?\s*)?([+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+))\s*(\S.*)$/.exec(text.trim());
  if (!match) return null;
  const unit = (match[3] ?? '').trim();
  if (!looksLikeUnit(unit)) return null;
  return { number: `${match[1] ?? ''}${match[2] ?? ''}`.replace(',', '.'), unit };
}

/** Values kept per raw name: enough for a share of numbers and a range. */
export const mostValues = 50;
/** Distinct raw names followed; a column with more is not a column of test names. */
const mostNames = 5000;

interface Seen {
  units: Map<string, number>;
  specimens: Map<string, number>;
  categories: Map<string, number>;
  values: string[];
}

/**
 * Reads the rows of a long-format export once and keeps, for each distinct value of `column`,
 * the unit, specimen and category most often beside it and a sample of its results.
 */
export class ValueContextCollector {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly columnName: string,
    private readonly column: number,
    private readonly siblings: Siblings,
  ) {}

  add(row: readonly string[]): void {
    const raw = row[this.column] ?? '';
    if (raw.trim() === '') return;
    let entry = this.seen.get(raw);
    if (!entry) {
      if (this.seen.size >= mostNames) return;
      entry = { units: new Map(), specimens: new Map(), categories: new Map(), values: [] };
      this.seen.set(raw, entry);
    }
    const cell = (at: number | null) => (at === null ? '' : (row[at] ?? '').trim());
    let unit = cell(this.siblings.unit).split('^')[0]?.trim() ?? '';
    let value = cell(this.siblings.value);
    const quantity = splitQuantity(value);
    if (quantity) {
      value = quantity.number;
      if (unit === '') unit = quantity.unit;
    }
    tally(entry.units, unit);
    tally(entry.specimens, cell(this.siblings.specimen));
    tally(entry.categories, cell(this.siblings.category));
    if (value !== '' && entry.values.length < mostValues) entry.values.push(value);
  }

  /** The context of each distinct value seen, keyed by the value exactly as written. */
  contexts(): Map<string, SuggestionContext> {
    const contexts = new Map<string, SuggestionContext>();
    for (const [raw, entry] of this.seen) {
      const unit = mostCommon(entry.units);
      const specimen = mostCommon(entry.specimens);
      const category = mostCommon(entry.categories);
      contexts.set(raw, {
        column: this.columnName,
        ...(unit === null ? {} : { unit }),
        ...(specimen === null ? {} : { specimen }),
        ...(category === null ? {} : { category }),
        ...(entry.values.length > 0 ? { values: entry.values } : {}),
      });
    }
    return contexts;
  }
}

/**
 * The context of a column name from its profile: its most frequent values (with a unit written
 * after them split off, and then the unit itself). A unit in the name ("Hb (g/L)") is read by the
 * engine from the name and wins over this one. Dates say nothing about a quantity, so a column
 * of dates gives no values.
 */
export function columnNameContext(profile: FieldProfile | undefined): SuggestionContext {
  if (!profile || ['empty', 'date', 'datetime'].includes(profile.type)) return {};
  const values: string[] = [];
  const units = new Map<string, number>();
  for (const { value } of profile.topValues) {
    const text = value.trim();
    if (text === '') continue;
    const quantity = splitQuantity(text);
    values.push(quantity?.number ?? text);
    tally(units, quantity?.unit ?? '');
  }
  if (values.length === 0) return {};
  const unit = mostCommon(units);
  const isUnitShared = unit !== null && (units.get(unit) ?? 0) * 2 > values.length;
  return { values, ...(isUnitShared ? { unit } : {}) };
}

function tally(counts: Map<string, number>, text: string): void {
  if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
}

function mostCommon(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [text, count] of counts)
    if (count > bestCount) {
      best = text;
      bestCount = count;
    }
  return best;
}
