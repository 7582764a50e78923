// Identity evidence from account creation times, judged against the shop's sign-up rate: several reviewers of this
// product in the burst window were opened within minutes of the author's account, more than the sign-up rate around
// that time explains. A launch brings a wave of sign-ups spread over hours; a script opens a batch within minutes.
// The expected count is the sign-up rate in the hours around the author's creation (outside the minutes tested)
// times the width of the tested window; the surprise is the Poisson tail of the batch (author included).
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { DAY_MS, MINUTE_MS, round, signalResult, strengthOnScale } from './signal-result.js';
import { poissonLogTail } from './reviewer-graph.js';

export function creationBatchSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const s = context.signups;
  if (submission.kind !== 'review' || !s) return [];
  const p = policy.signups;
  const created = context.account.createdAt.getTime();
  const W = policy.context.burstWindowDays * DAY_MS;
  const at = submission.at.getTime();
  const batch = new Map<string, string[]>();
  for (const r of context.productRecentReviews) {
    if (r.id === submission.id || r.status === 'pending' || r.accountId === submission.accountId || Math.abs(r.at.getTime() - at) > W) continue;
    if (!r.authorCreatedAt || Math.abs(r.authorCreatedAt.getTime() - created) > p.nearMinutes * MINUTE_MS) continue;
    batch.set(r.accountId, [...(batch.get(r.accountId) ?? []), r.id]);
  }
  const observed = batch.size + 1;
  if (observed < p.minBatch) return [];
  // Sign-ups outside the tested minutes set the background rate (per minute) around the author's creation.
  const nearWidth = 2 * p.nearMinutes;
  const backgroundWidth = Math.max(1, 2 * p.baselineHours * 60 - nearWidth);
  const rate = Math.max(0, s.baselineCount - s.nearCount) / backgroundWidth;
  const expected = Math.max(rate * nearWidth, Number.EPSILON);
  const surprise = -poissonLogTail(observed, expected) / Math.LN10;
  if (surprise < p.minSurpriseLog10) return [];
  const strength = strengthOnScale(surprise, p.minSurpriseLog10, p.fullSurpriseLog10, p);
  const summary = `${observed} accounts reviewing this product within ${policy.context.burstWindowDays} days (this one included) were opened within ${p.nearMinutes} minutes of each other; the shop's sign-up rate then makes about ${round(expected, 2)} usual.`;
  const evidence = {
    accounts: [...batch.keys()],
    reviews: [...batch.values()].flat(),
    observed,
    expectedByChance: round(expected),
    surpriseLog10: round(surprise, 1),
    signupsWithinMinutes: s.nearCount,
    signupsWithinHours: s.baselineCount,
    nearMinutes: p.nearMinutes,
    baselineHours: p.baselineHours,
  };
  // One person or a farm: the batch argues for both coordination labels and the other families decide.
  return [
    signalResult(policy, 'creation-batch', 'identity', 'sockpuppet', strength, summary, evidence),
    signalResult(policy, 'creation-batch', 'identity', 'paid', strength, summary, evidence),
  ];
}
