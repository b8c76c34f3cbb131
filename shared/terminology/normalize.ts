/**
 * Folds the ways one label is written into one key: width and compatibility forms (NFKC),
 * traditional Chinese to simplified, case, separators and spacing. A trailing unit such as
 * "(g/L)", "[mg/dL]" or ", mmol/L" is split off, since "Hemoglobin (g/L)" and "HGB" name the same
 * test; a trailing bracket that is not a unit ("Alanine aminotransferase (ALT)") is kept aside as a
 * note, another name for the same thing.
 */
import { toSimplified } from './chinese';
import { looksLikeUnit } from './units';

export interface NormalizedLabel {
  key: string;
  unit: string | null;
  /** A trailing bracket that is not a unit, e.g. "ALT" in "Alanine aminotransferase (ALT)". */
  note?: string;
}

const trailingGroup = /(\s*)[([]([^()[\]]{1,24})[)\]]\s*$/;
const trailingBareUnit = /[\s,;]+([^\s,;]*[/^][^\s,;]*)\s*$/;

export function normalizeLabel(raw: string): NormalizedLabel {
  let text = raw
    .replace(/[【〔]/g, '[')
    .replace(/[】〕]/g, ']')
    .normalize('NFKC')
    .trim();
  let unit: string | null = null;
  let note: string | undefined;
  for (let round = 0; round < 2; round++) {
    const match = trailingGroup.exec(text);
    if (!match || match.index === 0) break;
    const inner = (match[2] ?? '').trim();
    if (unit === null && looksLikeUnit(inner)) unit = inner;
    else if (note === undefined && (match[1] !== '' || Array.from(inner).length > 1)) note = inner;
    else break;
    text = text.slice(0, match.index);
  }
  if (unit === null) {
    const bare = trailingBareUnit.exec(text);
    if (bare && bare.index > 0 && looksLikeUnit(bare[1] ?? '')) {
      unit = bare[1] ?? null;
      text = text.slice(0, bare.index);
    }
  }
  return { key: foldKey(text), unit, ...(note === undefined ? {} : { note }) };
}

/** Idempotent: folding a folded key changes nothing. */
export function foldKey(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = foldOnce(current);
    // Plain ASCII comes out of one fold already folded; other text is folded until it settles.
    if (next === current || /^[\x20-\x7e]*$/.test(next)) return next;
    current = next;
  }
  return current;
}

function foldOnce(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase())
    .normalize('NFKC')
    .replace(/[_\-./\\,:;'"`’‘“”、。·・「」『』]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key a label is matched by: folded, with any trailing unit removed. */
export function labelKey(text: string): string {
  return normalizeLabel(text).key;
}
