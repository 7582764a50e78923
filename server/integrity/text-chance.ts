// Shared wording against chance in this shop. A phrase that several accounts share is evidence only when its words
// are rare where it was written: rare among the product's other reviews (its topic — a defect everyone describes —
// makes its words frequent there) and rare in the category's other products (the background). The phrase's rate is
// estimated from its disjoint stemmed content-word pairs: the rarest pair's rate, times each further pair's rate but
// never less than a dependence floor per pair (words of one topic come together — "zipper broke … two weeks" — so
// full independence would make every topical phrase look rare; a long copied span still multiplies down to almost
// nothing). Each pair's rate is the larger of its product and category rates, so topic words cost little. The observed number of accounts is compared with the expected number by a Poisson tail. Pure: the counts
// come from the context (TextKeyStats).
import type { TextKeyStats } from './types.js';
import type { TextKeyLimits } from './text-fingerprint.js';
import { contentPairKeys } from './text-fingerprint.js';
import { sentences } from './text-tools.js';

export interface ChanceLimits extends TextKeyLimits {
  /** Additive smoothing of a key's rate: (docs + pseudoDocs) / (reviews + pseudoReviews). */
  pseudoDocs: number;
  pseudoReviews: number;
  /** Each content-word pair beyond the rarest multiplies the phrase's rate by at least this (dependence within a phrase). */
  pairDependenceFloor: number;
  /** A shared phrase (or skeleton) is surprising when the Poisson tail P(X ≥ observed) is at most this. */
  maxTailProbability: number;
  /** Tail probabilities are reported down to this floor (strengths scale with −log10 of the tail up to it). */
  minTailProbability: number;
}

export interface ChanceEvidence {
  /** Accounts observed sharing it. */
  observed: number;
  /** Accounts expected to share it by chance among the reviews it could have come from. */
  expected: number;
  /** P(X ≥ observed) for X ~ Poisson(expected). */
  tailProbability: number;
  /** 'product' when the product's own reviews explain it best, 'category' for the background. */
  explainedBy: 'product' | 'category';
  /** Reviews the rate was estimated from. */
  productReviews: number;
  categoryReviews: number;
  /** Reviewers sharing it who show independence (orders days before, aged accounts): counted in the background, not observed. */
  independentReviewers?: number;
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, Math.max(0, 1 - below));
}

/**
 * Chance of `observed` accounts sharing the given keys, where `sameProduct` says whether those accounts wrote about
 * the submission's product (then the population is the product's reviews) or about other products (the category's).
 * The observed accounts are taken out of the counts first: a farm's own reviews must not make its template look
 * like the product's topic. Null when the context has no statistics or the keys are empty.
 */
export function keysAgainstChance(
  keys: readonly string[],
  observed: number,
  sameProduct: boolean,
  stats: TextKeyStats | undefined,
  limits: ChanceLimits,
  /**
   * 'pairs': keys are the overlapping pairs of one phrase; 'disjoint': keys share no word, use them all; a number n:
   * the phrase is n co-occurring keys out of these, take the n most common.
   */
  combine: 'pairs' | 'disjoint' | number = 'pairs',
  suspects?: Suspects,
): ChanceEvidence | null {
  if (!stats || keys.length === 0) return null;
  const { pseudoDocs: a, pseudoReviews: b } = limits;
  const np = stats.productDocs;
  const nc = stats.categoryDocs;
  const rates: { r: number; topic: boolean }[] = [];
  for (const k of keys) {
    const pk = stats.productKeyDocs[k] ?? 0;
    const ck = stats.categoryKeyDocs[k] ?? 0;
    // The reviews under suspicion are taken out exactly when known (their keys are in the context), else the observed.
    const outDocs = suspects ? suspects.product.docs : sameProduct ? observed : 0;
    const outKey = suspects ? (suspects.product.keyDocs.get(k) ?? 0) : outDocs;
    const outOtherDocs = suspects ? suspects.elsewhere.docs : sameProduct ? 0 : observed;
    const outOtherKey = suspects ? (suspects.elsewhere.keyDocs.get(k) ?? 0) : outOtherDocs;
    const topic = (Math.max(0, pk - outKey) + a) / (Math.max(0, np - outDocs) + b);
    const background = (Math.max(0, ck - pk - outOtherKey) + a) / (Math.max(0, nc - np - outOtherDocs) + b);
    rates.push({ r: Math.max(topic, background), topic: topic >= background });
  }
  // Disjoint pairs: keys[0], keys[2], … (adjacent pairs overlap in a word and are not independent); or the n most
  // common of several keys that must co-occur.
  const used =
    combine === 'pairs' ? rates.filter((_, i) => i % 2 === 0) : combine === 'disjoint' ? rates : [...rates].sort((x, y) => y.r - x.r).slice(0, combine);
  const sorted = [...used].sort((x, y) => x.r - y.r);
  const rate = sorted.reduce((p, x, i) => p * (i === 0 ? x.r : Math.max(x.r, limits.pairDependenceFloor)), 1);
  const by: 'product' | 'category' = used.filter((x) => x.topic).length * 2 >= used.length ? 'product' : 'category';
  const population = sameProduct ? np : Math.max(0, nc - np);
  const expected = Math.min(1, rate) * population;
  const tail = Math.max(limits.minTailProbability, poissonTail(observed, expected));
  return {
    observed,
    expected: Math.round(expected * 1000) / 1000,
    tailProbability: Number(tail.toPrecision(3)),
    explainedBy: by,
    productReviews: np,
    categoryReviews: nc,
  };
}

/**
 * Chance evidence for a shared phrase (normalised words joined by spaces). `writtenIn`, when given, is the text the
 * phrase was taken from: a phrase that runs across its sentence ends is judged by the pairs inside each sentence. A
 * pair across a sentence end ("… at night. Shame because …" → "night shame") measures only the order in which a writer
 * put two sentences: when both are what this product's reviewers commonly write, the pair is still absent from a few
 * dozen reviews, and its smoothed rate (pseudoDocs over the reviews) is far below what chance gives for two common
 * sentences side by side. The sentences themselves are combined like the pairs of one sentence (the rarest, then each
 * further one never below pairDependenceFloor). A phrase with no pair inside any one sentence is judged as before.
 */
export function phraseAgainstChance(
  phrase: string,
  observed: number,
  sameProduct: boolean,
  stats: TextKeyStats | undefined,
  limits: ChanceLimits,
  suspects?: Suspects,
  writtenIn?: string,
): ChanceEvidence | null {
  const ws = phrase.split(' ');
  const pieces = writtenIn === undefined ? [ws] : sentencePieces(ws, writtenIn);
  if (pieces.length > 1) {
    // The disjoint pairs of each sentence (see keysAgainstChance: adjacent pairs overlap in a word).
    const keys = [...new Set(pieces.flatMap((p) => contentPairKeys(p, limits).filter((_, i) => i % 2 === 0)))];
    if (keys.length > 0) return keysAgainstChance(keys, observed, sameProduct, stats, limits, 'disjoint', suspects);
  }
  return keysAgainstChance(contentPairKeys(ws, limits), observed, sameProduct, stats, limits, 'pairs', suspects);
}

/**
 * The phrase's words split where the text's sentences end (the first place the phrase occurs in the text); the whole
 * phrase as one piece when it does not occur in the text or lies within one sentence.
 */
export function sentencePieces(phrase: readonly string[], text: string): string[][] {
  const all: string[] = [];
  const ends = new Set<number>();
  for (const s of sentences(text)) {
    all.push(...s);
    ends.add(all.length);
  }
  const n = phrase.length;
  for (let i = 0; n > 0 && i + n <= all.length; i++) {
    let k = 0;
    while (k < n && all[i + k] === phrase[k]) k++;
    if (k < n) continue;
    const pieces: string[][] = [];
    let from = 0;
    for (let j = 1; j < n; j++) {
      if (ends.has(i + j)) {
        pieces.push(phrase.slice(from, j));
        from = j;
      }
    }
    pieces.push(phrase.slice(from));
    return pieces;
  }
  return [[...phrase]];
}

/** How many of the reviews under suspicion (those that share text with the submission) contain each key. */
export interface Suspects {
  product: { docs: number; keyDocs: Map<string, number> };
  elsewhere: { docs: number; keyDocs: Map<string, number> };
}

/**
 * The reviews that share text with the submission, counted like the statistics count them: a farm's own reviews must
 * not make its template look like the product's topic, and a defect wave's topic must show in reviews beyond the
 * ones that match. `keysOf` gives a review's keys (the same function that fills the statistics).
 */
export function suspectsOf(
  reviews: readonly { id: string; productId: string }[],
  productId: string,
  keysOf: (r: { id: string; productId: string }) => readonly string[],
): Suspects {
  const out: Suspects = { product: { docs: 0, keyDocs: new Map() }, elsewhere: { docs: 0, keyDocs: new Map() } };
  const seen = new Set<string>();
  for (const r of reviews) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const side = r.productId === productId ? out.product : out.elsewhere;
    side.docs++;
    for (const k of new Set(keysOf(r))) side.keyDocs.set(k, (side.keyDocs.get(k) ?? 0) + 1);
  }
  return out;
}

export function isSurprising(e: ChanceEvidence | null, limits: ChanceLimits): boolean {
  return e === null || e.tailProbability <= limits.maxTailProbability;
}

/** 0..1: how far below the surprise line the tail lies, on a log scale (0 at the line, 1 at the floor). */
export function surpriseStrength(e: ChanceEvidence | null, limits: ChanceLimits): number {
  if (!e) return 1;
  const line = Math.log10(limits.maxTailProbability);
  const floor = Math.log10(limits.minTailProbability);
  const at = Math.log10(Math.max(limits.minTailProbability, e.tailProbability));
  return Math.min(1, Math.max(0, (line - at) / (line - floor)));
}
