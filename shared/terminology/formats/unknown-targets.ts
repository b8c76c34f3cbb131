/**
 * A mapping in a file whose target the dictionary does not hold (a code it lacks, a code system
 * Tessera does not know). Importing mappings lists these for a person instead of failing the
 * whole file; they are never applied.
 */
export interface UnknownTarget {
  /** The line in the file, where the format has lines a person can find. */
  line: number | null;
  raw: string;
  /** The target as the file writes it: "LOINC:99999-9", "http://loinc.org|99999-9". */
  target: string;
  reason: string;
}

/** What reading a mapping file does with an unknown target: refuse the file, or list it. */
export type UnknownTargetHandling = 'fail' | 'collect';
