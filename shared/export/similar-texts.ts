/**
 * Finding, among texts seen before, the one a new text repeats — exactly or nearly — while
 * keeping only a few numbers per text: a 53-bit hash of its normal form for exact repeats and a
 * MinHash signature in a banded LSH index for near ones. A near candidate is confirmed by the
 * exact Jaccard similarity of both texts' shingles, so the earlier text is needed again: it comes
 * from a small cache of recent texts or is read back (`load`), a batch of queries at a time.
 * Texts of one batch are known to each other without reading.
 */
import {
  NearDuplicateIndex,
  createOnePermutationHasher,
  hashString,
  jaccardOfSorted,
  shingleHashes,
  shingleSet,
  type IndexLimits,
  type NearDuplicateSettings,
  type Signature,
} from '../text/near-duplicate';

export interface Match {
  slot: number;
  similarity: number;
  /** Found by its normal form, not by shingles. */
  isExact: boolean;
}

/**
 * One text to look up: its slot (a number the caller gives each text) and its normal form, or
 * null when the caller did not keep it (it is read back if a candidate needs comparing).
 */
export interface Query {
  slot: number;
  text: string | null;
}

export interface MatchOptions {
  exact: boolean;
  near: boolean;
  /** Which earlier slots count (the leakage check skips those of the text's own split). */
  eligible?: (slot: number) => boolean;
}

const anySlot = () => true;

export interface Lookup extends Query {
  exactKey: number;
  signature: Signature;
  /** Candidates among the texts added before this batch, found when its texts were fetched. */
  earlier?: number[];
}

// MinHash estimates have a standard error of about 0.05 near 0.8 at 64 hashes: candidates
// estimated more than two errors below the threshold are not worth an exact comparison, and a
// handful of the best estimates is enough to find the closest earlier text.
const estimateSlack = 0.1;
const maxVerified = 16;
const cachedTexts = 4_000;

/** A 53-bit hash of a text: two independent 32-bit hashes, for exact-repeat lookups. */
export function exactKeyOf(text: string): number {
  return (hashString(text) & 0x1fffff) * 0x100000000 + hashString(text, 0x9747b28c);
}

export interface TextHashes {
  exactKey: number;
  signature: Signature;
}

/** The exact key and MinHash signature of normal-form texts, as `SimilarTexts` makes them. */
export function textHasher(
  settings: Pick<NearDuplicateSettings, 'numHashes' | 'seed' | 'shingleSize'>,
): (text: string) => TextHashes {
  const minHash = createOnePermutationHasher(settings);
  return (text) => ({
    exactKey: exactKeyOf(text),
    signature: minHash(shingleHashes(text, settings.shingleSize)),
  });
}

interface Entry {
  text: string;
  shingles?: Uint32Array;
}

export class SimilarTexts {
  readonly index: NearDuplicateIndex<number>;
  private readonly hashes: (text: string) => TextHashes;
  private readonly limits: IndexLimits;
  private readonly exact = new Map<number, number>();
  // Most recently added last; Map keeps insertion order.
  private readonly cache = new Map<number, Entry>();
  // The texts read for the current batch, kept until the next batch whatever the cache drops.
  private pinned = new Map<number, Entry>();
  // The texts added during the current batch: earlier ones were queried when it was fetched.
  private batch: NearDuplicateIndex<number>;

  constructor(
    readonly settings: NearDuplicateSettings,
    limits: IndexLimits,
    /** Normal forms of earlier texts by slot, for confirming candidates not in the cache. */
    private readonly load: (slots: readonly number[]) => Promise<readonly string[]>,
  ) {
    this.index = new NearDuplicateIndex<number>(settings, limits);
    this.batch = new NearDuplicateIndex<number>(settings, limits);
    this.limits = limits;
    this.hashes = textHasher(settings);
  }

  /** Hashes of a text. */
  prepare(query: { slot: number; text: string }): Lookup {
    return { ...query, ...this.hashes(query.text) };
  }

  /**
   * Reads the earlier texts the lookups will be compared with, so that `match` can run without
   * waiting. `eligible` says which earlier slots count (the leakage check skips its own split).
   */
  async fetchCandidates(
    lookups: readonly Lookup[],
    eligible: (slot: number) => boolean = anySlot,
  ): Promise<void> {
    this.pinned = new Map();
    this.batch = new NearDuplicateIndex<number>(this.settings, this.limits);
    // Which texts of this batch may match each other, to read those not given as well.
    const local = new NearDuplicateIndex<number>(this.settings, this.limits);
    const unread = new Set(
      lookups.flatMap((lookup) => (lookup.text === null ? [lookup.slot] : [])),
    );
    const wanted = new Set<number>();
    for (const lookup of lookups) {
      const slots = this.candidateSlots(this.index, lookup.signature, eligible);
      lookup.earlier = slots;
      const within = this.candidateSlots(local, lookup.signature, eligible);
      local.addSignature(lookup.slot, lookup.signature);
      if (slots.length + within.length > 0 && lookup.text === null) wanted.add(lookup.slot);
      for (const slot of within) if (unread.has(slot)) wanted.add(slot);
      for (const slot of slots) {
        const cached = this.cache.get(slot);
        if (cached) this.pinned.set(slot, cached);
        else wanted.add(slot);
      }
    }
    if (wanted.size === 0) return;
    const slots = [...wanted];
    const texts = await this.load(slots);
    slots.forEach((slot, position) => this.pinned.set(slot, { text: texts[position] ?? '' }));
  }

  /**
   * The earlier text this one repeats: the first with the same normal form, else the most similar
   * by exact Jaccard at or above the threshold (ties: the smaller slot). Null when none.
   */
  match(lookup: Lookup, options: MatchOptions): Match | null {
    const eligible = options.eligible ?? anySlot;
    const same = options.exact ? this.exact.get(lookup.exactKey) : undefined;
    if (same !== undefined && eligible(same)) return { slot: same, similarity: 1, isExact: true };
    if (!options.near) return null;
    let best: Match | null = null;
    let mine: Uint32Array | undefined;
    const slots =
      lookup.earlier === undefined
        ? this.candidateSlots(this.index, lookup.signature, eligible)
        : [...lookup.earlier, ...this.candidateSlots(this.batch, lookup.signature, eligible)];
    for (const slot of slots) {
      const other = this.shinglesOf(slot);
      mine ??=
        lookup.text === null
          ? this.shinglesOf(lookup.slot)
          : shingleSet(lookup.text, this.settings.shingleSize);
      if (!other || !mine) continue;
      const similarity = jaccardOfSorted(mine, other);
      if (similarity < this.settings.threshold) continue;
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity && slot < best.slot)
      )
        best = { slot, similarity, isExact: false };
    }
    return best;
  }

  /** Makes the text one that later lookups can match (only exactly, unless `near`). */
  add(lookup: Lookup, near = true): void {
    if (!this.exact.has(lookup.exactKey)) this.exact.set(lookup.exactKey, lookup.slot);
    if (!near) return;
    this.index.addSignature(lookup.slot, lookup.signature);
    this.batch.addSignature(lookup.slot, lookup.signature);
    if (lookup.text !== null) this.remember(lookup.slot, lookup.text);
  }

  private candidateSlots(
    index: NearDuplicateIndex<number>,
    signature: Signature,
    eligible: (slot: number) => boolean,
  ): number[] {
    const slots: number[] = [];
    for (const { key, estimate } of index.candidates(signature)) {
      if (estimate < this.settings.threshold - estimateSlack || slots.length >= maxVerified) break;
      if (eligible(key)) slots.push(key);
    }
    return slots;
  }

  private shinglesOf(slot: number): Uint32Array | undefined {
    const entry = this.pinned.get(slot) ?? this.cache.get(slot);
    if (!entry) return undefined;
    entry.shingles ??= shingleSet(entry.text, this.settings.shingleSize);
    return entry.shingles;
  }

  private remember(slot: number, text: string): void {
    this.cache.delete(slot);
    this.cache.set(slot, { text });
    if (this.cache.size > cachedTexts) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
