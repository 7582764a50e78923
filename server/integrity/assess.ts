// The pure verdict: every signal family runs, then per label a noisy-OR of strengths minus mitigations is
// compared with the policy. Coordination labels (sockpuppet, paid) also need two independent families,
// because each family alone has innocent explanations (households, stock phrases, launch days), and one of
// them must show linkage or direction (shared identifiers, creation batches, order timing, pools beyond chance
// across merchants): a defect wave shares wording and popular products, and that is not coordination.
import type { AssessmentContext, Decision, Label, PriorReview, SignalResult, Submission, Verdict } from './types.js';
import { LABELS } from './types.js';
import type { Policy } from './policy.js';
import { defaultPolicy } from './policy.js';
import { textSimilaritySignals, windowTemplateSignals } from './signals/text-similarity.js';
import { copiedReviewSignals, copiedTextSignals } from './signals/copied-text.js';
import { orderTimingSignals, postingRateSignals } from './signals/posting-rate.js';
import { accountSignals } from './signals/account-signals.js';
import { sharedIdentitySignals } from './signals/shared-identity.js';
import { burstSignals, freshCohortSignals, poolTestPossible, reviewerPoolSignals } from './signals/reviewer-graph.js';
import { incentiveSignals } from './signals/incentives.js';
import { insiderSignals } from './signals/insiders.js';
import { textModelSignals } from './signals/text-model-signal.js';
import { linkedCoReviewSignals } from './signals/linked-timing.js';
import { merchantCoReviewSignals } from './signals/merchant-co-review.js';
import { creationBatchSignals } from './signals/creation-batch.js';
import { weakLinkSignals } from './signals/weak-links.js';
import { networkConcentrationSignals } from './signals/network-concentration.js';
import { samePhotoSignals } from './signals/same-photo.js';
import { orderCohortPossible, orderCohortRecheck, orderCohortSignals } from './signals/order-cohort.js';
import { neighbourhoodDripSignals } from './signals/neighbourhood-drip.js';
import { throwawayCohortSignals } from './signals/throwaway-cohort.js';
import { emailPatternGroupSignals } from './signals/email-pattern-group.js';
import { DAY_MS, round } from './signals/signal-result.js';

const SIGNAL_FAMILIES = [
  textSimilaritySignals,
  copiedTextSignals,
  copiedReviewSignals,
  windowTemplateSignals,
  postingRateSignals,
  orderTimingSignals,
  accountSignals,
  sharedIdentitySignals,
  linkedCoReviewSignals,
  merchantCoReviewSignals,
  burstSignals,
  freshCohortSignals,
  creationBatchSignals,
  weakLinkSignals,
  networkConcentrationSignals,
  reviewerPoolSignals,
  incentiveSignals,
  insiderSignals,
  textModelSignals,
  samePhotoSignals,
  orderCohortSignals,
  neighbourhoodDripSignals,
  throwawayCohortSignals,
  emailPatternGroupSignals,
];

const DECISION_RANK: Record<Decision, number> = { published: 0, held: 1, rejected: 2 };

/** Evidence recorded after `now` is not visible to this assessment. */
function asOf(context: AssessmentContext, now: Date): AssessmentContext {
  const t = now.getTime();
  const keep = (r: PriorReview) => r.at.getTime() <= t;
  const histories: Record<string, PriorReview[]> = {};
  for (const [k, v] of Object.entries(context.reviewerHistories)) histories[k] = v.filter(keep);
  let poolHistories: Record<string, PriorReview[]> | undefined;
  if (context.poolReviewerHistories) {
    poolHistories = {};
    for (const [k, v] of Object.entries(context.poolReviewerHistories)) poolHistories[k] = v.filter(keep);
  }
  return {
    ...context,
    accountReviews: context.accountReviews.filter(keep),
    accountRecentPosts: context.accountRecentPosts.filter((p) => p.at.getTime() <= t),
    textCandidates: context.textCandidates.filter(keep),
    linkedAccounts: context.linkedAccounts.filter((l) => l.account.createdAt.getTime() <= t).map((l) => ({ ...l, reviews: l.reviews.filter(keep) })),
    productRecentReviews: context.productRecentReviews.filter(keep),
    reviewerHistories: histories,
    ...(poolHistories ? { poolReviewerHistories: poolHistories } : {}),
    ...(context.productHistory ? { productHistory: productHistoryAsOf(context.productHistory, t) } : {}),
    checkedAt: now,
  };
}

function productHistoryAsOf(h: NonNullable<AssessmentContext['productHistory']>, t: number): NonNullable<AssessmentContext['productHistory']> {
  const reviewers: typeof h.reviewers = {};
  for (const [id, r] of Object.entries(h.reviewers)) {
    const reviews = r.reviews.filter((x) => x.at.getTime() <= t);
    if (reviews.length > 0) reviewers[id] = { ...r, reviews };
  }
  return { ...h, reviewers };
}

export function runSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  return SIGNAL_FAMILIES.flatMap((f) => f(submission, context, policy)).filter(
    (s) => s.weight !== 0 && !(submission.disclosedInsider && s.label === 'insider'),
  );
}

function noisyOr(weights: number[]): number {
  return 1 - weights.reduce((miss, w) => miss * (1 - Math.min(1, Math.max(0, w))), 1);
}

export interface LabelScore {
  label: Label;
  score: number;
  families: Record<string, number>;
  corroborated: boolean;
  /** A linkage or direction signal argues for this label (see policy.corroboration.linkageSignals). */
  linked: boolean;
}

/** Share of a signal's accounts that are among `linked` (0 when it names none). */
function linkedShare(accounts: unknown[], linked: Set<unknown>): number {
  return accounts.length ? accounts.filter((a) => linked.has(a)).length / accounts.length : 0;
}

export function scoreLabels(signals: SignalResult[], policy: Policy): LabelScore[] {
  const coordination = new Set(policy.corroboration.labels);
  const shared = new Set(policy.corroboration.sharedCoordinationSignals);
  const place = new Set(policy.corroboration.sharedCoordinationPlaceLinkage ?? []);
  const accountsOf = (s: SignalResult) => (Array.isArray(s.evidence.accounts) ? (s.evidence.accounts as unknown[]) : []);
  const placeOnlyOf = (s: SignalResult) => new Set(Array.isArray(s.evidence.placeOnly) ? (s.evidence.placeOnly as unknown[]) : []);
  const links = (s: SignalResult) =>
    policy.corroboration.linkageSignals.includes(s.signal) &&
    s.weight >= (policy.corroboration.linkageMinWeights?.[s.signal] ?? policy.corroboration.minFamilyScore);
  return LABELS.map((label) => {
    // The accounts this label's own linkage ties to the author: shared coordination evidence counts for the label only
    // when they make up most of its group. A burst of strangers says nothing about the author's household, and a wave
    // of 24 buyers in which two share a carrier's address is the wave's doing, not the pair's.
    // Linkage that names a place (one network beyond chance, \`place\`) is left out: one region's buyers of a faulty
    // batch share a network and a defect's words without one hand behind them.
    // So are accounts a signal links to the author by a network alone (shared-identity's evidence.placeOnly).
    const linkedHere = new Set(
      signals
        .filter((s) => s.label === label && links(s) && !place.has(s.signal))
        .flatMap((s) => {
          const placeOnly = placeOnlyOf(s);
          return accountsOf(s).filter((a) => !placeOnly.has(a));
        }),
    );
    const positive = signals.filter(
      (s) =>
        s.weight > 0 &&
        (s.label === label ||
          (coordination.has(label) &&
            s.label !== null &&
            coordination.has(s.label) &&
            shared.has(s.signal) &&
            linkedShare(accountsOf(s), linkedHere) >= policy.corroboration.sharedCoordinationMinLinkedShare)),
    );
    const mitigation = signals
      .filter((s) => s.weight < 0 && (s.label === label || (s.label === null && coordination.has(label))))
      .reduce((sum, s) => sum - s.weight, 0);
    const score = Math.max(0, noisyOr(positive.map((s) => s.weight)) - mitigation);
    const families: Record<string, number> = {};
    for (const f of new Set(positive.map((s) => s.family))) {
      families[f] = round(noisyOr(positive.filter((s) => s.family === f).map((s) => s.weight)));
    }
    const agreeing = policy.corroboration.families.filter((f) => (families[f] ?? 0) >= policy.corroboration.minFamilyScore).length;
    const direct = positive.some(
      (s) =>
        ((policy.corroboration.directSignals ?? []).includes(s.signal) && s.weight >= policy.corroboration.minFamilyScore) ||
        ((policy.corroboration.strongLinkageSignals ?? []).includes(s.signal) && s.weight >= policy.corroboration.strongLinkageMinWeight),
    );
    const linked = positive.some(links);
    const corroborated = !coordination.has(label) || direct || (agreeing >= policy.corroboration.minFamilies && linked);
    return { label, score: round(score), families, corroborated, linked };
  });
}

export function assess(submission: Submission, context: AssessmentContext, policy: Policy = defaultPolicy, now: Date = submission.at): Verdict {
  const ctx = asOf(context, now);
  const signals = runSignals(submission, ctx, policy).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const scores = scoreLabels(signals, policy);

  let decision: Decision = 'published';
  const labels: Label[] = [];
  let top = 0;
  for (const s of scores) {
    const t = policy.thresholds[s.label];
    // An uncorroborated coordination score is reported just below the hold line: it cannot decide anything.
    const effective = s.corroborated ? s.score : Math.min(s.score, round(t.hold * 0.99));
    top = Math.max(top, effective);
    if (!s.corroborated || s.score < t.label) continue;
    labels.push(s.label);
    const d: Decision = s.score >= t.reject ? 'rejected' : s.score >= t.hold ? 'held' : 'published';
    if (DECISION_RANK[d] > DECISION_RANK[decision]) decision = d;
  }

  const coordinationLabels = labels.filter((l) => policy.corroboration.labels.includes(l));
  const reopen = new Set<string>();
  if (decision !== 'published') {
    // Only reviews named by evidence strong enough to count for a family can change verdict when re-assessed: a
    // weak hint about them (one shared popular phrase) would re-open many reviews for nothing.
    for (const s of signals) {
      if (s.weight < policy.corroboration.minFamilyScore || !s.label || !coordinationLabels.includes(s.label)) continue;
      const ids = s.evidence.reviews;
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string' && id !== submission.id) reopen.add(id);
    }
  }
  // Buyers who ordered together with this one beyond chance are checked again with this review visible, whatever this
  // verdict is: their reviews-together test could not see it (signals/order-cohort.ts).
  for (const id of orderCohortRecheck(submission, ctx, policy)) reopen.add(id);

  // The reviews-together test asks how likely it is that the co-ordering buyers reviewed this close together, given
  // that they reviewed within the product's window at all; a check made before that window closed sees only part of it
  // (the days with no other review in them are evidence too). A review whose cohort test was possible is checked again
  // when its window has closed, by the same function with everything known then (signals/order-cohort.ts).
  // The reviewer-pool test likewise reads the product's reviewers within ± graph.poolProductDays: it is made again when
  // that window has closed (the earlier re-check, if any, asks for this one in turn).
  const t = now.getTime();
  const windowEnd = submission.at.getTime() + policy.context.productWindowDays * DAY_MS;
  const cohortDue = t < windowEnd && orderCohortPossible(submission, ctx.productRecentReviews, policy, now) ? windowEnd : null;
  const poolEnd = submission.at.getTime() + (policy.graph.poolProductDays ?? 0) * DAY_MS;
  const poolDue = policy.graph.recheckPoolAtWindowClose && t < poolEnd && poolTestPossible(submission, ctx.accountReviews, policy) ? poolEnd : null;
  const due = [cohortDue, poolDue].filter((x): x is number => x !== null);
  const recheckAt = due.length > 0 ? new Date(Math.min(...due)) : null;

  return {
    decision,
    labels,
    score: round(top),
    reasons: signals,
    reopen: [...reopen].sort(),
    recheckAt,
    policyVersion: policy.version,
    modelVersion: ctx.model?.version ?? null,
  };
}
