/**
 * Source systems: the application that produced a file ("LIS-A", "HIS Beijing", HL7 MSH-3). A
 * learned synonym or a mapping decision may hold for one system's files only, because the same
 * local code ("HB1") can mean another test in another laboratory. Labels are typed by hand, so
 * they are compared folded: width, case and spacing do not make two systems.
 */
import type { FieldMapping } from '../model/mapping';
import { aliasesOf, type StarterTerm, type LearnedSynonym } from '../model/terminology';
import { labelKey } from './normalize';

type AliasHolder = StarterTerm & { learned?: LearnedSynonym[] };

/** The form a label is compared in; '' for no system. */
export function systemKey(label: string | undefined): string {
  return cleanSystemLabel(label).toLowerCase();
}

/** A label as it is stored: compatibility forms folded, spacing trimmed and collapsed. */
export function cleanSystemLabel(label: string | undefined): string {
  return (label ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Whether something scoped to `scope` holds for a file from `system`; unscoped holds everywhere. */
export function holdsFor(scope: string | undefined, system: string | undefined): boolean {
  const key = systemKey(scope);
  return key === '' || key === systemKey(system);
}

/** Whether two scopes name the same systems ('' and absent both mean every system). */
export function sameScope(left: string | undefined, right: string | undefined): boolean {
  return systemKey(left) === systemKey(right);
}

/** Whether a file from `system` reads `text` as this term: an alias for every system, or one scoped to it. */
export function readsAs(term: AliasHolder, text: string, system: string | undefined): boolean {
  const key = labelKey(text);
  return (
    key !== '' &&
    aliasesOf(term).some(
      (alias) => labelKey(alias.text) === key && holdsFor(alias.sourceSystem, system),
    )
  );
}

/**
 * Whether the term has `text` as an alias with exactly this scope. Two terms holding one text in
 * one scope is the ambiguity a dictionary exists to end; in different scopes it is not.
 */
export function holdsInScope(term: AliasHolder, text: string, scope: string | undefined): boolean {
  return holdsKeyInScope(term, labelKey(text), scope);
}

/** `holdsInScope` for a text already folded with `labelKey`. */
export function holdsKeyInScope(
  term: AliasHolder,
  key: string,
  scope: string | undefined,
): boolean {
  return (
    key !== '' &&
    aliasesOf(term).some(
      (alias) => labelKey(alias.text) === key && sameScope(alias.sourceSystem, scope),
    )
  );
}

/**
 * The decisions that hold for a file from `system`, one per scope and raw name: a decision made
 * for that system only outranks one made for every system, and decisions for other systems do
 * not count.
 */
export function decisionsFor(
  mappings: readonly FieldMapping[],
  system: string | undefined,
): FieldMapping[] {
  const chosen = new Map<string, FieldMapping>();
  for (const mapping of mappings) {
    if (!holdsFor(mapping.sourceSystem, system)) continue;
    const key = `${mapping.scope ?? ''}\n${mapping.raw}`;
    const known = chosen.get(key);
    if (!known || (systemKey(known.sourceSystem) === '' && systemKey(mapping.sourceSystem) !== ''))
      chosen.set(key, mapping);
  }
  return [...chosen.values()];
}

/** Columns that name the sending application, best first: HL7's MSH-3, then common names. */
const systemColumns = [
  /^msh-3\.1$/,
  /^msh-3$/,
  /^(source|sending)[ _-]?(system|application|app)$/,
  /^(来源系统|发送系统|发送应用)$/,
];

/**
 * The system a file says it comes from: the most frequent value of its MSH-3 (sending
 * application, first component) or of a column named like "source system", over the rows
 * given; '' when the file does not say.
 */
export function sendingSystemOf(
  fields: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const folded = fields.map((field) => field.trim().toLowerCase());
  for (const pattern of systemColumns) {
    const column = folded.findIndex((field) => pattern.test(field));
    if (column < 0) continue;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const label = cleanSystemLabel((row[column] ?? '').split('^')[0]);
      if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const [best] = [...counts.entries()].sort((left, right) => right[1] - left[1]);
    if (best) return best[0];
  }
  return '';
}
