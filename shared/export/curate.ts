/**
 * The curation pipeline, the same for the app and the command line: filter → de-identify →
 * dedupe → split → leakage check. De-identification runs before dedupe so that duplicates are
 * judged on the text that will be written (two pairs differing only in a patient's name are one
 * example once the name is a placeholder).
 */
import {
  Deidentifier,
  summarizeDeidentifySettings,
  type DeidentifySettings,
  type DeidentifySummary,
} from '../deid/deidentify';
import type { IdentifierCounts } from '../deid/types';
import {
  dedupePairs,
  defaultDedupeSettings,
  type DedupeReport,
  type DedupeSettings,
} from './dedupe';
import type { ExportablePair } from './exportable';
import { checkPairFilter, filterPairs, type PairFilter } from './filters';
import { checkLeakage, type LeakageReport } from './leakage';
import { assignSplits, checkSplitRatios, type SplitName, type SplitSettings } from './splits';

export interface CurationSettings {
  filter: PairFilter;
  /** Null: keep repeats. */
  dedupe: DedupeSettings | null;
  split: SplitSettings;
  /** Null: write text as it is. */
  deidentify: Partial<DeidentifySettings> | null;
}

export interface CurationReport {
  input: number;
  filtered: number;
  groups: number;
  dedupe: DedupeReport | null;
  deidentification: { settings: DeidentifySummary; counts: IdentifierCounts } | null;
  leakage: LeakageReport;
  counts: Record<SplitName, number>;
}

export interface CuratedDataset {
  splits: Record<SplitName, ExportablePair[]>;
  report: CurationReport;
}

/** Every reason the settings cannot be used, for the form or the command line to show. */
export function checkCurationSettings(settings: CurationSettings): string[] {
  const problems = [
    ...checkPairFilter(settings.filter),
    ...checkSplitRatios(settings.split.ratios),
  ];
  if (!Number.isInteger(settings.split.seed) || settings.split.seed < 0)
    problems.push('The seed must be a whole number of 0 or more.');
  const threshold = settings.dedupe?.threshold;
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    problems.push('The near-duplicate threshold must be above 0 and at most 1.');
  return problems;
}

export function curate(
  pairs: readonly ExportablePair[],
  settings: CurationSettings,
): CuratedDataset {
  const problems = checkCurationSettings(settings);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  const filtered = filterPairs(pairs, settings.filter);

  let cleaned = filtered;
  let deidentification: CurationReport['deidentification'] = null;
  if (settings.deidentify) {
    const deidentifier = Deidentifier.forPairs(filtered, {
      seed: settings.split.seed,
      ...settings.deidentify,
    });
    cleaned = filtered.map((pair) => deidentifier.pair(pair));
    deidentification = {
      settings: summarizeDeidentifySettings(deidentifier.settings),
      counts: deidentifier.counts(),
    };
  }

  const deduped = settings.dedupe ? dedupePairs(cleaned, settings.dedupe) : null;
  const kept = deduped ? deduped.kept : cleaned;
  const { splits, groupOf, groups } = assignSplits(kept, settings.split);
  const leakage = checkLeakage(
    splits,
    groupOf,
    settings.dedupe ?? defaultDedupeSettings,
    deduped?.signatures,
  );
  const counts = {
    train: splits.train.length,
    validation: splits.validation.length,
    test: splits.test.length,
  };
  return {
    splits,
    report: {
      input: pairs.length,
      filtered: filtered.length,
      groups,
      dedupe: deduped?.report ?? null,
      deidentification,
      leakage,
      counts,
    },
  };
}
