// Timing evidence from the author's own recent posts: more posts, or longer texts, than a person writes.
// Moderate rates (a keen reviewer catching up on purchases) are corroborating evidence only. A run of posts
// whose text arrives faster than anyone can type is direct evidence of automation or pasting from a script:
// 'inhuman-posting-rate' is listed in policy.corroboration.directSignals and holds on its own.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, MINUTE_MS, round, signalResult } from './signal-result.js';

// Thresholds in policy.posting: a fast typist sustains about humanCharsPerSecond; direct evidence is a run of at least
// inhumanMinPosts posts (this one included) within inhumanRunMinutes whose text, from the second post of the run on,
// arrived at least that fast on average.

/**
 * The longest run of posts ending with this one in which every gap is short and the text written after the first
 * post arrived faster than HUMAN typing allows. Returns null when there is no such run of INHUMAN_MIN_POSTS.
 */
function inhumanRun(at: number, length: number, posts: { id: string; at: Date; textLength: number }[], policy: Policy) {
  const { inhumanRunMinutes, inhumanMinPosts, humanCharsPerSecond } = policy.posting;
  let best: { count: number; seconds: number; characters: number; cps: number; ids: string[] } | null = null;
  let characters = length;
  for (let i = 0; i < posts.length; i++) {
    const p = posts[i];
    const seconds = Math.max(1, (at - p.at.getTime()) / 1000);
    if (seconds > inhumanRunMinutes * 60) break;
    // posts[i] opens the run: the text typed after it is everything newer (this submission included).
    const count = i + 2;
    const cps = characters / seconds;
    if (count >= inhumanMinPosts && cps >= humanCharsPerSecond && (!best || count > best.count)) {
      best = { count, seconds, characters, cps, ids: posts.slice(0, i + 1).map((x) => x.id) };
    }
    characters += p.textLength;
  }
  return best;
}

export function postingRateSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const at = submission.at.getTime();
  const posts = context.accountRecentPosts.filter((p) => p.id !== submission.id && p.at.getTime() <= at).sort((a, b) => b.at.getTime() - a.at.getTime());
  const out: SignalResult[] = [];

  const pp = policy.posting;
  const run = inhumanRun(at, submission.title.length + submission.body.length, posts, policy);
  if (run) {
    const perPost = run.seconds / (run.count - 1);
    out.push(
      signalResult(
        policy,
        'inhuman-posting-rate',
        'timing',
        'paid',
        clamp01(pp.inhumanBase + pp.inhumanPerPost * (run.count - pp.inhumanMinPosts) + pp.inhumanPerDoubling * Math.log2(run.cps / pp.humanCharsPerSecond)),
        `This account posted ${run.count} texts in ${run.seconds < 2 * 60 ? `${Math.round(run.seconds)} seconds` : `${round(run.seconds / 60, 1)} minutes`} (one every ${Math.round(perPost)} seconds, ${round(run.cps, 1)} characters a second): faster than a person can write.`,
        {
          posts: run.count,
          seconds: Math.round(run.seconds),
          secondsPerPost: Math.round(perPost),
          characters: run.characters,
          charactersPerSecond: round(run.cps, 1),
          humanLimitCharactersPerSecond: pp.humanCharsPerSecond,
          postIds: run.ids,
        },
      ),
    );
  }

  let worst: { minutes: number; count: number; ratio: number } | null = null;
  for (const l of pp.limits) {
    const count = 1 + posts.filter((p) => at - p.at.getTime() <= l.minutes * MINUTE_MS).length;
    const ratio = count / l.max;
    if (count > l.max && (!worst || ratio > worst.ratio)) worst = { minutes: l.minutes, count, ratio };
  }
  if (worst) {
    out.push(
      signalResult(
        policy,
        'posting-rate',
        'timing',
        'paid',
        clamp01(pp.rateBase + pp.ratePerExcess * (worst.ratio - 1)),
        `This account posted ${worst.count} times within ${worst.minutes} minutes.`,
        {
          posts: worst.count,
          windowMinutes: worst.minutes,
          postIds: posts.slice(0, pp.postIdsShown).map((p) => p.id),
        },
      ),
    );
  }

  const previous = posts[0];
  const length = submission.title.length + submission.body.length;
  if (previous && length >= pp.typingMinCharacters) {
    const seconds = Math.max(1, (at - previous.at.getTime()) / 1000);
    const cps = length / seconds;
    if (cps > pp.humanCharsPerSecond) {
      out.push(
        signalResult(
          policy,
          'typing-speed',
          'timing',
          'paid',
          clamp01(pp.typingBase + (pp.typingSpan * Math.log2(cps / pp.humanCharsPerSecond)) / pp.typingFullDoublings),
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
  const pp = policy.posting;
  if (minutes < 0 || minutes > pp.orderMaxMinutes) return [];
  return [
    signalResult(
      policy,
      'order-minutes-before-review',
      'timing',
      'paid',
      minutes <= pp.orderStrongMinutes ? 1 : pp.orderWeakStrength,
      `The order was placed ${Math.max(0, Math.round(minutes))} minutes before this review.`,
      {
        orderId: submission.orderId,
        minutesFromOrderToReview: Math.round(minutes),
      },
    ),
  ];
}
