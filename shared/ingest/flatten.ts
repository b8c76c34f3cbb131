/**
 * Flattens parsed JSON into one level of named values, so JSON, NDJSON and FHIR records fit the
 * same table as CSV rows.
 *
 * - Nested objects become dotted paths: `{ patient: { name: { family: 'Li' } } }` →
 *   `patient.name.family`.
 * - Arrays are indexed in the path: `{ tags: ['a', 'b'] }` → `tags.0`, `tags.1`.
 * - Leaves become text: strings as they are, `null` → `''`, numbers and booleans as their JSON
 *   text (`13.4`, `true`), so `0` and `false` stay distinguishable from an empty value.
 * - An empty object or array is kept as `{}` or `[]` under its path (nothing silently vanishes).
 *   At the top level there is no path, so an empty object flattens to no columns.
 * - Keys are joined with '.' as they are, for readable column names. In the rare case that two
 *   different routes give the same path (a key "a.b" next to a nested `a: { b }`), the later one
 *   is kept under the path with " #2" (" #3", …) appended rather than overwriting the first.
 */
export function flattenJson(value: unknown): Record<string, string> {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  const put = (path: string, text: string): void => {
    let key = path;
    for (let copy = 2; seen.has(key); copy++) key = `${path} #${copy}`;
    seen.add(key);
    entries.push([key, text]);
  };
  walk(value, null, put);
  // fromEntries defines own properties, so even a key named "__proto__" is kept as data.
  return Object.fromEntries(entries);
}

/** `path` is null at the top level (an empty key is a real, if odd, path of its own). */
function walk(
  value: unknown,
  path: string | null,
  put: (path: string, text: string) => void,
): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      if (path !== null) put(path, '[]');
      return;
    }
    value.forEach((item, index) => walk(item, join(path, String(index)), put));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      if (path !== null) put(path, '{}');
      return;
    }
    const object = value as Record<string, unknown>;
    for (const key of keys) walk(object[key], join(path, key), put);
    return;
  }
  put(path ?? '', leafText(value));
}

function join(path: string | null, key: string): string {
  return path === null ? key : `${path}.${key}`;
}

/** The text of a JSON leaf: strings as is, null (and undefined) as '', others as JSON text. */
export function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return String(JSON.stringify(value));
}
