// Timing evidence about linked accounts: one person running several accounts posts them on the same products
// at nearly the same time. A household or an office shares a network but its people buy and review on their
// own schedule, so a shared network alone needs co-reviews on two different products; a personal link (same
// mailbox or device, or accounts opened together from the same network) needs one.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, DAY_MS, HOUR_MS, isOrderedDaysBefore, isOther, round, signalResult } from './signal-result.js';
import { createdTogether, linkTier } from './shared-identity.js';

// Windows (policy.linkedTiming): two reviews of one product by personally linked accounts within strongWindowDays
// count as posted together; on a shared network only (household, office, carrier NAT) the co-reviews must be within
// weakWindowHours and unbacked by orders.

/** A review backed by an order placed days before: a purchase of its own, not a post timed with another account. */
const isBuyer = isOrderedDaysBefore;

function gapStrength(gapMs: number, policy: Policy): number {
  const t = policy.linkedTiming;
  if (gapMs <= t.closeHours * HOUR_MS) return t.closeStrength;
  if (gapMs <= t.nearHours * HOUR_MS) return t.nearStrength;
  return t.farStrength;
}

export function linkedCoReviewSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  // The author's review times per product, this submission included.
  const mine = new Map<string, { at: number; buyer: boolean }[]>([[submission.productId, [{ at: submission.at.getTime(), buyer: isBuyer(submission) }]]]);
  for (const r of context.accountReviews) {
    if (!isOther(r, submission)) continue;
    const l = mine.get(r.productId) ?? [];
    l.push({ at: r.at.getTime(), buyer: isBuyer(r) });
    mine.set(r.productId, l);
  }
  const lt = policy.linkedTiming;
  const window = lt.strongWindowDays * DAY_MS;
  const together = createdTogether(context, policy, submission);
  const hits: {
    account: string;
    tier: string;
    link: string[];
    products: string[];
    reviews: string[];
    gapMs: number;
    onThisProduct: boolean;
    batchOnly: boolean;
  }[] = [];
  for (const l of context.linkedAccounts) {
    if (l.account.id === submission.accountId) continue;
    const { tier, reasons } = linkTier(l, together);
    if (!tier) continue;
    const products = new Map<string, { gap: number; reviews: string[] }>();
    for (const r of l.reviews) {
      if (!isOther(r, submission)) continue;
      // Two buyers who each ordered days before are two purchases; on a shared network, one is enough to doubt it.
      const times = (mine.get(r.productId) ?? []).filter((t) => (tier === 'strong' ? !(t.buyer && isBuyer(r)) : !t.buyer && !isBuyer(r)));
      if (times.length === 0) continue;
      const gap = Math.min(...times.map((t) => Math.abs(t.at - r.at.getTime())));
      if (gap > (tier === 'strong' ? window : lt.weakWindowHours * HOUR_MS)) continue;
      const e = products.get(r.productId) ?? { gap, reviews: [] };
      e.gap = Math.min(e.gap, gap);
      e.reviews.push(r.id);
      products.set(r.productId, e);
    }
    // On a shared network: two products, or one product within hours from the same browser build.
    const sameBrowser = l.links.some((x) => x.kind === 'ua');
    const enough = tier === 'strong' || products.size >= 2 || (sameBrowser && [...products.values()].some((e) => e.gap <= lt.weakSingleProductHours * HOUR_MS));
    // The evidence is about this review: its own product must be one of those posted together.
    if (!products.has(submission.productId) || !enough) continue;
    const gaps = [...products.values()].map((e) => e.gap);
    hits.push({
      account: l.account.id,
      tier,
      link: reasons,
      products: [...products.keys()],
      reviews: [...products.values()].flatMap((e) => e.reviews),
      gapMs: Math.min(...gaps),
      onThisProduct: products.has(submission.productId),
      batchOnly: l.links.every((x) => x.kind === 'ip_prefix'),
    });
  }
  if (hits.length === 0) return [];
  const out = [coReviewSignal(policy, hits, 'sockpuppet')];
  // Accounts tied only by being opened in one batch on one /24 are one person or a farm renting addresses:
  // the same timing evidence also argues for 'paid', and the other families decide.
  const batch = hits.filter((h) => h.batchOnly);
  if (batch.length > 0) out.push(coReviewSignal(policy, batch, 'paid'));
  return out;
}

function coReviewSignal(
  policy: Policy,
  hits: { account: string; tier: string; link: string[]; products: string[]; reviews: string[]; gapMs: number }[],
  label: 'sockpuppet' | 'paid',
): SignalResult {
  const products = new Set(hits.flatMap((h) => h.products));
  const best = Math.min(...hits.map((h) => h.gapMs));
  const lt = policy.linkedTiming;
  const strength = clamp01(gapStrength(best, policy) + lt.perExtraAccount * (hits.length - 1) + lt.perExtraProduct * (products.size - 1));
  const hours = round(best / HOUR_MS, 1);
  return signalResult(
    policy,
    'linked-co-review',
    'timing',
    label,
    strength,
    `${hits.length} linked account${hits.length > 1 ? 's' : ''} reviewed the same product${products.size > 1 ? 's' : ''} within ${hours < 2 * 24 ? `${hours} hours` : `${round(hours / 24, 1)} days`} of this account.`,
    {
      accounts: hits.map((h) => h.account),
      links: Object.fromEntries(hits.map((h) => [h.account, { tier: h.tier, why: h.link }])),
      products: [...products],
      reviews: [...new Set(hits.flatMap((h) => h.reviews))],
      closestGapHours: hours,
      windowDays: lt.strongWindowDays,
    },
  );
}
