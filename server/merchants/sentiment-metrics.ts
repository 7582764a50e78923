// PURE. Customer-sentiment figures for the merchant dashboard, from counts the database has already aggregated.
// CSAT: the share of verified reviews rated 4–5★, with a Wilson score interval (well-behaved at small counts and at
// shares near 0 or 1, unlike the normal approximation). NPS: promoters (9–10) minus detractors (0–6) among the
// answers to "how likely are you to recommend this shop?", with a variance-based (normal) interval: each answer is
// +1, 0 or −1, so Var = (p + d − (p − d)²) / n. Both at 95 % (z = 1.96). Nothing here filters: the counts passed in
// are all the merchant's published verified reviews.

export const Z_95 = 1.96;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for a proportion; null when there is nothing to estimate from. */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { low: Math.max(0, (centre - margin) / denominator), high: Math.min(1, (centre + margin) / denominator) };
}

export interface Csat {
  satisfied: number;
  total: number;
  /** 0–1, null without reviews. */
  share: number | null;
  interval: Interval | null;
}

export function csat(satisfied: number, total: number): Csat {
  return { satisfied, total, share: total ? satisfied / total : null, interval: wilsonInterval(satisfied, total) };
}

export interface Nps {
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
  /** −100 to 100, null without answers. */
  score: number | null;
  /** In NPS points, clipped to −100…100. */
  interval: Interval | null;
}

export function nps(promoters: number, passives: number, detractors: number, z = Z_95): Nps {
  const total = promoters + passives + detractors;
  if (total === 0) return { promoters, passives, detractors, total, score: null, interval: null };
  const p = promoters / total;
  const d = detractors / total;
  const mean = p - d;
  const se = Math.sqrt(Math.max(0, p + d - mean * mean) / total);
  return {
    promoters,
    passives,
    detractors,
    total,
    score: mean * 100,
    interval: { low: Math.max(-100, (mean - z * se) * 100), high: Math.min(100, (mean + z * se) * 100) },
  };
}

/** Which NPS group a 0–10 answer falls in. */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** The median of a list (mean of the two middle values for an even count); null for an empty list. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
