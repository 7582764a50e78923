// Timing evidence from the author's own recent posts: more posts, or longer texts, than a person writes.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, MINUTE_MS, round, signalResult } from './signal-result.js';

// A fast typist sustains ~8 characters a second; beyond this a text was prepared elsewhere or generated.
const HUMAN_CHARS_PER_SECOND = 8;
const LIMITS = [
  { minutes: 10, max: 3 },
  { minutes: 60, max: 8 },
  { minutes: 24 * 60, max: 30 },
];

export function postingRateSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const at = submission.at.getTime();
  const posts = context.accountRecentPosts
    .filter((p) => p.id !== submission.id && p.at.getTime() <= at)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const out: SignalResult[] = [];

  let worst: { minutes: number; count: number; ratio: number } | null = null;
  for (const l of LIMITS) {
    const count = 1 + posts.filter((p) => at - p.at.getTime() <= l.minutes * MINUTE_MS).length;
    const ratio = count / l.max;
    if (count > l.max && (!worst || ratio > worst.ratio)) worst = { minutes: l.minutes, count, ratio };
  }
  if (worst) {
    out.push(
      signalResult(policy, 'posting-rate', 'timing', 'paid', clamp01(0.4 + 0.3 * (worst.ratio - 1)), `This account posted ${worst.count} times within ${worst.minutes} minutes.`, {
        posts: worst.count,
        windowMinutes: worst.minutes,
        postIds: posts.slice(0, 10).map((p) => p.id),
      }),
    );
  }

  const previous = posts[0];
  const length = submission.title.length + submission.body.length;
  if (previous && length >= 200) {
    const seconds = Math.max(1, (at - previous.at.getTime()) / 1000);
    const cps = length / seconds;
    if (cps > HUMAN_CHARS_PER_SECOND) {
      out.push(
        signalResult(
          policy,
          'typing-speed',
          'timing',
          'paid',
          clamp01(0.3 + 0.7 * Math.log2(cps / HUMAN_CHARS_PER_SECOND) / 3),
          `This ${length}-character text was posted ${Math.round(seconds)} seconds after the account's previous post.`,
          { previousPost: previous.id, seconds: Math.round(seconds), characters: length, charactersPerSecond: round(cps, 1) },
        ),
      );
    }
  }
  return out;
}

/** A physical product cannot be used minutes after it was ordered: orders placed just to make a review "verified". */
export function orderTimingSignals(submission: Submission, _context: AssessmentContext, policy: Policy): SignalResult[] {
  if (!submission.orderId || !submission.orderAt) return [];
  const minutes = (submission.at.getTime() - submission.orderAt.getTime()) / MINUTE_MS;
  if (minutes < 0 || minutes > 120) return [];
  return [
    signalResult(policy, 'order-minutes-before-review', 'timing', 'paid', minutes <= 30 ? 1 : 0.6, `The order was placed ${Math.max(0, Math.round(minutes))} minutes before this review.`, {
      orderId: submission.orderId,
      minutesFromOrderToReview: Math.round(minutes),
    }),
  ];
}
