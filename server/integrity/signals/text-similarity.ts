// Text evidence: repeats by the same account (direct), and near-duplicates or long shared phrases with other
// accounts (coordination, which needs a second family before it can hold anything).
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { jaccard, sharedPhrases, wordShingles } from '../text-fingerprint.js';
import { rememberedByRunAndText, rememberedByText } from '../text-memo.js';
import { isStopword, normalizeText, sentences, words, wordsToRead } from '../text-tools.js';
import type { ChanceEvidence } from '../text-chance.js';
import { isSurprising, keysAgainstChance, phraseAgainstChance, suspectsOf, surpriseStrength } from '../text-chance.js';
import { skeletonKey, textStatKeys } from '../text-fingerprint.js';
import { isDisclosureLanguage } from './incentives.js';
import { clamp01, DAY_MS, isOrderedDaysBefore, isOther, round, signalResult, submissionText } from './signal-result.js';
import { createdTogether, linkedBeyondPlaceAccountIds, personallyLinkedAccountIds } from './shared-identity.js';

function contentWords(phrase: string, policy: Policy, exclude?: Set<string>): number {
  const min = policy.text.chance.minContentWordLength;
  return phrase.split(' ').filter((w) => w.length >= min && !isStopword(w) && !exclude?.has(w)).length;
}

/** The normalised words of the product's own name (empty when the context does not carry it). */
export function productNameWords(context: AssessmentContext): Set<string> {
  return new Set(context.product.name ? words(context.product.name) : []);
}

/**
 * Whether a shared phrase can be a fingerprint: at least two content words, and not merely the product's own name
 * ("this trail tent 2p pro"), which every genuine reviewer of a launch writes.
 */
export function phraseCounts(phrase: string, nameWords: Set<string>, policy: Policy): boolean {
  return contentWords(phrase, policy) >= policy.text.similarity.contentWordsPerPhrase && contentWords(phrase, policy, nameWords) > 0;
}

/**
 * Common language: wording that many unrelated voices use, one or two per product, across many products.
 * A farm's template clusters instead: several of its accounts on each of a few target products.
 */

/**
 * Published reviews by unlinked other accounts spread thinly over many products and times: ordinary wording, not a
 * template. Reviews of one product within COMMON_GROUP_GAP_MS of each other form one group (a farm's burst is one
 * group of several accounts); common language is at most COMMON_MAX_ACCOUNTS_PER_GROUP accounts per group.
 */
function commonLanguage(users: PriorReview[], policy: Policy): { accounts: number; products: number; groups: number } | null {
  const accounts = new Set<string>();
  const byProduct = new Map<string, number[]>();
  for (const r of users) {
    if (r.status !== 'published') continue;
    accounts.add(r.accountId);
    const l = byProduct.get(r.productId) ?? [];
    l.push(r.at.getTime());
    byProduct.set(r.productId, l);
  }
  const c = policy.text.similarity;
  if (byProduct.size < c.commonMinProducts || accounts.size < c.commonMinAccounts) return null;
  let groups = 0;
  for (const times of byProduct.values()) {
    times.sort((a, b) => a - b);
    groups += 1;
    for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] > c.commonGroupGapDays * DAY_MS) groups += 1;
  }
  if (accounts.size > c.commonMaxAccountsPerGroup * groups) return null;
  return { accounts: accounts.size, products: byProduct.size, groups };
}

interface Match {
  review: PriorReview;
  similarity: number;
  phrases: string[];
}

function candidatePool(submission: Submission, context: AssessmentContext): PriorReview[] {
  const seen = new Map<string, PriorReview>();
  const add = (r: PriorReview) => {
    if (isOther(r, submission) && !seen.has(r.id)) seen.set(r.id, r);
  };
  context.textCandidates.forEach(add);
  context.accountReviews.forEach(add);
  for (const l of context.linkedAccounts) l.reviews.forEach(add);
  return [...seen.values()];
}

export function textSimilaritySignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const text = submissionText(submission);
  const norm = normalizeText(text);
  const wordCount = words(text).length;
  const t = policy.text;
  const shingles = wordShingles(text, t.similarity.shingleWords);
  const out: SignalResult[] = [];
  const pool = candidatePool(submission, context);
  const nameWords = productNameWords(context);

  // Same account, same text again. The body is compared on its own too: a short title ("Amazing tent" /
  // "Amazing stove") joined to the body changes enough shingles to hide a pasted body from the full-text Jaccard.
  const bodyNorm = normalizeText(submission.body);
  // A single stock sentence ("Honestly did not expect much at this price but it's great.") recurs in one
  // person's reviews months apart; a pasted body of minWordsBodyDuplicate words or more does not.
  const minBody = t.minWordsBodyDuplicate ?? t.minWordsAcrossAccounts;
  const bodyLongEnough = words(submission.body).length >= minBody;
  const bodyShingles = bodyLongEnough ? wordShingles(submission.body, t.similarity.shingleWords) : new Set<string>();
  if (wordCount >= t.minWordsDuplicate) {
    const dups: { review: PriorReview; similarity: number; sameBody: boolean }[] = [];
    for (const r of pool) {
      // The repeat is the later post: a re-check of the first one, made after the copy appeared, must not call it a
      // copy of its own repeat.
      if (r.accountId !== submission.accountId || r.at.getTime() > submission.at.getTime()) continue;
      const other = submissionText(r);
      let sim = normalizeText(other) === norm ? 1 : jaccard(shingles, wordShingles(other, t.similarity.shingleWords));
      let sameBody = false;
      if (bodyLongEnough && sim < 1 && words(r.body).length >= minBody) {
        const bodySim = normalizeText(r.body) === bodyNorm ? 1 : jaccard(bodyShingles, wordShingles(r.body, t.similarity.shingleWords));
        if (bodySim > sim) {
          sim = bodySim;
          sameBody = true;
        }
      }
      if (sim >= t.duplicateJaccard) dups.push({ review: r, similarity: round(sim), sameBody });
    }
    if (dups.length > 0) {
      const best = Math.max(...dups.map((d) => d.similarity));
      out.push(
        signalResult(
          policy,
          'duplicate-text',
          'text',
          'duplicate',
          best >= 1 ? 1 : best,
          (best >= 1 ? 'This account already posted exactly this text' : 'This account already posted nearly the same text') +
            (dups.every((d) => d.sameBody) ? ' under a different title.' : '.'),
          {
            reviews: dups.map((d) => d.review.id),
            comparedBodyOnly: dups.filter((d) => d.sameBody).map((d) => d.review.id),
            products: [...new Set(dups.map((d) => d.review.productId))],
            similarity: best,
          },
        ),
      );
    }
  }

  if (wordCount < t.minWordsAcrossAccounts) return out;
  // Accounts that share nothing with the author but a provider's network (placeOnlyAccountIds) are strangers of one
  // region: what they write alike is judged as strangers' wording is, against chance, not as one hand's.
  const linked = linkedBeyondPlaceAccountIds(context, policy);
  // One "created together" comparison serves both sets (it walks every linked account's addresses).
  const together = createdTogether(context, policy, submission);
  const personal = personallyLinkedAccountIds(context, policy, together);
  const near: Match[] = [];
  const phrased: Match[] = [];
  const phraseGrams = wordGrams(words(text), t.sharedPhraseMinWords);
  for (const r of pool) {
    if (r.accountId === submission.accountId) continue;
    if (reviewWords(r).length < t.minWordsAcrossAccounts) continue;
    const sim = jaccard(shingles, reviewShingles(r, t.similarity.shingleWords));
    // Most candidates share no run of sharedPhraseMinWords words at all: a look-up in their cached runs says so
    // without comparing the two texts word by word.
    const phrases = sharesRun(phraseGrams, r, t.sharedPhraseMinWords)
      ? sharedPhrases(text, submissionText(r), t.sharedPhraseMinWords).filter((p) => phraseCounts(p, nameWords, policy) && !isDisclosureLanguage(p, policy))
      : [];
    if (sim >= t.nearDuplicateJaccard) near.push({ review: r, similarity: round(sim), phrases: phrases.slice(0, t.similarity.phrasesPerMatch) });
    else if (phrases.length > 0) phrased.push({ review: r, similarity: round(sim), phrases: phrases.slice(0, t.similarity.phrasesPerMatch) });
  }

  // A phrase that many unlinked accounts use thinly across many products is common language for every label.
  const others = pool.filter((r) => r.accountId !== submission.accountId && !linked.has(r.accountId));
  const commonMemo = new Map<string, ReturnType<typeof commonLanguage>>();
  const discounted = new Map<string, NonNullable<ReturnType<typeof commonLanguage>>>();
  // A long shared run is often two stock pieces back to back (a stock title and a stock sentence): it is common
  // language when, after removing its common sub-runs, what is left is too short to be a phrase of its own.
  const minPhrase = t.sharedPhraseMinWords;
  const meaningful = (w: string[]) => w.length >= minPhrase && contentWords(w.join(' '), policy) >= t.similarity.contentWordsPerPhrase;
  const coveredByCommon = (phrase: string[]): boolean => {
    const n = phrase.length;
    // reach[k][i]: the longest run of phrase words starting at i that occurs in others[k]: from each place the
    // review has phrase[i], as far as the two agree (the review's word positions are cached; most words of a phrase
    // occur in few of the other reviews, or nowhere).
    const reach = others.map((r) => {
      const w = reviewWords(r);
      const at = reviewWordPositions(r);
      const best = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) {
        for (const j of at.get(phrase[i]!) ?? []) {
          let len = 1;
          while (i + len < n && j + len < w.length && phrase[i + len] === w[j + len]) len++;
          if (len > best[i]!) best[i] = len;
        }
      }
      return best;
    });
    const common = (i: number, len: number) => {
      const key = phrase.slice(i, i + len).join(' ');
      if (!commonMemo.has(key))
        commonMemo.set(
          key,
          commonLanguage(
            others.filter((_, k) => reach[k][i] >= len),
            policy,
          ),
        );
      return commonMemo.get(key)!;
    };
    const covered = (from: number, to: number, depth: number): boolean => {
      if (!meaningful(phrase.slice(from, to))) return true;
      const whole = common(from, to - from);
      if (whole) {
        discounted.set(phrase.slice(from, to).join(' '), whole);
        return true;
      }
      if (depth >= EVIDENCE_LIMITS.commonLanguageSplitDepth) return false;
      for (let len = to - from - 1; len >= minPhrase; len--) {
        for (let i = from; i + len <= to; i++) {
          if (!meaningful(phrase.slice(i, i + len))) continue;
          const c = common(i, len);
          if (!c) continue;
          if (!(covered(from, i, depth + 1) && covered(i + len, to, depth + 1))) return false;
          discounted.set(phrase.slice(i, i + len).join(' '), c);
          return true;
        }
      }
      return false;
    };
    return covered(0, n, 0);
  };
  const commonPhrase = (phrase: string) => {
    if (!commonMemo.has(phrase)) {
      const needle = ` ${phrase} `;
      commonMemo.set(
        phrase,
        commonLanguage(
          others.filter((r) => spacedWords(r).includes(needle)),
          policy,
        ),
      );
    }
    return commonMemo.get(phrase)!;
  };
  const coveredMemo = new Map<string, boolean>();
  const dropCommon = (phrases: string[]) =>
    phrases.filter((x) => {
      if (!coveredMemo.has(x)) coveredMemo.set(x, coveredByCommon(x.split(' ')));
      return !coveredMemo.get(x);
    });
  for (const m of phrased) if (linked.has(m.review.accountId)) m.phrases = m.phrases.filter((x) => !commonPhrase(x));
  for (const m of phrased) m.phrases = dropCommon(m.phrases);
  const explainedByChance: [string, ChanceEvidence][] = [];
  for (const label of ['sockpuppet', 'paid'] as const) {
    // Loosely linked accounts (a /24 or a browser build only) count on both sides: see personallyLinkedAccountIds.
    const isLinked = (m: Match) => (label === 'sockpuppet' ? linked.has(m.review.accountId) : !personal.has(m.review.accountId));
    let n = near.filter(isLinked);
    // Near-duplicates from many unlinked accounts, one or two per product over many products: the same ordinary
    // short review written independently ("Fine for the price. Instructions were confusing but I figured it out.").
    const commonNear =
      label === 'paid'
        ? commonLanguage(
            n.map((m) => m.review),
            policy,
          )
        : null;
    if (commonNear) {
      for (const m of n) m.phrases = dropCommon(m.phrases);
      phrased.push(...n.filter((m) => m.phrases.length > 0));
      n = [];
    }
    // Against chance: near-duplicates whose every shared phrase the product's topic or the category's background
    // explains (many of this product's other reviews use those words) are what buyers of one product write alike.
    // For linked accounts too, on this product (since 2026.33): two buyers of a faulty kettle on one carrier's address
    // describe its defect in the product's words as any two buyers do; they are judged on the line of shared phrases
    // between linked accounts, with the product's other reviewers who share the words as suspects, as for phrases
    // below. A near-duplicate between linked accounts on another product has no product topic to explain it (one hand
    // pasting across products), and is not judged.
    let nearChance: Record<string, ChanceEvidence | null> = {};
    const nearExplained: Record<string, ChanceEvidence> = {};
    const judgeable = label === 'paid' ? n : n.filter((m) => m.review.productId === submission.productId);
    if (judgeable.length > 0 && context.textStats) {
      const judged =
        label === 'paid'
          ? judgePhrases(judgeable, submission, context, policy)
          : judgePhrases(
              judgeable,
              submission,
              context,
              policy,
              [...near, ...phrased].filter((m) => !n.includes(m) && m.review.productId === submission.productId),
              t.similarity.sharedNetworkPhraseMaxTail,
            );
      nearChance = judged.surprising;
      Object.assign(nearExplained, judged.explained);
      n = n.filter((m) => !judgeable.includes(m) || m.phrases.length === 0 || m.phrases.some((x) => x in judged.surprising));
    }
    if (Object.keys(nearExplained).length > 0) explainedByChance.push(...Object.entries(nearExplained));
    if (n.length > 0) {
      const accounts = [...new Set(n.map((m) => m.review.accountId))];
      const maxSim = Math.max(...n.map((m) => m.similarity));
      const strength = clamp01(
        t.similarity.nearDuplicateBase + (maxSim - t.nearDuplicateJaccard) + t.similarity.nearDuplicatePerAccount * (accounts.length - 1),
      );
      out.push(
        signalResult(
          policy,
          'near-duplicate-text',
          'text',
          label,
          strength,
          label === 'sockpuppet'
            ? 'Nearly the same text was posted by an account that shares a network or device with this one.'
            : 'Nearly the same text was posted by other accounts.',
          {
            reviews: n.map((m) => m.review.id),
            accounts,
            products: [...new Set(n.map((m) => m.review.productId))],
            maxSimilarity: maxSim,
            sharedPhrases: [...new Set(n.flatMap((m) => m.phrases))].slice(0, EVIDENCE_LIMITS.phrases),
            ...(Object.keys(nearChance).length
              ? {
                  againstChance: Object.entries(nearChance)
                    .filter(([, c]) => c)
                    .slice(0, EVIDENCE_LIMITS.phrases)
                    .map(([phrase, c]) => ({ phrase, ...c })),
                }
              : {}),
          },
        ),
      );
      const otherProducts = new Set(n.filter((m) => m.review.productId !== submission.productId).map((m) => m.review.productId));
      if (label === 'paid' && otherProducts.size >= t.similarity.acrossProductsMinProducts) {
        out.push(
          signalResult(
            policy,
            'templated-across-products',
            'text',
            'paid',
            clamp01(t.similarity.acrossProductsBase + t.similarity.acrossProductsPerProduct * otherProducts.size),
            'The same text template appears in reviews of several different products by other accounts.',
            { products: [...otherProducts], reviews: n.filter((m) => m.review.productId !== submission.productId).map((m) => m.review.id) },
          ),
        );
      }
    }
    // Between linked accounts a shared phrase counts on the same product: people living or working together
    // write about different things, and ordinary phrases recur in anyone's reviews of different products.
    let p = phrased.filter((m) => isLinked(m) && m.phrases.length > 0 && (label === 'paid' || m.review.productId === submission.productId));
    let phraseChance: Record<string, ChanceEvidence | null> = {};
    // Against chance, for every link. A phrase that the product's own reviewers write (its topic: what it does well, the
    // defect everyone describes) is shared by two people of one household, one office or one carrier's NAT as often as
    // by any two buyers; only wording that the product's wording does not explain is one writer's. (Until policy
    // 2026.22 a link that says "one person" — a quiet address only these reviewers hold, a mailbox, a device — was
    // not judged here, and households that described the product in its usual words were held as sockpuppets.)
    if (p.length > 0 && context.textStats) {
      // For 'sockpuppet' the other accounts sharing these words are suspects too, unless they show independence: a
      // farm's other accounts using its template must not make the template look like the product's own wording.
      const others = label === 'sockpuppet' ? phrased.filter((m) => !p.includes(m) && m.review.productId === submission.productId) : [];
      const line = label === 'sockpuppet' ? t.similarity.sharedNetworkPhraseMaxTail : t.chance.maxTailProbability;
      const judged = judgePhrases(p, submission, context, policy, others, line);
      phraseChance = judged.surprising;
      explainedByChance.push(...Object.entries(judged.explained));
      p = p.map((m) => ({ ...m, phrases: m.phrases.filter((x) => x in judged.surprising) })).filter((m) => m.phrases.length > 0);
    }
    // Between unlinked accounts a phrase is a farm's template when it clusters: on this product within the burst
    // window, or by two or more accounts on one other product within days of each other. One stranger here and
    // another there, months apart, using a sentence is how ordinary wording spreads: scattered matches are weighed
    // below the corroboration line (SCATTERED_FACTOR), so they add to other evidence but never stand as a family.
    const scattered = label === 'paid' && p.length > 0 && !p.some((m) => clusteredMatch(m, p, submission, policy));
    const phrases = [...new Set(p.flatMap((m) => m.phrases))];
    const longest = phrases.length ? Math.max(...phrases.map((x) => x.split(' ').length)) : 0;
    // One short stock phrase ("would definitely recommend this to anyone") is not a fingerprint.
    if (p.length > 0 && (longest >= t.similarity.rarePhraseWords || phrases.length >= t.similarity.minPhrasesWhenShort)) {
      const accounts = [...new Set(p.map((m) => m.review.accountId))];
      const ps = t.similarity;
      const strength =
        clamp01(
          (longest - ps.phraseBaseWords) / ps.phraseWordsScale +
            ps.phrasePerExtraPhrase * (phrases.length - 1) +
            ps.phrasePerExtraAccount * (accounts.length - 1),
        ) * (scattered ? ps.scatteredFactor : 1);
      out.push(
        signalResult(
          policy,
          'shared-rare-phrase',
          'text',
          label,
          strength,
          label === 'sockpuppet'
            ? 'Long phrases of this review also appear in reviews by an account sharing a network or device.'
            : 'Long phrases of this review also appear in reviews by other accounts.',
          {
            reviews: p.map((m) => m.review.id),
            accounts,
            sharedPhrases: phrases.slice(0, EVIDENCE_LIMITS.templatePhrases),
            longestPhraseWords: longest,
            ...(scattered ? { scattered: true } : {}),
            ...(Object.values(phraseChance).some(Boolean)
              ? {
                  againstChance: phrases
                    .slice(0, EVIDENCE_LIMITS.templatePhrases)
                    .filter((x) => phraseChance[x])
                    .map((x) => ({ phrase: x, ...phraseChance[x]! })),
                }
              : {}),
            ...(explainedByChance.length
              ? { explainedByChance: explainedByChance.slice(0, EVIDENCE_LIMITS.phrases).map(([phrase, c]) => ({ phrase, ...c })) }
              : {}),
            ...(discounted.size
              ? { commonPhrasesIgnored: [...discounted.entries()].slice(0, EVIDENCE_LIMITS.phrases).map(([phrase, c]) => ({ phrase, ...c })) }
              : {}),
          },
        ),
      );
    }
  }
  return out;
}

/**
 * Each shared phrase of the matches against chance: observed = the accounts sharing it, on this product when all of
 * them reviewed it (the product's reviews are the population) or else in the category. Phrases are split into the
 * surprising ones (kept as evidence) and those chance explains (reported, not counted).
 */
function judgePhrases(
  matches: Match[],
  submission: Submission,
  context: AssessmentContext,
  policy: Policy,
  alsoSharing: Match[] = [],
  maxTail = policy.text.chance.maxTailProbability,
) {
  const accounts = new Map<string, Set<string>>();
  const independent = new Map<string, Set<string>>();
  const sameProduct = new Map<string, boolean>();
  // Reviewers who show independence (see isIndependentReview) describe the same thing; they are not suspects.
  const free = new Set([...matches, ...alsoSharing].filter((m) => isIndependentReview(m.review, context, policy)).map((m) => m.review.id));
  for (const m of matches) {
    for (const x of m.phrases) {
      const side = free.has(m.review.id) ? independent : accounts;
      const set = side.get(x) ?? new Set<string>();
      set.add(m.review.accountId);
      side.set(x, set);
      if (!accounts.has(x)) accounts.set(x, new Set<string>());
      sameProduct.set(x, (sameProduct.get(x) ?? true) && m.review.productId === submission.productId);
    }
  }
  // A phrase without two keyed content words cannot be judged: it stays evidence, as before statistics existed.
  const surprising: Record<string, ChanceEvidence | null> = {};
  const explained: Record<string, ChanceEvidence> = {};
  // The independent reviewers' reviews stay in the product's and the category's counts: they make a defect's wording
  // the product's topic, and only the other sharers are observed.
  const suspects = suspectsOf(
    [...matches, ...alsoSharing].filter((m) => !free.has(m.review.id)).map((m) => m.review),
    submission.productId,
    (r) => statKeys(r as PriorReview, policy),
  );
  for (const [x, set] of accounts) {
    const c = phraseAgainstChance(x, set.size, sameProduct.get(x)!, context.textStats, policy.text.chance, suspects, submissionText(submission));
    const n = independent.get(x)?.size ?? 0;
    const judged = c && n > 0 ? { ...c, independentReviewers: n } : c;
    if (set.size === 0 && !judged) continue; // only independent reviewers share it: not evidence, nothing to report
    if (!judged) surprising[x] = null;
    else if (set.size > 0 && isSurprising(judged, { ...policy.text.chance, maxTailProbability: maxTail })) surprising[x] = judged;
    else explained[x] = judged;
  }
  return { surprising, explained };
}

/**
 * A reviewer who shows independence from the author: the review is backed by an order placed days before it, and the
 * account had been open longer than burst.cohortFreshAccountDays when it wrote. Either alone is what a farm arranges
 * (its accounts order days before to look like buyers; an aged account can be bought); both together are an
 * established customer. Such a reviewer who uses the submission's words is another buyer describing the same thing.
 */
function isIndependentReview(r: PriorReview, context: AssessmentContext, policy: Policy): boolean {
  if (!isOrderedDaysBefore(r)) return false;
  const created =
    r.authorCreatedAt ??
    context.weakIdentity?.accounts[r.accountId]?.createdAt ??
    context.linkedAccounts.find((l) => l.account.id === r.accountId)?.account.createdAt;
  return !!created && r.at.getTime() - created.getTime() > policy.burst.cohortFreshAccountDays * DAY_MS;
}

function clusteredMatch(m: Match, all: Match[], submission: Submission, policy: Policy): boolean {
  const CLUSTER_MS = policy.text.similarity.commonGroupGapDays * DAY_MS;
  const t = m.review.at.getTime();
  if (m.review.productId === submission.productId && Math.abs(t - submission.at.getTime()) <= CLUSTER_MS) return true;
  return all.some(
    (o) => o.review.accountId !== m.review.accountId && o.review.productId === m.review.productId && Math.abs(o.review.at.getTime() - t) <= CLUSTER_MS,
  );
}

function wordGrams(w: readonly string[], k: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + k <= w.length; i++) out.add(w.slice(i, i + k).join(' '));
  return out;
}

// What the text signals compare of a stored review, remembered by its text (text-memo.ts: the database engine loads
// reviews as new objects for every check, while the texts recur). Callers only read what they get.
function reviewWords(r: PriorReview): readonly string[] {
  return wordsToRead(submissionText(r));
}
// A stored review's words joined by single spaces, with a space at each end (to find a phrase as whole words).
const spacedByText = rememberedByText((text) => ` ${wordsToRead(text).join(' ')} `);
function spacedWords(r: PriorReview): string {
  return spacedByText(submissionText(r));
}
// Where each word occurs in a stored review.
const positionsByText = rememberedByText((text) => {
  const at = new Map<string, number[]>();
  const w = wordsToRead(text);
  for (let j = 0; j < w.length; j++) {
    const list = at.get(w[j]!);
    if (list) list.push(j);
    else at.set(w[j]!, [j]);
  }
  return at;
});
function reviewWordPositions(r: PriorReview): Map<string, number[]> {
  return positionsByText(submissionText(r));
}
// A stored review's runs of k words.
const gramsByText = rememberedByRunAndText((text, k) => wordGrams(wordsToRead(text), k));
/** Whether the review has one of `grams` (runs of k words): whether it shares a run of at least k words with them. */
function sharesRun(grams: Set<string>, r: PriorReview, k: number): boolean {
  const mine = gramsByText(k, submissionText(r));
  const [small, large] = mine.size < grams.size ? [mine, grams] : [grams, mine];
  for (const g of small) if (large.has(g)) return true;
  return false;
}
const statKeyCache = new WeakMap<PriorReview, string[]>();
export function statKeys(r: PriorReview, policy: Policy): string[] {
  let k = statKeyCache.get(r);
  if (!k) statKeyCache.set(r, (k = textStatKeys(submissionText(r), policy.text.chance)));
  return k;
}
const shinglesByText = rememberedByRunAndText((text, k) => wordShingles(text, k));
export function reviewShingles(r: PriorReview, k: number): Set<string> {
  return shinglesByText(k, submissionText(r));
}

/**
 * Text evidence inside a product's review window: most of the other accounts reviewing it in these days wrote
 * the same phrases (a farm's template, even when the adjectives rotate and the texts are not near-duplicates).
 * Real buyers of one product share topics but not, for the most part, five-word runs; a defect wave does, which
 * is why this is one family and never holds alone (its buyers are neither a timing burst nor a reviewer pool).
 */
export function windowTemplateSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  const text = submissionText(submission);
  if (words(text).length < policy.text.minWordsAcrossAccounts) return [];
  const linked = personallyLinkedAccountIds(context, policy);
  const W = policy.context.burstWindowDays * 86_400_000;
  const at = submission.at.getTime();
  const ts = policy.text.similarity;
  const grams = wordGrams(words(text), ts.templatePhraseWords);
  const nameWords = productNameWords(context);
  const byAccount = new Map<string, { reviews: string[]; phrases: string[] }>();
  for (const r of context.productRecentReviews) {
    if (!isOther(r, submission) || r.accountId === submission.accountId || linked.has(r.accountId)) continue;
    if (Math.abs(r.at.getTime() - at) > W) continue;
    const e = byAccount.get(r.accountId) ?? { reviews: [], phrases: [] };
    byAccount.set(r.accountId, e);
    if (reviewWords(r).length < policy.text.minWordsAcrossAccounts) continue;
    if (!sharesRun(grams, r, ts.templatePhraseWords)) continue;
    const phrases = sharedPhrases(text, submissionText(r), ts.templatePhraseWords).filter(
      (p) => phraseCounts(p, nameWords, policy) && !isDisclosureLanguage(p, policy),
    );
    if (phrases.length === 0) continue;
    e.reviews.push(r.id);
    e.phrases.push(...phrases);
  }
  const compared = byAccount.size;
  const skeletons = sentenceSkeletonSignals(submission, context, policy);
  // Against chance: a phrase that this product's other reviews (or the category) use often enough to expect this
  // many accounts sharing it is the product's topic (a defect everyone describes), not a template.
  const chance: Record<string, ChanceEvidence> = {};
  const explained: Record<string, ChanceEvidence> = {};
  if (context.textStats) {
    const users = new Map<string, number>();
    for (const [, e] of byAccount) for (const x of new Set(e.phrases)) users.set(x, (users.get(x) ?? 0) + 1);
    const suspects = suspectsOf(
      context.productRecentReviews.filter((r) => (byAccount.get(r.accountId)?.reviews ?? []).includes(r.id)),
      submission.productId,
      (r) => statKeys(r as PriorReview, policy),
    );
    for (const [x, n] of users) {
      const c = phraseAgainstChance(x, n, true, context.textStats, policy.text.chance, suspects, text);
      if (!c) continue;
      if (isSurprising(c, policy.text.chance)) chance[x] = c;
      else explained[x] = c;
    }
    for (const [, e] of byAccount) {
      e.phrases = e.phrases.filter((x) => !explained[x]);
      if (e.phrases.length === 0) e.reviews = [];
    }
  }
  const matched = [...byAccount.entries()].filter(([, e]) => e.reviews.length > 0);
  if (matched.length < ts.templateMinAccounts || matched.length / compared < ts.templateMinShare) return skeletons;
  const share = matched.length / compared;
  const counts = new Map<string, number>();
  for (const [, e] of matched) for (const p of new Set(e.phrases)) counts.set(p, (counts.get(p) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).slice(0, EVIDENCE_LIMITS.phrases);
  return [
    signalResult(
      policy,
      'window-template',
      'text',
      'paid',
      clamp01(ts.templateBase + ts.templateShareScale * (share - ts.templateMinShare) + ts.templatePerExtraAccount * (matched.length - ts.templateMinAccounts)),
      `${matched.length} of the ${compared} other accounts reviewing this product within ${policy.context.burstWindowDays} days used the same phrases.`,
      {
        reviews: matched.flatMap(([, e]) => e.reviews),
        accounts: matched.map(([a]) => a),
        comparedAccounts: compared,
        sharedPhrases: top.map(([p, n]) => ({ phrase: p, accounts: n, ...(chance[p] ? { againstChance: chance[p] } : {}) })),
        windowDays: policy.context.burstWindowDays,
        ...(Object.keys(explained).length
          ? {
              explainedByChance: Object.entries(explained)
                .slice(0, EVIDENCE_LIMITS.phrases)
                .map(([phrase, c]) => ({ phrase, ...c })),
            }
          : {}),
      },
    ),
    ...skeletons,
  ];
}

const skeletonCache = new WeakMap<PriorReview, Map<string, string>>();
function reviewSkeletons(r: PriorReview, policy: Policy): Map<string, string> {
  let k = skeletonCache.get(r);
  if (!k) skeletonCache.set(r, (k = skeletonsOf(submissionText(r), policy)));
  return k;
}

/** The skeleton keys of a text, with the skeletons in words for the evidence. */
function skeletonsOf(text: string, policy: Policy): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sentences(text)) {
    const k = skeletonKey(s, policy.text.chance);
    if (k) out.set(k.key, k.skeleton);
  }
  return out;
}

/**
 * A farm that rotates its wording keeps its sentence shapes: other accounts reviewing this product within the
 * window share several sentence skeletons (function words kept, content words masked) with the submission, more
 * than the product's and the category's reviews make likely. Complaint waves share topics and words, but their
 * sentence shapes are as varied as their writers; and where the product's reviews do share a shape, its counts in
 * the statistics explain it. Needs the statistics: without them it stays silent.
 */
export function sentenceSkeletonSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review' || !context.textStats) return [];
  const limits = policy.text.skeleton;
  const mine = skeletonsOf(submissionText(submission), policy);
  if (mine.size < limits.minSharedPerAccount) return [];
  const linked = personallyLinkedAccountIds(context, policy);
  const W = policy.context.burstWindowDays * 86_400_000;
  const at = submission.at.getTime();
  const shared = new Map<string, { reviews: string[]; keys: Set<string> }>();
  for (const r of context.productRecentReviews) {
    if (!isOther(r, submission) || r.accountId === submission.accountId || linked.has(r.accountId)) continue;
    if (Math.abs(r.at.getTime() - at) > W) continue;
    const theirs = reviewSkeletons(r, policy);
    const common = [...theirs.keys()].filter((k) => mine.has(k));
    if (common.length === 0) continue;
    const e = shared.get(r.accountId) ?? { reviews: [], keys: new Set<string>() };
    e.reviews.push(r.id);
    for (const k of common) e.keys.add(k);
    shared.set(r.accountId, e);
  }
  const members = [...shared.entries()].filter(([, e]) => e.keys.size >= limits.minSharedPerAccount);
  if (members.length < limits.minAccounts) return [];
  const keys = [...new Set(members.flatMap(([, e]) => [...e.keys]))];
  const memberReviews = new Set(members.flatMap(([, e]) => e.reviews));
  const suspects = suspectsOf(
    context.productRecentReviews.filter((r) => memberReviews.has(r.id)),
    submission.productId,
    (r) => statKeys(r as PriorReview, policy),
  );
  const chance = keysAgainstChance(keys, members.length, true, context.textStats, policy.text.chance, limits.minSharedPerAccount, suspects);
  if (!isSurprising(chance, policy.text.chance)) return [];
  return [
    signalResult(
      policy,
      'sentence-skeleton',
      'text',
      'paid',
      surpriseStrength(chance, policy.text.chance),
      `${members.length} other accounts reviewing this product within ${policy.context.burstWindowDays} days wrote sentences of the same shapes as this review, with the words changed.`,
      {
        reviews: members.flatMap(([, e]) => e.reviews),
        accounts: members.map(([a]) => a),
        sharedSkeletons: keys.slice(0, EVIDENCE_LIMITS.phrases).map((k) => mine.get(k)),
        ...(chance ? { againstChance: chance } : {}),
      },
    ),
  ];
}
