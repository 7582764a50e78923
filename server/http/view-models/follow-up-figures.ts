/** One sentence for the public tab: how the merchant follows up on poor reviews (null when it has none yet). */
export function followUpFiguresView(f: { poor: number; answered: number; resolved: number; medianResponseHours: number | null }): string | null {
  if (f.poor === 0) return null;
  const median =
    f.medianResponseHours === null
      ? 'has not answered any yet'
      : `answers them in a median of ${f.medianResponseHours < 48 ? `${Math.round(f.medianResponseHours)} hours` : `${Math.round(f.medianResponseHours / 24)} days`}`;
  return `Of this shop's ${f.poor} published 1–3★ reviews, it ${median}; ${f.resolved} ${f.resolved === 1 ? 'was' : 'were'} confirmed resolved by the reviewer.`;
}
