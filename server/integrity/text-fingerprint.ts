// Text fingerprints shared by the pure pipeline and storage: the same normalisation, shingles and MinHash
// bands must be computed on both sides, so nothing here may depend on the clock, randomness or locale.

import {
  contentWords,
  fmix32,
  FNV_OFFSET,
  FNV_PRIME,
  hash32,
  hashKey,
  normalizeText,
  sentences,
  sentenceSkeleton,
  SKELETON_MASK,
  stem,
  words,
} from './text-tools.js';

// Re-exported: callers outside the core compare and hash text through the same functions.
export { hash32, normalizeText, words };

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;

/** k-word shingles of the normalised text; empty when the text has fewer than k words. */
export function wordShingles(text: string, k = 3): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + k <= w.length; i++) out.add(w.slice(i, i + k).join(' '));
  return out;
}

// Fixed per-hash seeds derived from constants, so signatures never change between runs or machines.
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(HASHES);
  let state = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    seeds[i] = fmix32(state ^ (i * 0x27d4eb2d));
  }
  return seeds;
})();

/** 64 MinHash values over the 3-word shingles; all 0xffffffff for texts too short to shingle. */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const sh of wordShingles(text, 3)) {
    const base = hash32(sh);
    for (let i = 0; i < HASHES; i++) {
      const v = fmix32(base ^ SEEDS[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** Sentences shorter than this carry too little to key on ("Love it!"). */
export const SENTENCE_KEY_MIN_WORDS = 6;

/**
 * One key per distinct sentence of at least SENTENCE_KEY_MIN_WORDS words, "sNN…:xxxxxxxx" (hash of the normalised
 * sentence). Texts sharing a sentence become candidates even when the rest differs, so the checks can see how
 * many unrelated accounts use a sentence (common language) or a farm's template sentence (its members).
 */
export function sentenceKeys(text: string): string[] {
  const out = new Set<string>();
  for (const w of sentences(text)) {
    if (w.length < SENTENCE_KEY_MIN_WORDS) continue;
    out.add(`s:${(hash32(w.join(' ')) >>> 0).toString(16).padStart(8, '0')}`);
  }
  return [...out];
}

/**
 * 16 bands × 4 rows, each "bNN:xxxxxxxx", followed by the sentence keys ("s:xxxxxxxx"); two texts sharing any of
 * these strings are similarity candidates (ranked by how many they share, so near-duplicates come first).
 */
export function lshBands(text: string): string[] {
  if (wordShingles(text, 3).size === 0) return [];
  const sig = minhashSignature(text);
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = FNV_OFFSET ^ b;
    for (let r = 0; r < ROWS; r++) {
      h = fmix32(Math.imul(h ^ sig[b * ROWS + r], FNV_PRIME));
    }
    out.push(`b${String(b).padStart(2, '0')}:${h.toString(16).padStart(8, '0')}`);
  }
  return [...out, ...sentenceKeys(text)];
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Maximal word sequences (≥ minWords) that occur in both texts, longest first, without phrases contained in
 * a longer one already returned. Used to highlight evidence, so it favours readable whole phrases.
 */
export function sharedPhrases(a: string, b: string, minWords = 3): string[] {
  const wa = words(a);
  const wb = words(b);
  if (wa.length < minWords || wb.length < minWords) return [];
  // run[j] = length of the common run ending at wa[i], wb[j]; one row kept at a time, two rows reused in turn.
  // Only the places where wb has wa[i] are visited (a row is mostly zeros: two reviews share few words in a row), and
  // only they are cleared again; visiting every place of every row was the largest item of a replay profile.
  const places = new Map<string, number[]>();
  for (let j = 1; j <= wb.length; j++) {
    const list = places.get(wb[j - 1]!);
    if (list) list.push(j);
    else places.set(wb[j - 1]!, [j]);
  }
  let prev = new Uint16Array(wb.length + 1);
  let cur = new Uint16Array(wb.length + 1);
  let prevPlaces: readonly number[] = [];
  const none: readonly number[] = [];
  const found = new Map<string, number>();
  for (let i = 1; i <= wa.length; i++) {
    const here = places.get(wa[i - 1]!) ?? none;
    for (const j of here) cur[j] = prev[j - 1]! + 1;
    for (const j of here) {
      const len = cur[j]!;
      if (len < minWords) continue;
      const continues = i < wa.length && j < wb.length && wa[i] === wb[j];
      if (!continues) {
        const phrase = wa.slice(i - len, i).join(' ');
        found.set(phrase, len);
      }
    }
    for (const j of prevPlaces) prev[j] = 0;
    [prev, cur] = [cur, prev];
    prevPlaces = here;
  }
  const sorted = [...found.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([p]) => p);
  const out: string[] = [];
  for (const p of sorted) {
    if (!out.some((q) => ` ${q} `.includes(` ${p} `))) out.push(p);
  }
  return out;
}

export interface TextKeyLimits {
  /** Content words shorter than this are not keyed (stems of "it", "go" carry no topic). */
  minContentWordLength: number;
  /** Sentences with fewer words than this have no skeleton key. */
  skeletonMinWords: number;
  /** ... nor skeletons with fewer function words than this ("_ and _" is every sentence). */
  skeletonMinFunctionWords: number;
  /** At most this many keys are counted per review (the first ones in text order). */
  maxKeysPerReview: number;
}

/** Keys of a run of normalised words: stemmed pairs of adjacent content words ("zipper broke" → "w:…"). */
export function contentPairKeys(ws: readonly string[], limits: TextKeyLimits): string[] {
  const stems = contentWords(ws, limits.minContentWordLength).map(stem);
  const out: string[] = [];
  for (let i = 0; i + 1 < stems.length; i++) out.push(`w:${hashKey(`${stems[i]} ${stems[i + 1]}`)}`);
  return [...new Set(out)];
}

/** The skeleton key of one sentence, or null when the sentence is too short or too plain to key. */
export function skeletonKey(sentenceWords: readonly string[], limits: TextKeyLimits): { key: string; skeleton: string } | null {
  if (sentenceWords.length < limits.skeletonMinWords) return null;
  const sk = sentenceSkeleton(sentenceWords);
  if (sk.filter((w) => w !== SKELETON_MASK).length < limits.skeletonMinFunctionWords) return null;
  const skeleton = sk.join(' ');
  return { key: `k:${hashKey(skeleton)}`, skeleton };
}

/** Every key a review adds to the product and category statistics: content pairs, then sentence skeletons. */
export function textStatKeys(text: string, limits: TextKeyLimits): string[] {
  const keys = new Set(contentPairKeys(words(text), limits));
  for (const s of sentences(text)) {
    const k = skeletonKey(s, limits);
    if (k) keys.add(k.key);
  }
  return [...keys].slice(0, limits.maxKeysPerReview);
}
