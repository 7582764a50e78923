// Copied text: other accounts posted, on this product within days, nearly the whole of this review, several of its
// sentences included. Buyers who describe the same thing share a sentence or two (a defect everyone names, the
// product's features); a review of many sentences that two or more other accounts repeat almost word for word was
// written once and handed out. That is direction, which coordination labels need (assess.ts), so the signal is
// linkage, and strong linkage when the copied wording is far beyond what this product's and the category's reviews
// make likely. Order history and account age do not excuse a copy: aged accounts that order days ahead are what a
// careful farm buys.
//
// One customer's review copied by one other account (copiedReviewSignals) is a duplicate, not a campaign: the same text
// posted again, by someone who did not write it. It needs the whole review (most of its sentences and nearly all its
// runs of words), the original posted earlier on this product, and wording far beyond what this product's and the
// category's reviews make likely for one account to repeat; then it holds as 'duplicate' on its own.
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { sharedPhrases, wordShingles } from '../text-fingerprint.js';
import type { ChanceEvidence } from '../text-chance.js';
import { phraseAgainstChance, suspectsOf, surpriseStrength } from '../text-chance.js';
import { sentences } from '../text-tools.js';
import { isDisclosureLanguage } from './incentives.js';
import { DAY_MS, isOther, round, signalResult, submissionText } from './signal-result.js';
import { linkedBeyondPlaceAccountIds } from './shared-identity.js';
import { phraseCounts, productNameWords, reviewShingles, statKeys } from './text-similarity.js';

interface Copy {
  review: PriorReview;
  jaccard: number;
  sharedShingles: number;
  /** Sentences of the submission that the copy repeats (most of their shingles found in it). */
  sharedSentences: number;
}

/** The shingles of each sentence of the text that is long enough to have any (a one- or two-word sentence has none). */
function sentenceShingles(text: string, k: number): Set<string>[] {
  return sentences(text)
    .map((w) => wordShingles(w.join(' '), k))
    .filter((s) => s.size > 0);
}

/** How many of the sentences are repeated in `theirs`: most of a sentence's shingles occur there. */
function repeatedSentences(mine: Set<string>[], theirs: Set<string>, share: number): number {
  let n = 0;
  for (const s of mine) {
    let found = 0;
    for (const x of s) if (theirs.has(x)) found++;
    if (found >= share * s.size) n++;
  }
  return n;
}

/**
 * `r` as a copy of the submission (whose runs of words are `mine`, per sentence `mySentences`): at least minShared runs
 * in common, a Jaccard similarity of at least minJaccard, and minSentences of the submission's sentences repeated
 * (minJaccard of a sentence's runs found in `r`). Null otherwise.
 */
function copyMatch(
  r: PriorReview,
  mine: Set<string>,
  mySentences: Set<string>[],
  limits: { minShared: number; minJaccard: number; minSentences: number },
  policy: Policy,
): Copy | null {
  const theirs = reviewShingles(r, policy.text.similarity.shingleWords);
  let shared = 0;
  for (const s of mine) if (theirs.has(s)) shared++;
  if (shared < limits.minShared) return null;
  const jaccard = shared / (mine.size + theirs.size - shared);
  if (jaccard < limits.minJaccard) return null;
  const sharedSentences = repeatedSentences(mySentences, theirs, limits.minJaccard);
  if (sharedSentences < limits.minSentences) return null;
  return { review: r, jaccard: round(jaccard), sharedShingles: shared, sharedSentences };
}

/** The other accounts' reviews of this product within the window that repeat most of the submission (best per account). */
function copiesOf(submission: Submission, context: AssessmentContext, policy: Policy, mine: Set<string>): Copy[] {
  const c = policy.text.copy;
  const mySentences = sentenceShingles(submissionText(submission), policy.text.similarity.shingleWords);
  if (mySentences.length < c.minSharedSentences) return [];
  const at = submission.at.getTime();
  const best = new Map<string, Copy>();
  for (const r of context.productRecentReviews) {
    if (!isOther(r, submission) || r.accountId === submission.accountId || r.productId !== submission.productId) continue;
    if (Math.abs(r.at.getTime() - at) > c.windowDays * DAY_MS) continue;
    const copy = copyMatch(r, mine, mySentences, { minShared: minSharedFloor(c), minJaccard: c.minJaccard, minSentences: c.minSharedSentences }, policy);
    if (!copy) continue;
    const prev = best.get(r.accountId);
    if (!prev || copy.jaccard > prev.jaccard) best.set(r.accountId, copy);
  }
  return [...best.values()].sort((a, b) => b.jaccard - a.jaccard || (a.review.id < b.review.id ? -1 : 1));
}

type CopyLimits = Policy['text']['copy'];

/** The fewest shared runs any copy may have: minSharedShingles when the copies are few, less when they are many. */
function minSharedFloor(c: CopyLimits): number {
  return Math.min(c.minSharedShingles, c.minSharedShinglesFloor ?? c.minSharedShingles);
}

/**
 * The copies that make a script: the most copies k (at least minOtherAccounts) whose k-th longest still shares
 * minSharedShingles runs, less sharedShinglesPerExtraCopy for each copy beyond minOtherAccounts (never below the
 * floor). A short review repeated by two strangers may be a quoted notice; repeated by ten, it is a script.
 * Empty when no k qualifies.
 */
function enoughCopies(copies: Copy[], c: CopyLimits): Copy[] {
  const byShared = [...copies].sort((a, b) => b.sharedShingles - a.sharedShingles || b.jaccard - a.jaccard);
  for (let k = byShared.length; k >= c.minOtherAccounts; k--) {
    const need = Math.max(minSharedFloor(c), c.minSharedShingles - (c.sharedShinglesPerExtraCopy ?? 0) * (k - c.minOtherAccounts));
    if (byShared[k - 1]!.sharedShingles >= need) {
      const kept = new Set(byShared.slice(0, k));
      return copies.filter((m) => kept.has(m));
    }
  }
  return [];
}

/**
 * Against chance: each run of words the copies share with the submission, observed as the number of copying accounts
 * that share it, with the copies taken out of the product's counts (a farm's own reviews must not make its script the
 * topic, nor an original its own wording). Rarest first; empty when nothing can be judged.
 */
function sharedWordingAgainstChance(
  text: string,
  copies: Copy[],
  submission: Submission,
  context: AssessmentContext,
  policy: Policy,
): { phrase: string; chance: ChanceEvidence }[] {
  const nameWords = productNameWords(context);
  const sharers = new Map<string, Set<string>>();
  for (const m of copies) {
    for (const p of sharedPhrases(text, submissionText(m.review), policy.text.sharedPhraseMinWords)) {
      if (!phraseCounts(p, nameWords, policy) || isDisclosureLanguage(p, policy)) continue;
      const set = sharers.get(p) ?? new Set<string>();
      set.add(m.review.accountId);
      sharers.set(p, set);
    }
  }
  const suspects = suspectsOf(
    copies.map((m) => m.review),
    submission.productId,
    (r) => statKeys(r as PriorReview, policy),
  );
  const judged: { phrase: string; chance: ChanceEvidence }[] = [];
  for (const [phrase, set] of sharers) {
    const chance = phraseAgainstChance(phrase, set.size, true, context.textStats, policy.text.chance, suspects, text);
    if (chance) judged.push({ phrase, chance });
  }
  return judged.sort((a, b) => a.chance.tailProbability - b.chance.tailProbability || b.phrase.length - a.phrase.length);
}

export function copiedTextSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const c = policy.text.copy;
  // Without the shop's statistics a copy cannot be told from the product's own wording: stay silent.
  if (submission.kind !== 'review' || !context.textStats) return [];
  const text = submissionText(submission);
  const mine = wordShingles(text, policy.text.similarity.shingleWords);
  if (mine.size < minSharedFloor(c)) return [];
  const copies = enoughCopies(copiesOf(submission, context, policy, mine), c);
  if (copies.length === 0) return [];

  const judged = sharedWordingAgainstChance(text, copies, submission, context, policy);
  if (judged.length === 0) return [];
  const rarest = judged[0]!;
  if (rarest.chance.tailProbability > c.maxTail) return [];

  // One person's accounts (a shared device or mailbox, not merely one region's network) copying each other are a
  // sockpuppet ring; strangers handed one script are paid.
  const linked = linkedBeyondPlaceAccountIds(context, policy);
  const accounts = copies.map((m) => m.review.accountId);
  const label = accounts.filter((a) => linked.has(a)).length * 2 >= accounts.length ? 'sockpuppet' : 'paid';
  const limits = { ...policy.text.chance, maxTailProbability: c.maxTail };
  const strength = c.strengthBase + c.strengthSpan * surpriseStrength(rarest.chance, limits) + c.perExtraAccount * (accounts.length - c.minOtherAccounts);
  return [
    signalResult(
      policy,
      'copied-text',
      'text',
      label,
      strength,
      `${accounts.length} other accounts posted nearly this whole review on this product within ${c.windowDays} days; the shared wording is far beyond what this product's and the category's reviews make likely.`,
      {
        reviews: copies.map((m) => m.review.id),
        accounts,
        copies: copies
          .slice(0, EVIDENCE_LIMITS.phrases)
          .map((m) => ({ review: m.review.id, similarity: m.jaccard, sharedShingles: m.sharedShingles, sharedSentences: m.sharedSentences })),
        windowDays: c.windowDays,
        againstChance: judged.slice(0, EVIDENCE_LIMITS.phrases).map(({ phrase, chance }) => ({ phrase, ...chance })),
      },
    ),
  ];
}

/**
 * One other customer's earlier review of this product, copied nearly whole by this one (policy.text.copy.single).
 * Several accounts repeating one text are copiedTextSignals' (a script handed out); one account repeating another's
 * is a duplicate. Two buyers describing the same defect share a sentence or two, and the product's own wording is
 * explained by chance (the shared wording is judged for one account against this product's and the category's
 * reviews, the original taken out of the counts): a review of a few stock sentences that a complaint wave writes alike is
 * not surprising, a review of many sentences repeated word for word is. The earlier review is the original: a re-check
 * of it, after the copy appeared, never calls it the copy. Accounts linked beyond a shared place (one device, one
 * mailbox) are one person posting twice under two names: the near-duplicate and identity signals say so as sockpuppet.
 */
export function copiedReviewSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const c = policy.text.copy;
  const one = c.single;
  if (!one || submission.kind !== 'review' || !context.textStats) return [];
  const k = policy.text.similarity.shingleWords;
  const text = submissionText(submission);
  const mine = wordShingles(text, k);
  if (mine.size < one.minSharedShingles) return [];
  const mySentences = sentenceShingles(text, k);
  if (mySentences.length < c.minSharedSentences) return [];
  const at = submission.at.getTime();
  const seen = new Set<string>();
  const copies: Copy[] = [];
  for (const r of [...context.productRecentReviews, ...context.textCandidates]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (!isOther(r, submission) || r.accountId === submission.accountId || r.productId !== submission.productId) continue;
    if (r.at.getTime() >= at) continue;
    const copy = copyMatch(r, mine, mySentences, { minShared: one.minSharedShingles, minJaccard: one.minJaccard, minSentences: c.minSharedSentences }, policy);
    if (copy) copies.push(copy);
  }
  const accounts = [...new Set(copies.map((m) => m.review.accountId))];
  if (accounts.length !== 1) return [];
  if (linkedBeyondPlaceAccountIds(context, policy).has(accounts[0]!)) return [];
  const original = copies.reduce((a, b) => (b.review.at.getTime() < a.review.at.getTime() ? b : a));

  const judged = sharedWordingAgainstChance(text, [original], submission, context, policy);
  if (judged.length === 0 || judged[0]!.chance.tailProbability > one.maxTail) return [];
  const days = round((at - original.review.at.getTime()) / DAY_MS, 1);
  return [
    signalResult(
      policy,
      'copied-review',
      'text',
      'duplicate',
      1,
      `This review repeats, nearly word for word, another customer's review of this product posted ${days} days earlier; wording that close is far beyond what this product's and the category's reviews make likely.`,
      {
        reviews: [original.review.id],
        accounts,
        copy: { review: original.review.id, similarity: original.jaccard, sharedShingles: original.sharedShingles, sharedSentences: original.sharedSentences },
        daysAfterOriginal: days,
        againstChance: judged.slice(0, EVIDENCE_LIMITS.phrases).map(({ phrase, chance }) => ({ phrase, ...chance })),
      },
    ),
  ];
}
