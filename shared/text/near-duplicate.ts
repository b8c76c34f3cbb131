/**
 * Text similarity for finding duplicates: a normal form that ignores how text is typed, character
 * shingles (so Chinese, which has no spaces between words, works the same as English), MinHash
 * signatures that estimate Jaccard similarity in constant space, and a banded LSH index that finds
 * candidates without comparing every pair.
 *
 * Typical use:
 *
 *   const index = new NearDuplicateIndex<string>({ threshold: 0.8 });
 *   for (const pair of pairs) index.add(pair.id, pair.question);
 *   index.findSimilar('What is the patient’s hemoglobin?'); // [{ key, estimate }]
 *
 * MinHash only estimates; confirm a match with `textSimilarity` (exact Jaccard) when the exact
 * number matters, as the export's dedupe report does.
 */

export interface NearDuplicateSettings {
  /** Jaccard similarity of shingle sets at or above which two texts count as near-duplicates. */
  threshold: number;
  /** Characters per shingle. Three suits short Chinese and English questions alike. */
  shingleSize: number;
  /**
   * Hash functions per signature; more means a finer estimate and more work. 64 gives a standard
   * error of at most 0.0625 (0.05 near 0.8), enough to pick candidates that are then confirmed
   * by exact similarity, at half the cost of 128.
   */
  numHashes: number;
  /** Seeds the hash functions, so signatures are the same on every run and machine. */
  seed: number;
}

export const defaultNearDuplicateSettings: NearDuplicateSettings = {
  threshold: 0.8,
  shingleSize: 3,
  numHashes: 64,
  seed: 7,
};

const punctuation = /\p{P}+/gu;
const spaces = /\s+/gu;
// Scripts written without spaces between words: a space next to one of their characters carries
// no meaning, so "患者 的诊断" and "患者的诊断" are the same text.
const unspaced = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const spaceNearUnspaced = new RegExp(`(?<=[${unspaced}]) | (?=[${unspaced}])`, 'gu');

/**
 * The form two texts share when they differ only in width or compatibility forms (NFKC), case,
 * punctuation or spacing. Idempotent. Symbols such as "<", "+" and "%" are kept: "<5" and "5" say
 * different things.
 */
export function normalizeForDedupe(text: string): string {
  // ASCII is its own NFKC form and holds no unspaced script: two passes fewer.
  const isAscii = !nonAscii.test(text);
  const spaced = (isAscii ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(punctuation, ' ')
    .replace(spaces, ' ')
    .trim();
  return isAscii ? spaced : spaced.replace(spaceNearUnspaced, '');
}

const nonAscii = /[\u0080-\uffff]/;

/**
 * The distinct runs of `size` consecutive characters (code points) of `text`; a text shorter than
 * that is one shingle, and an empty text has none. Pass text through `normalizeForDedupe` first.
 */
export function shingles(
  text: string,
  size: number = defaultNearDuplicateSettings.shingleSize,
): Set<string> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Shingle size must be 1 or more.');
  const result = new Set<string>();
  const bounds = codePointBounds(text);
  const count = bounds.length - 1;
  if (count <= 0) return result;
  if (count <= size) {
    result.add(text);
    return result;
  }
  for (let start = 0; start + size <= count; start++)
    result.add(text.slice(bounds[start], bounds[start + size]));
  return result;
}

/**
 * The 32-bit hash of each shingle of `text`, as `hashString` would give for the strings of
 * `shingles` (repeats included): the fast path to a signature, with no strings built.
 */
export function shingleHashes(
  text: string,
  size: number = defaultNearDuplicateSettings.shingleSize,
): Uint32Array {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Shingle size must be 1 or more.');
  if (!surrogate.test(text)) {
    // Every character one code unit: windows need no table of where characters start.
    if (text.length === 0) return new Uint32Array(0);
    if (text.length <= size) return Uint32Array.of(hashString(text));
    const codes = new Uint16Array(text.length);
    for (let index = 0; index < text.length; index++) codes[index] = text.charCodeAt(index);
    const hashes = new Uint32Array(text.length - size + 1);
    // hashRange over each window, inline: the same values, without a call per window.
    for (let start = 0; start < hashes.length; start++) {
      let hash = 0x811c9dc5;
      for (let index = start; index < start + size; index++)
        hash = Math.imul(hash ^ (codes[index] ?? 0), 0x01000193);
      hashes[start] = finalize(hash);
    }
    return hashes;
  }
  const bounds = codePointBounds(text);
  const count = bounds.length - 1;
  if (count <= 0) return new Uint32Array(0);
  if (count <= size) return Uint32Array.of(hashString(text));
  const hashes = new Uint32Array(count - size + 1);
  for (let start = 0; start + size <= count; start++)
    hashes[start] = hashRange(text, bounds[start] ?? 0, bounds[start + size] ?? 0, 0);
  return hashes;
}

const surrogate = /[\uD800-\uDBFF]/;

// Indexes where each code point starts, and the text's length, so a character outside the BMP
// (a rare Han ideograph, an emoji) is never split in half.
function codePointBounds(text: string): number[] {
  const bounds: number[] = [];
  for (let index = 0; index < text.length; index++) {
    bounds.push(index);
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) index++;
  }
  bounds.push(text.length);
  return bounds;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical (1). */
export function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * The distinct shingle hashes of a text in ascending order: a compact stand-in for the set of
 * shingles (two different shingles of one pair of texts share a 32-bit hash with odds of about
 * one in a million), compared with `jaccardOfSorted` without building any strings.
 */
export function shingleSet(
  text: string,
  size: number = defaultNearDuplicateSettings.shingleSize,
): Uint32Array {
  const hashes = shingleHashes(text, size).sort();
  let distinct = 0;
  for (let index = 0; index < hashes.length; index++)
    if (index === 0 || hashes[index] !== hashes[distinct - 1])
      hashes[distinct++] = hashes[index] ?? 0;
  return hashes.slice(0, distinct);
}

/** Jaccard similarity of two `shingleSet`s, by one merge of the sorted arrays. */
export function jaccardOfSorted(left: Uint32Array, right: Uint32Array): number {
  if (left.length === 0 && right.length === 0) return 1;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i] ?? 0;
    const b = right[j] ?? 0;
    if (a === b) {
      shared++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return shared / (left.length + right.length - shared);
}

/** Exact Jaccard similarity of the shingles of two texts, after normalization. */
export function textSimilarity(
  left: string,
  right: string,
  shingleSize: number = defaultNearDuplicateSettings.shingleSize,
): number {
  return jaccard(
    shingles(normalizeForDedupe(left), shingleSize),
    shingles(normalizeForDedupe(right), shingleSize),
  );
}

/** 32-bit string hash (FNV-1a over UTF-16 code units, then Murmur3's finalizer to spread bits). */
export function hashString(text: string, seed = 0): number {
  return hashRange(text, 0, text.length, seed);
}

function hashRange(text: string, from: number, to: number, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = from; index < to; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return finalize(hash);
}

function finalize(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export type Signature = Uint32Array;

/**
 * A MinHash function: for each of `numHashes` seeded permutations of 32-bit hash space, the
 * smallest permuted hash of any shingle. Two sets agree in a slot with probability equal to their
 * Jaccard similarity.
 */
export function createMinHasher(
  settings: Pick<NearDuplicateSettings, 'numHashes' | 'seed'> = defaultNearDuplicateSettings,
): (items: Iterable<string> | Uint32Array) => Signature {
  const { numHashes, seed } = settings;
  if (!Number.isInteger(numHashes) || numHashes < 1)
    throw new RangeError('A signature needs at least one hash.');
  const multipliers = new Uint32Array(numHashes);
  const offsets = new Uint32Array(numHashes);
  for (let slot = 0; slot < numHashes; slot++) {
    // Odd multipliers make each permutation a bijection on 32-bit values.
    multipliers[slot] = (finalize(seed * 0x9e3779b1 + slot * 2 + 1) | 1) >>> 0;
    offsets[slot] = finalize(seed * 0x85ebca6b + slot * 2 + 2);
  }
  return (items) => {
    const hashes =
      items instanceof Uint32Array ? items : Uint32Array.from(items, (item) => hashString(item));
    const signature = new Uint32Array(numHashes);
    for (let slot = 0; slot < numHashes; slot++) {
      const multiplier = multipliers[slot] ?? 1;
      const offset = offsets[slot] ?? 0;
      let smallest = 0xffffffff;
      for (let index = 0; index < hashes.length; index++) {
        let value = Math.imul((hashes[index] ?? 0) ^ offset, multiplier);
        value = (value ^ (value >>> 15)) >>> 0;
        if (value < smallest) smallest = value;
      }
      signature[slot] = smallest;
    }
    return signature;
  };
}

/**
 * A MinHash signature from one hash per shingle instead of one per shingle and slot (Li, Owen and
 * Zhang 2012, "one permutation hashing"): each shingle falls into one of `numHashes` bins and
 * each bin keeps its smallest value; an empty bin (a text with fewer shingles than bins) takes
 * the value of a bin chosen by a hash of its own number, tried until a full one comes up (Shrivastava
 * 2017's optimal densification), so that two texts with the same shingles fill the same bins
 * the same way. Slots agree with probability close to the texts' Jaccard similarity, as with
 * `createMinHasher`, at a 64th of the work — what an export of 100,000 pairs needs. Signatures of
 * the two hashers are not comparable with each other.
 */
export function createOnePermutationHasher(
  settings: Pick<NearDuplicateSettings, 'numHashes' | 'seed'> = defaultNearDuplicateSettings,
): (hashes: Uint32Array) => Signature {
  const { numHashes, seed } = settings;
  if (!Number.isInteger(numHashes) || numHashes < 1)
    throw new RangeError('A signature needs at least one hash.');
  const binSeed = finalize(seed * 0x9e3779b1 + 1);
  return (hashes) => {
    const signature = new Uint32Array(numHashes).fill(0xffffffff);
    const filled = new Uint8Array(numHashes);
    let full = 0;
    for (let index = 0; index < hashes.length; index++) {
      // Shingle hashes are already well mixed (hashString ends in a finalizer): the seed's XOR is
      // a permutation of them, its remainder picks the bin and the whole value ranks within it.
      const value = ((hashes[index] ?? 0) ^ binSeed) >>> 0;
      const bin = value % numHashes;
      if (filled[bin] === 0) {
        filled[bin] = 1;
        full++;
      }
      if (value < (signature[bin] ?? 0)) signature[bin] = value;
    }
    if (full === 0 || full === numHashes) return signature;
    for (let bin = 0; bin < numHashes; bin++) {
      if (filled[bin] === 1) continue;
      for (let attempt = 1; ; attempt++) {
        const donor =
          finalize(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b) ^ binSeed) %
          numHashes;
        if (filled[donor] === 1) {
          signature[bin] = signature[donor] ?? 0;
          break;
        }
      }
    }
    return signature;
  };
}

/** The share of slots in which two signatures agree: an estimate of Jaccard similarity. */
export function estimateSimilarity(left: Signature, right: Signature): number {
  if (left.length !== right.length) throw new RangeError('Signatures differ in length.');
  let same = 0;
  for (let slot = 0; slot < left.length; slot++) if (left[slot] === right[slot]) same++;
  return same / left.length;
}

export interface Banding {
  bands: number;
  rows: number;
}

/** The chance that two texts of Jaccard similarity `similarity` share at least one band. */
export function candidateProbability(banding: Banding, similarity: number): number {
  return 1 - (1 - similarity ** banding.rows) ** banding.bands;
}

/** Pairs exactly at the threshold become candidates at least this often; above it, more often. */
export const defaultMinRecall = 0.95;

/**
 * The bands × rows split of a signature for a threshold: two texts become candidates when all
 * rows of any one band agree. Recall comes first — a pair at the threshold must become a
 * candidate with probability `minRecall` — and among the splits that achieve it, the one with
 * the fewest false candidates below the threshold (the area under the S-curve there) is chosen,
 * since every candidate is confirmed by exact similarity anyway. (datasketch's MinHashLSH weighs
 * both errors equally instead, which at 0.8 over 128 hashes finds only 40% of pairs at 0.8.)
 */
export function chooseBanding(
  threshold: number,
  numHashes: number,
  minRecall: number = defaultMinRecall,
): Banding {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('Threshold must be in (0, 1].');
  let best: (Banding & { recall: number; falsePositive: number }) | null = null;
  let mostRecall: Banding & { recall: number } = { bands: 1, rows: 1, recall: -1 };
  for (let bands = 1; bands <= numHashes; bands++) {
    for (let rows = 1; bands * rows <= numHashes; rows++) {
      const banding = { bands, rows };
      const recall = candidateProbability(banding, threshold);
      if (recall > mostRecall.recall) mostRecall = { ...banding, recall };
      if (recall < minRecall) continue;
      const falsePositive = integrate((s) => candidateProbability(banding, s), 0, threshold);
      if (!best || falsePositive < best.falsePositive - 1e-12)
        best = { ...banding, recall, falsePositive };
    }
  }
  const chosen = best ?? mostRecall;
  return { bands: chosen.bands, rows: chosen.rows };
}

function integrate(curve: (s: number) => number, from: number, to: number): number {
  const steps = 64;
  const width = (to - from) / steps;
  let area = 0;
  for (let step = 0; step < steps; step++) area += curve(from + (step + 0.5) * width) * width;
  return area;
}

export interface IndexLimits {
  /**
   * A band's bucket stops growing at this many keys. A band that many texts share is a template
   * they share (one question asked of thousands of patients); a text left out of a full bucket is
   * still found through its other bands, and without a cap every query on templated data would
   * scan every text.
   */
  maxBucketSize: number;
  /** At most this many candidates (those sharing the most bands) get a similarity estimate. */
  maxCandidates: number;
}

export const defaultIndexLimits: IndexLimits = { maxBucketSize: 64, maxCandidates: 16 };

export interface SimilarKey<K> {
  key: K;
  /** MinHash estimate of the Jaccard similarity with the queried text. */
  estimate: number;
}

/**
 * Keys with their MinHash signatures, bucketed per band so that a query only meets keys that
 * collide with it in at least one band.
 */
export class NearDuplicateIndex<K> {
  readonly settings: NearDuplicateSettings;
  readonly banding: Banding;
  private readonly minHash: (items: Iterable<string> | Uint32Array) => Signature;
  private readonly signatures = new Map<K, Signature>();
  // A bucket of one key holds the key itself: most band keys are met once, and a one-element
  // array for each would cost more memory than the signatures.
  private readonly buckets: Map<number, K | K[]>[];
  private readonly limits: IndexLimits;

  constructor(settings: Partial<NearDuplicateSettings> = {}, limits: Partial<IndexLimits> = {}) {
    this.settings = { ...defaultNearDuplicateSettings, ...settings };
    this.limits = { ...defaultIndexLimits, ...limits };
    this.banding = chooseBanding(this.settings.threshold, this.settings.numHashes);
    this.minHash = createMinHasher(this.settings);
    this.buckets = Array.from({ length: this.banding.bands }, () => new Map<number, K | K[]>());
  }

  get size(): number {
    return this.signatures.size;
  }

  /** The signature this index gives a text (normalized and shingled with its settings). */
  signatureOf(text: string): Signature {
    return this.minHash(shingleHashes(normalizeForDedupe(text), this.settings.shingleSize));
  }

  /** Adds or replaces the text of `key`. */
  add(key: K, text: string): Signature {
    const signature = this.signatureOf(text);
    this.addSignature(key, signature);
    return signature;
  }

  addSignature(key: K, signature: Signature): void {
    if (this.signatures.has(key)) this.remove(key);
    this.signatures.set(key, signature);
    this.bandKeys(signature).forEach((bandKey, band) => {
      const bucket = this.buckets[band];
      if (!bucket) return;
      const keys = bucket.get(bandKey);
      if (keys === undefined) bucket.set(bandKey, key);
      else if (!Array.isArray(keys)) {
        if (this.limits.maxBucketSize > 1) bucket.set(bandKey, [keys, key]);
      } else if (keys.length < this.limits.maxBucketSize) keys.push(key);
    });
  }

  remove(key: K): boolean {
    const signature = this.signatures.get(key);
    if (!signature) return false;
    this.signatures.delete(key);
    this.bandKeys(signature).forEach((bandKey, band) => {
      const bucket = this.buckets[band];
      const keys = bucket?.get(bandKey);
      if (!bucket || keys === undefined) return;
      const remaining = bucketKeys(keys).filter((other) => other !== key);
      if (remaining.length === 0) bucket.delete(bandKey);
      else bucket.set(bandKey, remaining.length === 1 ? (remaining[0] as K) : remaining);
    });
    return true;
  }

  has(key: K): boolean {
    return this.signatures.has(key);
  }

  /**
   * Keys that share a band with the signature, most similar first. When more than
   * `maxCandidates` do, those sharing the most bands are kept (ties in the order added).
   */
  candidates(signature: Signature): SimilarKey<K>[] {
    const hits = new Map<K, number>();
    this.bandKeys(signature).forEach((bandKey, band) => {
      const keys = this.buckets[band]?.get(bandKey);
      if (keys !== undefined)
        for (const key of bucketKeys(keys)) hits.set(key, (hits.get(key) ?? 0) + 1);
    });
    const found: SimilarKey<K>[] = [];
    for (const key of this.mostHits(hits)) {
      const other = this.signatures.get(key);
      if (other) found.push({ key, estimate: estimateSimilarity(signature, other) });
    }
    return found.sort((left, right) => right.estimate - left.estimate);
  }

  // The keys with the most band hits, by counting (a key has at most `bands` hits), in the order
  // they were met within one count.
  private mostHits(hits: ReadonlyMap<K, number>): K[] {
    if (hits.size <= this.limits.maxCandidates) return [...hits.keys()];
    const byCount: K[][] = Array.from({ length: this.banding.bands + 1 }, () => []);
    for (const [key, count] of hits) byCount[count]?.push(key);
    const chosen: K[] = [];
    for (
      let count = this.banding.bands;
      count > 0 && chosen.length < this.limits.maxCandidates;
      count--
    )
      for (const key of byCount[count] ?? []) {
        if (chosen.length >= this.limits.maxCandidates) break;
        chosen.push(key);
      }
    return chosen;
  }

  /** Keys whose estimated similarity with `text` reaches the threshold, most similar first. */
  findSimilar(text: string, threshold: number = this.settings.threshold): SimilarKey<K>[] {
    return this.candidates(this.signatureOf(text)).filter(({ estimate }) => estimate >= threshold);
  }

  private bandKeys(signature: Signature): number[] {
    const { bands, rows } = this.banding;
    if (signature.length !== this.settings.numHashes)
      throw new RangeError('The signature was made with other settings.');
    const keys: number[] = [];
    for (let band = 0; band < bands; band++) {
      // Two independent 32-bit hashes of the band's rows, folded into 30 bits so that the key is
      // a small integer (no boxed number per bucket): a collision of unrelated bands, about one
      // in a billion, only adds a candidate, which the estimate then rules out.
      let high = 0x811c9dc5 ^ band;
      let low = 0x01000193 + band;
      for (let row = band * rows; row < (band + 1) * rows; row++) {
        const value = signature[row] ?? 0;
        high = Math.imul(high ^ value, 0x01000193);
        low = Math.imul(low ^ finalize(value), 0x5bd1e995);
      }
      keys.push((finalize(high) ^ Math.imul(finalize(low), 0x9e3779b1)) & 0x3fffffff);
    }
    return keys;
  }
}

function bucketKeys<K>(keys: K | K[]): readonly K[] {
  return Array.isArray(keys) ? keys : [keys];
}
