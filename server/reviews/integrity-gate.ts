import { assess } from '../integrity/assess.js';
import { identifiersFor } from '../integrity/identity-keys.js';
import { recordIdentifiers } from '../storage/identifier-repo.js';
import type { Policy } from '../integrity/policy.js';
import { assertTransition, stateForDecision } from '../integrity/states.js';
import { lshBands, textStatKeys } from '../integrity/text-fingerprint.js';
import { replaceTextKeyStats } from '../storage/text-stats-repo.js';
import type { Submission, TextModel, Verdict } from '../integrity/types.js';
import { appendAudit, hasHumanDecision } from '../storage/audit-repo.js';
import { loadContext } from '../storage/context-loader.js';
import type { Database, Queryable } from '../storage/database.js';
import {
  claimReassessmentJobs,
  enqueueReassessment,
  scheduleRecheck,
  findReview,
  finishReassessmentJob,
  insertCheckedReview,
  type NewReview,
  recordVerdict,
  replaceTextBands,
  setReviewState,
} from '../storage/review-repo.js';
import { setCommentState } from '../storage/comment-repo.js';
import { setAnswerState, setQuestionState } from '../storage/question-repo.js';

/** What every check needs: the policy in force and the text model trained from moderators' decisions. */
export interface IntegrityDeps {
  policy: Policy;
  currentModel(): TextModel | null;
  /** Told when a re-check moves a published review back to held (author and merchant e-mails). */
  notices?: ReassessmentNotices;
}

/** Remembers the address and browser a post came from: the identity checks link accounts through them. */
export async function recordPostIdentifiers(
  tx: Queryable,
  accountId: string,
  post: { ip: string | null; userAgent: string | null; device?: string | null; at: Date },
  identifierKey?: string,
) {
  const identifiers = identifiersFor({ ip: post.ip ?? undefined, userAgent: post.userAgent ?? undefined, device: post.device ?? undefined });
  await recordIdentifiers(tx, accountId, identifiers, post.at, identifierKey);
}

/** The stored review as the pipeline sees it, checked as of `at` (its posting or editing time). */
export function submissionFromReview(review: NonNullable<Awaited<ReturnType<typeof findReview>>>, at: Date): Submission {
  return {
    id: review.id,
    kind: 'review',
    accountId: review.accountId,
    productId: review.productId,
    merchantId: review.merchantId,
    orderId: review.orderId,
    orderAt: review.orderAt,
    rating: review.rating,
    title: review.title,
    body: review.body,
    at,
    ip: review.ip,
    userAgent: review.userAgent,
    incentive: review.incentive,
  };
}

/**
 * The port between posting and the pipeline: called inside the posting transaction, it assesses the
 * pending item and stores its state together with the verdict, its reasons and an audit entry.
 */
export async function checkAndSettle(
  tx: Queryable,
  deps: IntegrityDeps,
  submission: Submission,
  trigger: 'submit' | 'edit',
  /**
   * A new review not stored yet (nothing of it is read by its own check: every list leaves its id out): stored here
   * in its settled state, with everything its check writes and its day counted, in one statement
   * (insertCheckedReview) instead of being settled with a second write.
   */
  newReview?: NewReview,
): Promise<Verdict> {
  const context = await loadContext(tx, submission, deps.policy, deps.currentModel());
  const verdict = assess(submission, context, deps.policy, submission.at);
  const state = stateForDecision(verdict.decision);
  // A submission reaches the pipeline as pending (new, or moved back by an edit).
  assertTransition('pending', state);
  const audit = {
    action: `integrity.${trigger}`,
    beforeState: 'pending',
    reason: verdict.labels.join(', ') || null,
    details: { score: verdict.score, policyVersion: verdict.policyVersion, modelVersion: verdict.modelVersion },
  };
  if (submission.kind === 'review' && newReview) {
    const text = `${submission.title}\n${submission.body}`;
    await insertCheckedReview(tx, newReview, {
      state,
      verdict,
      bands: lshBands(text),
      textKeys: textStatKeys(text, deps.policy.text.chance),
      reopenReason: `implicated by ${submission.id}`,
      audit,
    });
    return verdict;
  }
  if (submission.kind === 'review') {
    await setReviewState(tx, submission.id, state, verdict.labels, verdict.score);
    // A review posted in this transaction has no bands or counted keys to remove yet.
    const fresh = trigger === 'submit';
    await replaceTextBands(tx, submission.id, lshBands(`${submission.title}\n${submission.body}`), fresh);
    await replaceTextKeyStats(tx, submission.id, submission.productId, textStatKeys(`${submission.title}\n${submission.body}`, deps.policy.text.chance), fresh);
    await enqueueReassessment(tx, verdict.reopen, `implicated by ${submission.id}`, submission.at);
    if (verdict.recheckAt) await scheduleRecheck(tx, submission.id, verdict.recheckAt);
  } else if (submission.kind === 'question') {
    await setQuestionState(tx, submission.id, state, verdict.labels, verdict.score);
  } else if (submission.kind === 'answer') {
    await setAnswerState(tx, submission.id, state, verdict.labels, verdict.score);
  } else {
    await setCommentState(tx, submission.id, state, verdict.labels, verdict.score);
  }
  await recordVerdict(tx, { kind: submission.kind, id: submission.id }, verdict, trigger, submission.at);
  await appendAudit(tx, { at: submission.at, actorId: null, targetKind: submission.kind, targetId: submission.id, afterState: state, ...audit });
  return verdict;
}

/** Jobs one worker claims at a time: enough to amortise the claim, few enough to spread over processes. */
export const REASSESSMENT_BATCH = 50;

export interface ReassessmentPass {
  /** Jobs claimed and finished in this pass (0: the queue was empty). */
  processed: number;
  /** Reviews moved from published to held or relabelled. */
  moved: number;
  /** The earliest re-check these checks asked for (Verdict.recheckAt), if any. */
  nextRecheck: Date | null;
}

/** The earlier of two optional times (the next re-check asked for). */
export function earlierOf(a: Date | null, b: Date | null): Date | null {
  return a && (!b || a < b) ? a : b;
}

/** Who hears that a published review went back to held: its author and, when it carries a reply, the merchant. */
export interface ReassessmentNotices {
  movedToHeld(tx: Queryable, review: { id: string; title: string; accountId: string }, at: Date): Promise<void>;
}

/**
 * Later evidence re-opens earlier verdicts: each queued review is checked again with what is known now, and
 * moved from published to held when the pipeline would hold it. A review the pipeline itself held earlier is
 * checked again too, so that its labels follow the evidence (a ring member first held as "paid" becomes
 * "sockpuppet" once the ring is visible): when the new verdict still holds with different labels, its labels and
 * score, the verdict and an audit entry are recorded; it stays held. It never publishes (that is a moderator's call),
 * and it leaves alone anything a moderator has already decided. Only a newly held review re-opens further reviews,
 * so a cascade ends.
 *
 * Runs in the background worker (and in the replay, in event time), never inside a poster's request: one pass
 * claims a batch of jobs (SKIP LOCKED, so several processes share the queue) and checks each in its own short
 * transaction, so a slow check never holds other reviews' locks.
 */
export async function runReassessments(db: Database, deps: IntegrityDeps, options: { batchSize?: number; now?: Date } = {}): Promise<ReassessmentPass> {
  const now = options.now ?? new Date();
  const jobs = await claimReassessmentJobs(db, options.batchSize ?? REASSESSMENT_BATCH, now);
  let moved = 0;
  let nextRecheck: Date | null = null;
  for (const claimed of jobs) {
    // Checked with everything known when the worker runs: a job may have absorbed later requests for its review.
    const job = { ...claimed, asOf: claimed.asOf > now ? claimed.asOf : now };
    const changed = await db.transaction(async (tx) => {
      const review = await findReview(tx, job.reviewId, true);
      let changed = false;
      const before = review?.status;
      if (review && (before === 'published' || before === 'held') && !(await hasHumanDecision(tx, 'review', review.id))) {
        const submission = submissionFromReview(review, review.createdAt);
        const context = await loadContext(tx, submission, deps.policy, deps.currentModel(), job.asOf);
        const verdict = assess(submission, context, deps.policy, job.asOf);
        if (verdict.recheckAt) {
          await scheduleRecheck(tx, review.id, verdict.recheckAt);
          nextRecheck = earlierOf(nextRecheck, verdict.recheckAt);
        }
        const relabelled = before === 'held' && !sameLabels(review.labels, verdict.labels);
        if (verdict.decision !== 'published' && (before === 'published' || relabelled)) {
          assertTransition(before, 'held');
          await setReviewState(tx, review.id, 'held', verdict.labels, verdict.score);
          await recordVerdict(tx, { kind: 'review', id: review.id }, { ...verdict, decision: 'held' }, 'reassessment', job.asOf);
          await appendAudit(tx, {
            at: job.asOf,
            actorId: null,
            action: 'integrity.reassessment',
            targetKind: 'review',
            targetId: review.id,
            beforeState: before,
            afterState: 'held',
            reason: `${verdict.labels.join(', ')} (${job.reason})`,
            details: {
              score: verdict.score,
              policyVersion: verdict.policyVersion,
              modelVersion: verdict.modelVersion,
              ...(relabelled ? { previousLabels: review.labels } : {}),
            },
          });
          if (before === 'published') {
            await enqueueReassessment(tx, verdict.reopen, `implicated by ${review.id}`, job.asOf);
            await deps.notices?.movedToHeld(tx, review, job.asOf);
          }
          changed = true;
        }
      }
      await finishReassessmentJob(tx, job.id, job.asOf);
      return changed;
    });
    if (changed) moved++;
  }
  return { processed: jobs.length, moved, nextRecheck };
}

/** Runs passes until the queue is empty (the replay and tests: everything queued so far is checked, in order). */
export async function drainReassessments(db: Database, deps: IntegrityDeps, now: Date): Promise<ReassessmentPass> {
  const total: ReassessmentPass = { processed: 0, moved: 0, nextRecheck: null };
  for (;;) {
    const pass = await runReassessments(db, deps, { now });
    if (pass.processed === 0) return total;
    total.processed += pass.processed;
    total.moved += pass.moved;
    total.nextRecheck = earlierOf(total.nextRecheck, pass.nextRecheck);
  }
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
