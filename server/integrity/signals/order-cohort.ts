// 'order-review-cohort' (paid, timing family, a direction signal): buyers who ordered together AND reviewed together,
// beyond what this shop's own order→review delays make likely. A farm hired for a campaign places its orders in one
// go and posts its reviews in one go; independent buyers each take their own time between the two.
//
// Two tests against the shop's delay distribution F (the delays of its most recent verified reviews, smoothed):
// - orders together, given when the reviews were posted: for each other buyer j who reviewed the product within
//   ± productWindowDays, chance that its order fell within ± orderBandHours of the author's is F-mass of the delays
//   that put it there; observed = the buyers whose orders did. A sale (many orders in a few days, reviews spread by
//   the buyers' own delays) is improbable here, which is why this test never fires alone.
// - reviews together, given when those co-ordering buyers ordered: chance that j's review fell within
//   ± reviewBandHours of the author's, given that it fell in the visible window at all; observed = those that did.
//   Buyers of one sale day review over weeks; a campaign's accounts post within hours.
// Both tails (exact sums of unequal coin flips) must be at most farms.maxTail. Both together are still only timing:
// a launch whose pre-orders all ship on launch day looks the same, so this is one family and the corroboration rule
// asks for a second, independent one (text, identity or graph) before anything is held. Rating is never read.
import type { AssessmentContext, OrderDelayFacts, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { DelayDistribution, poissonBinomialTail } from '../order-delays.js';
import { DAY_MS, evidenceProbability, HOUR_MS, isOther, round, strengthOnScale, surpriseLog10 } from './signal-result.js';
import { poissonLogTail } from './reviewer-graph.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The product's other buyers whose order and review fall in the window of a check at `checkedAt` (one per account). */
function otherBuyers(submission: Submission, productRecentReviews: AssessmentContext['productRecentReviews'], policy: Policy, checkedAt: Date | undefined) {
  const rs = submission.at.getTime();
  const W = policy.context.productWindowDays * DAY_MS;
  // The window the product's reviews were read from: nothing after the moment of the check can be in it.
  const lo = rs - W;
  const hi = Math.min(rs + W, Math.max(rs, checkedAt?.getTime() ?? rs));
  const seen = new Set<string>([submission.accountId]);
  const others: { id: string; accountId: string; r: number; o: number; published: boolean }[] = [];
  for (const r of productRecentReviews) {
    if (!isOther(r, submission) || seen.has(r.accountId) || !r.orderAt) continue;
    const at = r.at.getTime();
    const o = r.orderAt.getTime();
    if (at < lo || at > hi || o > at) continue;
    seen.add(r.accountId);
    others.push({ id: r.id, accountId: r.accountId, r: at, o, published: r.status === 'published' });
  }
  return { lo, hi, others };
}

/**
 * Whether this check could find a cohort at all, decided without the shop's delays: the author has an order placed
 * before the review, no disclosed incentive, and at least minOthers other buyers ordered within ± orderBandHours and
 * reviewed within ± reviewBandHours of the author. When false the signal is silent whatever the delays are, so the
 * context loader leaves the shop's delay sample (the dearest read of a check) unread.
 */
export function orderCohortPossible(
  submission: Submission,
  productRecentReviews: AssessmentContext['productRecentReviews'],
  policy: Policy,
  checkedAt: Date | undefined,
): boolean {
  const f = policy.farms;
  if (!f || submission.kind !== 'review' || !submission.orderAt || submission.incentive?.disclosed) return false;
  const rs = submission.at.getTime();
  const os = submission.orderAt.getTime();
  if (os > rs) return false;
  const h = f.orderBandHours * HOUR_MS;
  const g = f.reviewBandHours * HOUR_MS;
  const { others } = otherBuyers(submission, productRecentReviews, policy, checkedAt);
  // A band anchored on another co-ordering buyer's review (within ± g of the author's) reaches ± 2g from the author.
  return others.filter((j) => Math.abs(j.o - os) <= h && Math.abs(j.r - rs) <= 2 * g).length >= f.minOthers;
}

/**
 * Orders together (both tests beyond farms.maxTail), before anything is asked about the reviews; undefined when the
 * check cannot run or fewer than minOthers other buyers ordered within ± orderBandHours of the author.
 */
function ordersTogether(submission: Submission, context: AssessmentContext, policy: Policy) {
  const seen = ordersTogetherOf.get(context);
  if (seen && seen.submission === submission && seen.policy === policy) return seen.result;
  const result = findOrdersTogether(submission, context, policy);
  ordersTogetherOf.set(context, { submission, policy, result });
  return result;
}

// One check asks twice with the same context (its signal, and assess.ts for the re-check list): the delay
// distribution and both tails are computed once.
const ordersTogetherOf = new WeakMap<AssessmentContext, { submission: Submission; policy: Policy; result: ReturnType<typeof findOrdersTogether> }>();

function findOrdersTogether(submission: Submission, context: AssessmentContext, policy: Policy) {
  const f = policy.farms;
  if (!f || submission.kind !== 'review' || !submission.orderAt || !context.orderDelays) return undefined;
  // A disclosed incentive is directed by design and says so (a brand's testers order and review together): it is
  // published with its label, and timing is no evidence of a hidden payment.
  if (submission.incentive?.disclosed) return undefined;
  if (context.orderDelays.hours.length < f.delaySampleMinimum) return undefined;
  const rs = submission.at.getTime();
  const os = submission.orderAt.getTime();
  if (os > rs) return undefined;
  const { lo, hi, others } = otherBuyers(submission, context.productRecentReviews, policy, context.checkedAt);
  const h = f.orderBandHours * HOUR_MS;
  if (others.length < f.minOthers) return undefined;

  const F = new DelayDistribution(context.orderDelays.hours, f.delayLogWidth, f.delayFloorHours);
  // Orders together, given the reviews: j's order is within ± h of the author's when its delay is in [r − os − h, r − os + h].
  const orderChance = others.map((j) => F.massBetweenMs(j.r - os - h, j.r - os + h));
  const coOrdered = others.map((j, i) => ({ ...j, q: orderChance[i]! })).filter((j) => Math.abs(j.o - os) <= h);
  if (coOrdered.length < f.minOthers) return undefined;
  const delayTail = poissonBinomialTail(coOrdered.length, orderChance);
  // Orders together, against the product's own order rate: a launch or a sale brings many buyers who order in the same
  // days, and then orders close together are what the product's rate makes usual. The orders the shop recorded for this
  // product (other accounts, placed by the moment of the check) within ± h of the author's order are compared with the
  // rate of its orders over ± orderRateDays outside that band (plus orderRatePseudoOrders, so that a product with no
  // other orders is not taken to have a rate of exactly 0). The less surprising of the two orders tests counts.
  const rate = productOrderRate(context.orderDelays.productOrders, os, h, Math.max(rs, context.checkedAt?.getTime() ?? rs), policy);
  const ordersTail = Math.max(delayTail, rate?.tail ?? 0);
  if (ordersTail > f.maxTail) return undefined;
  return { f, rs, os, lo, hi, others, F, hours: context.orderDelays.hours, orderChance, coOrdered, delayTail, rate, ordersTail };
}

/**
 * Reviews to check again because of this one: when this buyer and at least minOthers others ordered together beyond
 * chance, the co-ordering buyers whose reviews could share a band with this one (within ± 2 × reviewBandHours). Their
 * own checks could not see this review, and a campaign's reviews-together test needs the group's later reviews: a
 * re-check with what is known now is evidence of the whole cohort, not of a part of it. The queue checks each again
 * and follows further only from reviews it newly holds, so the cascade ends.
 */
export function orderCohortRecheck(submission: Submission, context: AssessmentContext, policy: Policy): string[] {
  const t = ordersTogether(submission, context, policy);
  if (!t) return [];
  const reach = 2 * t.f.reviewBandHours * HOUR_MS;
  return t.coOrdered.filter((j) => Math.abs(j.r - t.rs) <= reach).map((j) => j.id);
}

export function orderCohortSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const t = ordersTogether(submission, context, policy);
  if (!t) return [];
  const { f, rs, os, lo, hi, others, F, orderChance, coOrdered, delayTail, rate, ordersTail } = t;
  const g = f.reviewBandHours * HOUR_MS;
  const h = f.orderBandHours * HOUR_MS;

  // Reviews together, given the co-ordered buyers' orders and that their reviews are in the window at all. A product's
  // buyers may all be faster or slower than the shop's (a launch reviewed within days, a slow-shipping item): the test
  // is run with the shop's distribution moved by every shift (steps of delayShiftStep, natural-log hours) that puts
  // this group's median delay within the shop's middle range (between the shiftQuantiles), and the least surprising
  // result is kept. A group is regular only if it is regular whatever this product's typical delay is.
  // The band of ± g is anchored on the group, not only on the author: a campaign posting over more than g hours puts its
  // first and last reviewers at the edge of their own bands. Each co-ordering buyer whose review is within ± g of the
  // author's (so that the author is inside its band) is tried as the centre, the author too; the anchor itself is not
  // counted, and the best anchor's tail is multiplied by the number of anchors tried (Bonferroni), so that choosing
  // the centre after seeing the reviews is paid for.
  const sorted = [...t.hours].sort((a, b) => a - b);
  const quantile = (q: number) => Math.max(f.delayFloorHours, sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  // The product's other buyers, who did not order with the author, say when this product's buyers review: a launch whose
  // pre-orders ship on one day, or a product reviewed after a holiday, brings everyone's reviews into the same days,
  // whenever they ordered. A farm's reviews are together because its accounts are; strangers' are not. So each member's
  // chance of a review in the band is at least the share of these bystanders' reviews that fell in it (smoothed towards
  // the delay model's chance by bystanderPseudoBuyers, so that a product with few of them keeps the model). A farm may
  // place its orders over more than one band: only buyers who ordered beyond bystanderOrderBands bands count. Only
  // published reviews count: a second campaign on the product in the same days (held) says nothing of its ordinary buyers.
  const bystanders = others.filter((j) => j.published && Math.abs(j.o - os) > (f.bystanderOrderBands ?? 1) * h);
  const pseudo = f.bystanderPseudoBuyers;
  const productShare = (inBand: number, model: number) => (pseudo === undefined ? model : (inBand + pseudo * model) / (bystanders.length + pseudo));
  const anchors = [{ id: submission.id, r: rs }, ...coOrdered.filter((j) => Math.abs(j.r - rs) <= g)];
  let best:
    | { tail: number; together: typeof coOrdered; chance: number[]; shift: number; delays: number[]; median: number; bystandersInBand: number }
    | undefined;
  for (const anchor of anchors) {
    const from = Math.max(lo, anchor.r - g);
    const to = Math.min(hi, anchor.r + g);
    const members = coOrdered.filter((j) => j.id !== anchor.id);
    const together = members.filter((j) => Math.abs(j.r - anchor.r) <= g);
    if (together.length < f.minOthers) continue;
    const bystandersInBand = bystanders.filter((j) => j.r >= from && j.r <= to).length;
    const groupDelays = [rs - os, ...together.map((j) => j.r - j.o)].map((d) => Math.max(f.delayFloorHours, d / HOUR_MS)).sort((a, b) => a - b);
    const groupMedian = groupDelays[Math.floor(groupDelays.length / 2)]!;
    const lowShift = Math.log(groupMedian / quantile(f.shiftQuantiles[1]));
    const highShift = Math.log(groupMedian / quantile(f.shiftQuantiles[0]));
    const chanceAt = (shift: number) =>
      members.map((j) => {
        const inWindow = F.massBetweenMs(lo - j.o, hi - j.o, shift);
        const model = inWindow > 0 ? Math.min(1, F.massBetweenMs(from - j.o, to - j.o, shift) / inWindow) : 1;
        return Math.max(model, productShare(bystandersInBand, model));
      });
    let chance: number[] = [];
    let tail = -1;
    let shift = 0;
    const shifts = [0, lowShift, highShift];
    for (let x = Math.ceil(lowShift / f.delayShiftStep) * f.delayShiftStep; x < highShift; x += f.delayShiftStep) shifts.push(x);
    for (const s of shifts) {
      const c = chanceAt(s);
      const t = poissonBinomialTail(together.length, c);
      if (t > tail) {
        tail = t;
        chance = c;
        shift = s;
      }
      if (tail > f.maxTail) break;
    }
    if (!best || tail < best.tail) best = { tail, together, chance, shift, delays: groupDelays, median: groupMedian, bystandersInBand };
  }
  if (!best) return [];
  const { together, chance: reviewChance, shift: worstShift, delays: groupDelays, median: groupMedian } = best;
  const reviewsTail = Math.min(1, best.tail * anchors.length);
  if (reviewsTail > f.maxTail) return [];

  const surprise = surpriseLog10(ordersTail) + surpriseLog10(reviewsTail);
  const strength = strengthOnScale(surprise, -2 * Math.log10(f.maxTail), f.fullSurpriseLog10, f);
  const p = evidenceProbability;
  const shopMedian = sorted[Math.floor(sorted.length / 2)]!;
  return [
    {
      signal: 'order-review-cohort',
      family: 'timing',
      label: 'paid',
      weight: round(strength * f.weight),
      summary:
        `${together.length + 1} buyers of this product (this one included) ordered within ${f.orderBandHours} hours of each other and ` +
        `reviewed within ${f.reviewBandHours} hours of one of their reviews. Given how long this shop's customers usually take between ordering and ` +
        `reviewing (median ${round(shopMedian, 0)} hours), ${coOrdered.length} orders that close were expected ${p(sum(orderChance))} times` +
        (rate ? `, and given this product's own orders in the weeks around, ${rate.observed} orders that close ${p(rate.expected)} times` : '') +
        ` (P = ${p(ordersTail)}); ${together.length} of those reviews that close were expected ${p(sum(reviewChance))} times (P = ${p(reviewsTail)}, ` +
        `${anchors.length} placements of the band tried` +
        (bystanders.length > 0
          ? `; of the product's ${bystanders.length} other buyers who ordered on other days, ${best.bystandersInBand} reviewed in those hours).`
          : ').'),
      evidence: {
        reviews: together.map((j) => j.id),
        accounts: together.map((j) => j.accountId),
        ordersTogether: {
          observed: coOrdered.length,
          expected: p(sum(orderChance)),
          tail: p(ordersTail),
          bandHours: f.orderBandHours,
          buyersTested: others.length,
          // Against the shop's delays alone (the tail above is the larger of this and the product's own order rate).
          delayTail: p(delayTail),
          ...(rate
            ? {
                productOrders: {
                  observed: rate.observed,
                  expected: p(rate.expected),
                  tail: p(rate.tail),
                  otherOrdersNearby: rate.background,
                  rateDays: f.orderRateDays,
                },
              }
            : {}),
        },
        reviewsTogether: {
          observed: together.length,
          expected: p(sum(reviewChance)),
          tail: p(reviewsTail),
          bandHours: f.reviewBandHours,
          // The product's typical delay least favourable to this finding, as a factor of the shop's.
          worstDelayFactor: round(Math.exp(worstShift), 2),
          // Band centres tried (the author's review and co-ordering buyers' reviews within the band): the tail is multiplied by this.
          anchorsTried: anchors.length,
          // The product's buyers who did not order within the band, and how many of them reviewed in the band too.
          otherBuyers: { reviewedInWindow: bystanders.length, reviewedInBand: best.bystandersInBand },
        },
        tail: p(ordersTail * reviewsTail),
        groupDelayHours: { min: round(groupDelays[0]!, 1), median: round(groupMedian, 1), max: round(groupDelays[groupDelays.length - 1]!, 1) },
        shopDelaySample: sorted.length,
        shopMedianDelayHours: round(shopMedian, 1),
      },
    },
  ];
}

/**
 * The Poisson tail of the product's other orders within ± band of the author's order (`near`), against the product's
 * own rate over ± orderRateDays outside the band (`wide` − `near` orders), both counted up to the moment of the check
 * and from the product's first recorded order.
 * Undefined when the loader did not count the product's orders.
 */
function productOrderRate(orders: OrderDelayFacts['productOrders'], os: number, band: number, now: number, policy: Policy) {
  const f = policy.farms;
  if (!orders || !f) return undefined;
  // The rate is counted over the days the product was on sale: not before its first recorded order (a launch's first
  // pre-order day is not compared with the weeks before the product was listed).
  const start = Math.max(os - f.orderRateDays * DAY_MS, Math.min(os, orders.firstAt?.getTime() ?? -Infinity));
  const nearSpan = Math.max(0, Math.min(os + band, now) - Math.max(os - band, start));
  const backgroundSpan = Math.max(nearSpan, Math.min(os + f.orderRateDays * DAY_MS, now) - start - nearSpan);
  const background = Math.max(0, orders.wide - orders.near);
  const expected = ((background + f.orderRatePseudoOrders) / backgroundSpan) * nearSpan;
  const tail = Math.exp(poissonLogTail(orders.near, expected));
  return { observed: orders.near, expected, tail, background };
}
