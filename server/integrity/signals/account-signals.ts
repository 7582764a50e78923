// Account facts are weak modifiers: they tilt a score that other families raised, never decide alone.
// Ratings appear here only as a symmetric modifier (distance from the product mean, share of extreme ratings),
// so a 1★ and a 5★ review with the same facts are treated the same way.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, DAY_MS, MINUTE_MS, round, signalResult } from './signal-result.js';

function ratingModifier(
  submission: Submission,
  context: AssessmentContext,
  policy: Policy,
): { factor: number; deviation: number | null; extremeShare: number | null } {
  const a = policy.account;
  const p = context.product;
  const deviation =
    submission.rating !== null && p.reviewCount >= a.ratingModifierMinProductReviews ? Math.abs(submission.rating - p.ratingSum / p.reviewCount) : null;
  const ratings = context.accountReviews.map((r) => r.rating).concat(submission.rating ?? []);
  const extremeShare = ratings.length >= a.ratingModifierMinAccountRatings ? ratings.filter((r) => a.extremeRatings.includes(r)).length / ratings.length : null;
  const factor = 1 + a.ratingDeviationWeight * ((deviation ?? 0) / a.ratingDeviationScale) + a.extremeRatingWeight * (extremeShare ?? 0);
  return { factor, deviation: deviation === null ? null : round(deviation, 2), extremeShare: extremeShare === null ? null : round(extremeShare, 2) };
}

export function accountSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const out: SignalResult[] = [];
  const at = submission.at.getTime();
  const ageDays = (at - context.account.createdAt.getTime()) / DAY_MS;
  const a = policy.account;
  const mod = ratingModifier(submission, context, policy);
  const others = context.accountReviews.filter((r) => r.id !== submission.id && r.at.getTime() <= at);
  const published = others.filter((r) => r.status === 'published');

  if (ageDays < a.newAccountDays) {
    out.push(
      signalResult(
        policy,
        'new-account',
        'account',
        'paid',
        (ageDays < a.veryNewAccountDays ? a.veryNewAccountStrength : a.newAccountStrength) * mod.factor,
        `The account was created ${ageDays < 1 ? 'less than a day' : `${Math.floor(ageDays)} days`} before this review.`,
        {
          accountAgeDays: round(ageDays, 2),
          ratingDeviationFromProductMean: mod.deviation,
          extremeRatingShare: mod.extremeShare,
        },
      ),
    );
  }

  const WEEK = 7;
  const lastWeek = others.filter((r) => at - r.at.getTime() <= WEEK * DAY_MS).length + 1;
  const perDay = lastWeek / Math.max(1, Math.min(WEEK, ageDays));
  if (lastWeek >= a.highRateMinReviewsPerWeek && perDay >= a.highRateMinPerDay) {
    out.push(
      signalResult(
        policy,
        'high-review-rate',
        'account',
        'paid',
        clamp01(perDay / a.highRateFullPerDay) * mod.factor,
        `This account posted ${lastWeek} reviews in the last ${Math.max(1, Math.round(Math.min(WEEK, ageDays)))} days.`,
        {
          reviewsLast7Days: lastWeek,
          perDay: round(perDay, 1),
        },
      ),
    );
  }

  if (others.length === 0) {
    out.push(
      signalResult(policy, 'one-review-account', 'account', 'paid', 1, 'This is the first review by this account.', { accountAgeDays: round(ageDays, 2) }),
    );
  }

  if (submission.orderId && submission.orderAt) {
    const minutes = (at - submission.orderAt.getTime()) / MINUTE_MS;
    if (minutes >= 2 * 24 * 60) {
      out.push(
        signalResult(
          policy,
          'verified-order-before',
          'account',
          null,
          clamp01(minutes / (a.verifiedOrderFullDays * 24 * 60)) * (1 - a.mitigationBase) + a.mitigationBase,
          `The author ordered this product ${Math.floor(minutes / (24 * 60))} days before reviewing it.`,
          { orderId: submission.orderId, daysSinceOrder: Math.floor(minutes / (24 * 60)) },
          -1,
        ),
      );
    }
  }

  if (published.length >= a.establishedMinPublished && ageDays >= a.establishedMinAgeDays) {
    const span = (at - Math.min(...published.map((r) => r.at.getTime()))) / DAY_MS;
    if (span >= a.establishedMinSpanDays) {
      out.push(
        signalResult(
          policy,
          'established-reviewer',
          'account',
          null,
          clamp01(published.length / a.establishedFullReviews) * clamp01(span / a.establishedFullSpanDays) * (1 - a.mitigationBase) + a.mitigationBase,
          `The author has ${published.length} published reviews over ${Math.floor(span)} days.`,
          { publishedReviews: published.length, spanDays: Math.floor(span), accountAgeDays: Math.floor(ageDays) },
          -1,
        ),
      );
    }
  }
  return out;
}
