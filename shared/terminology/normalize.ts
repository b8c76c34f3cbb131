/**
 * Folds the ways one label is written into one key: width and compatibility forms (NFKC),
 * case, separators and spacing. A trailing unit such as "(g/L)" or "[mg/dL]" is split off,
 * since "Hemoglobin (g/L)" and "HGB" name the same test.
 */
export interface NormalizedLabel {
  key: string;
  unit: string | null;
}

const trailingUnit = /\s*[([]([^()[\]]{1,20})[)\]]\s*$/;

export function normalizeLabel(raw: string): NormalizedLabel {
  let text = raw.normalize('NFKC').trim();
  let unit: string | null = null;
  const match = trailingUnit.exec(text);
  if (match && match.index > 0) {
    unit = match[1]?.trim() ?? null;
    text = text.slice(0, match.index);
  }
  return { key: foldKey(text), unit };
}

export function foldKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_\-./\\,:;'"`’]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key a label is matched by: folded, with any trailing unit removed. */
export function labelKey(text: string): string {
  return normalizeLabel(text).key;
}
