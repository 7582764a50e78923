// The shop's order→review delay distribution, and the exact tail of a sum of independent coin flips.
// Used by signals/order-cohort.ts to ask "how likely is it that this many buyers ordered (or reviewed) together,
// given how long this shop's customers usually take between ordering and reviewing?".

const HOUR_MS = 3_600_000;

/**
 * Cumulative distribution of delays (hours), smoothed: each sampled delay is spread evenly over ± `logWidth` in
 * natural-log hours (a box kernel), so that a sample of a few hundred delays gives a distribution without gaps.
 * Evaluations cost O(log n) (sorted log-delays with prefix sums).
 */
export class DelayDistribution {
  private readonly logs: number[];
  private readonly prefix: number[];

  constructor(
    hours: readonly number[],
    private readonly logWidth: number,
    private readonly floorHours: number,
  ) {
    this.logs = hours.map((h) => Math.log(Math.max(floorHours, h))).sort((a, b) => a - b);
    this.prefix = [0];
    for (const l of this.logs) this.prefix.push(this.prefix[this.prefix.length - 1]! + l);
  }

  get size(): number {
    return this.logs.length;
  }

  /** First index whose log-delay is ≥ x (strict: > x when `strict`). */
  private index(x: number, strict: boolean): number {
    let lo = 0;
    let hi = this.logs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = this.logs[mid]!;
      if (strict ? v <= x : v < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** P(delay ≤ hours). */
  cdf(hours: number): number {
    const n = this.logs.length;
    if (n === 0 || hours <= 0) return 0;
    const x = Math.log(Math.max(this.floorHours, hours));
    const w = this.logWidth;
    // Delays whose whole box lies below x count fully; those whose box contains x count by the covered part.
    const full = this.index(x - w, true);
    const partEnd = this.index(x + w, false);
    const count = partEnd - full;
    const sum = this.prefix[partEnd]! - this.prefix[full]!;
    const partial = (count * (x + w) - sum) / (2 * w);
    return Math.min(1, Math.max(0, (full + partial) / n));
  }

  /**
   * P(from ≤ delay ≤ to), delays in milliseconds. `logShift` moves the whole distribution by that much in natural-log
   * hours (a product whose buyers all take twice as long as the shop's: ln 2).
   */
  massBetweenMs(fromMs: number, toMs: number, logShift = 0): number {
    if (toMs <= fromMs) return 0;
    const k = Math.exp(-logShift) / HOUR_MS;
    return Math.max(0, this.cdf(toMs * k) - this.cdf(fromMs * k));
  }
}

/** P(X ≥ k) where X is the number of successes of independent trials with the given probabilities (exact). */
export function poissonBinomialTail(k: number, probabilities: readonly number[]): number {
  if (k <= 0) return 1;
  if (k > probabilities.length) return 0;
  // dist[j] = P(j successes so far), for j < k; the mass at ≥ k is accumulated in `atLeast`.
  let dist = new Array<number>(k).fill(0);
  dist[0] = 1;
  let atLeast = 0;
  for (const raw of probabilities) {
    const p = Math.min(1, Math.max(0, raw));
    const next = new Array<number>(k).fill(0);
    for (let j = 0; j < k; j++) {
      const m = dist[j]!;
      if (m === 0) continue;
      next[j] = (next[j] ?? 0) + m * (1 - p);
      if (j + 1 < k) next[j + 1] = (next[j + 1] ?? 0) + m * p;
      else atLeast += m * p;
    }
    dist = next;
  }
  return Math.min(1, Math.max(0, atLeast));
}
