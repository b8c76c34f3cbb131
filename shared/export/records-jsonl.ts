export interface FieldName {
  raw: string;
  /** Canonical name and code when the raw name is mapped to a dictionary term. */
  canonical?: { name: string; system: string; code: string };
}

export interface NormalizedRecordLine {
  source: string;
  line: number;
  fields: Record<string, string>;
  codes: Record<string, string>;
}

/**
 * A record under canonical field names where mapped (raw names elsewhere), with the code of each
 * canonical field, so a consumer can join on codes rather than on names.
 */
export function toNormalizedRecord(
  sourceName: string,
  line: number,
  names: readonly FieldName[],
  values: readonly string[],
): NormalizedRecordLine {
  const fields: Record<string, string> = {};
  const codes: Record<string, string> = {};
  names.forEach((name, index) => {
    const key = name.canonical?.name ?? name.raw;
    fields[key] = values[index] ?? '';
    if (name.canonical) codes[key] = `${name.canonical.system}:${name.canonical.code}`;
  });
  return { source: sourceName, line, fields, codes };
}
