/**
 * The curation pipeline, the same for the app and the command line: filter → de-identify →
 * dedupe → split → leakage check. De-identification runs before dedupe so that duplicates are
 * judged on the text that will be written (two pairs differing only in a patient's name are one
 * example once the name is a placeholder).
 */
import {
  Deidentifier,
  addKnownValues,
  summarizeDeidentifySettings,
  type DeidentifySettings,
  type DeidentifySummary,
} from '../deid/deidentify';
import { defaultFieldRules } from '../deid/fields';
import { KnownValueMatcher } from '../deid/names';
import type { IdentifierCounts } from '../deid/types';
import { normalizeForDedupe } from '../text/near-duplicate';
import {
  comparePreference,
  dedupeOrdered,
  dedupeText,
  defaultDedupeSettings,
  type PairHashes,
  type DedupeReport,
  type DedupeSettings,
  type Preference,
} from './dedupe';
import type { ExportablePair } from './exportable';
import { checkPairFilter, matchesFilter, type PairFilter } from './filters';
import { leakageOf, type LeakageItem, type LeakageReport } from './leakage';
import { readInBatches, type PairSource } from './pair-source';
import { textHasher } from './similar-texts';
import {
  assignSplits,
  checkSplitRatios,
  type SplitItem,
  type SplitName,
  type SplitSettings,
} from './splits';

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
  /** Pair ids per split, in the order they are written. */
  splits: Record<SplitName, readonly string[]>;
  report: CurationReport;
  /**
   * A split's pairs as they are written (de-identified when asked), a batch at a time; without
   * their evidence unless `withEvidence` (only what a file holds is de-identified again).
   */
  pairs(split: SplitName, withEvidence: boolean): AsyncIterable<readonly ExportablePair[]>;
  /** What de-identifies the pairs, knowing every name they cite (without counting); or null. */
  deidentifier: Deidentifier | null;
}

export type CurationPhase = 'reading' | 'dedupe' | 'leakage';

/** Pairs gone through in the current phase, of `total`; a callback may throw to cancel. */
export interface CurationProgress {
  phase: CurationPhase;
  done: number;
  total: number;
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

/** What the passes after the first keep of a pair: a few short fields, no text. */
interface PairFacts extends Preference, SplitItem {
  slot: number;
}

function factsOf(pair: ExportablePair): PairFacts {
  return {
    id: pair.id,
    isTwoExpert: pair.isTwoExpert,
    reviewerIds: pair.reviewerIds,
    ...(pair.approvedAt === undefined ? {} : { approvedAt: pair.approvedAt }),
    groupKeys: pair.groupKeys,
    tags: pair.tags,
    slot: 0,
  };
}

/**
 * Curates the pairs of a source in passes that each hold a batch of pairs and a few numbers per
 * pair: (1) filter, remember what sorting, grouping and de-identification need; (2) in preference
 * order, de-identify (counting what is replaced) and drop repeats; (3) split the kept pairs;
 * (4) check the splits for leakage. The pairs themselves are read again when written (`pairs`).
 */
export async function curate(
  source: PairSource,
  settings: CurationSettings,
  onProgress: (progress: CurationProgress) => void = () => undefined,
): Promise<CuratedDataset> {
  const problems = checkCurationSettings(settings);
  if (problems.length > 0) throw new RangeError(problems.join(' '));

  let input = 0;
  const facts: PairFacts[] = [];
  const known = settings.deidentify ? new KnownValueMatcher() : null;
  const rules = settings.deidentify?.fieldRules ?? defaultFieldRules;
  for await (const batch of source.scan()) {
    input += batch.length;
    for (const pair of batch) {
      if (!matchesFilter(pair, settings.filter)) continue;
      facts.push(factsOf(pair));
      if (known) addKnownValues(known, pair, rules);
    }
    onProgress({ phase: 'reading', done: input, total: input });
  }

  const counting =
    settings.deidentify && known
      ? new Deidentifier({ seed: settings.split.seed, ...settings.deidentify }, known)
      : null;
  const writing = counting?.uncounted() ?? null;
  // Dedupe compares questions and answers: a pair read back for that needs nothing else cleaned.
  const clean = (pair: ExportablePair) =>
    writing ? writing.pair({ ...pair, evidence: [] }) : pair;
  const scope = settings.dedupe?.scope ?? defaultDedupeSettings.scope;
  const textOf = (pair: ExportablePair) => normalizeForDedupe(dedupeText(pair, scope));

  facts.sort(comparePreference);
  facts.forEach((fact, slot) => (fact.slot = slot));
  const ids = facts.map((fact) => fact.id);
  const load = async (slots: readonly number[]) => {
    const texts: string[] = [];
    const wanted = slots.map((slot) => ids[slot] ?? '');
    for await (const batch of readInBatches(source, wanted))
      for (const pair of batch) texts.push(textOf(clean(pair)));
    return texts;
  };
  // A second pass in stored order (reading in preference order would seek for every pair):
  // de-identify, counting what is replaced, and hash each pair's text.
  const slotOf = new Map(ids.map((id, slot) => [id, slot]));
  const hashOf = textHasher(settings.dedupe ?? defaultDedupeSettings);
  const hashes: PairHashes = { exactKeys: new Float64Array(ids.length), signatures: [] };
  let hashed = 0;
  for await (const batch of source.scan()) {
    for (const pair of batch) {
      const slot = slotOf.get(pair.id);
      if (slot === undefined) continue;
      const { exactKey, signature } = hashOf(textOf(counting ? counting.pair(pair) : pair));
      hashes.exactKeys[slot] = exactKey;
      hashes.signatures[slot] = signature;
      hashed++;
    }
    onProgress({ phase: 'dedupe', done: hashed, total: ids.length });
  }
  slotOf.clear();
  const deduped = settings.dedupe
    ? await dedupeOrdered(ids, hashes, settings.dedupe, load)
    : { kept: new Uint8Array(ids.length).fill(1), dropped: [], banding: null };

  const kept = facts.filter((fact) => deduped.kept[fact.slot] === 1);
  const { splits, groupOf, groups } = assignSplits(kept, settings.split);
  const item = (fact: PairFacts): LeakageItem => ({
    id: fact.id,
    slot: fact.slot,
    group: groupOf.get(fact.id) ?? `pair:${fact.id}`,
    exactKey: hashes.exactKeys[fact.slot] ?? 0,
    signature: hashes.signatures[fact.slot] ?? new Uint32Array(0),
  });
  const leakage = await leakageOf(
    {
      train: splits.train.map(item),
      validation: splits.validation.map(item),
      test: splits.test.map(item),
    },
    settings.dedupe ?? defaultDedupeSettings,
    load,
    (done) => onProgress({ phase: 'leakage', done, total: kept.length }),
    // With near repeats removed, every kept pair was compared with every pair kept before it,
    // whatever its split, through this same index: searching again across splits would find
    // the same nothing. Exact repeats and shared groups are checked either way.
    !settings.dedupe?.near,
  );

  const splitIds = {
    train: splits.train.map((fact) => fact.id),
    validation: splits.validation.map((fact) => fact.id),
    test: splits.test.map((fact) => fact.id),
  };
  return {
    splits: splitIds,
    report: {
      input,
      filtered: facts.length,
      groups,
      dedupe: settings.dedupe
        ? { settings: { ...settings.dedupe, banding: deduped.banding }, dropped: deduped.dropped }
        : null,
      deidentification: counting
        ? {
            settings: summarizeDeidentifySettings(counting.settings),
            counts: counting.counts(),
          }
        : null,
      leakage,
      counts: {
        train: splitIds.train.length,
        validation: splitIds.validation.length,
        test: splitIds.test.length,
      },
    },
    deidentifier: writing,
    pairs: splitReader(source, splitIds, writing),
  };
}

/**
 * The reader of the written pairs, made apart from `curate` so that what the passes built (the
 * index, the hashes, every pair's facts) can be let go while the files are written.
 */
function splitReader(
  source: PairSource,
  splitIds: Record<SplitName, readonly string[]>,
  writing: Deidentifier | null,
): CuratedDataset['pairs'] {
  return async function* pairs(split, withEvidence) {
    const written = (pair: ExportablePair): ExportablePair => {
      const shown = withEvidence ? pair : { ...pair, evidence: [] };
      return writing ? writing.pair(shown) : shown;
    };
    for await (const batch of readInBatches(source, splitIds[split])) yield batch.map(written);
  };
}
