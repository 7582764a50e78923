// Slow-drip rings: one operator's accounts review one product one at a time, weeks apart, each from a new address
// of the operator's own line. A dynamic residential line gets a new address within its provider's block after each
// router restart, so the /24s differ and nothing falls into a burst window; what stays is the provider block (/16)
// and the operator's browser build, on accounts that keep reviewing the same product over months.
// Chance: among the product's reviewers over ± policy.drift.windowDays, each of the n other reviewers tested sits on
// the author's block with the author's build with probability (accounts of the shop holding both, the observed ones
// and the author taken out) ÷ (shop accounts), counted jointly, so a carrier's block with its phones or a campus
// with its managed laptops gives as many as it really holds. The count is Poisson with λ = n × that share; the tail
// P(X ≥ k), times the (block, build) pairs tested (Bonferroni), must be at most policy.drift.maxTail. A block held by
// too many accounts to count (policy.drift.maxHolders) is not tested. Pairs that used one address are
// shared-identity's case (a household, a shared computer) and are not counted; two buyers who each ordered days
// before wrote about two purchases (independence is evidence) and are not counted.
// Wording (h10ring): a slow ring's accounts often hold one block and one build by a coincidence of one in a few
// hundred only (a product with few reviewers, a popular build), short of maxTail. The same accounts' reviews may
// share wording with this one that the product's and the category's reviews do not explain (text-chance.ts). The
// two tests look at independent things (where and with what the accounts connect; what they write), so their tails
// combine by Fisher's method (for two p-values p1·p2 = q: P = q·(1 − ln q)). When the identity tail is at most
// policy.drift.wording.maxIdentityTail, the wording tail at most policy.text.chance.maxTailProbability and the combined
// tail at most maxTail, the identity evidence is reported with the wording, and a second signal 'drip-shared-wording'
// (text family) carries the wording itself: two families, each with its own observed vs expected.
// Beyond the line (h13drip): the wording is tested too when the identity tail alone is at most maxTail. The block and
// build alone say "one operator or neighbours with one phone model" (a region's buyers), which is why
// neighbourhood-drip links accounts on its own only when far rarer still; shared wording beyond chance on top says
// "one writer", so drip-shared-wording is linkage at any identity tail up to maxIdentityTail.
// The ring's earlier reviews are weeks old: outside the burst window, often without a shared LSH band or sentence, and
// their accounts unlinked when the build is common. The product history therefore carries the texts of the reviews of
// the accounts tested here (those on the author's block with one of the author's builds: a handful), see
// ProductHistoryFacts.
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import type { ChanceEvidence } from '../text-chance.js';
import { phraseAgainstChance, suspectsOf } from '../text-chance.js';
import { sharedPhrases, textStatKeys } from '../text-fingerprint.js';
import { words } from '../text-tools.js';
import { poissonLogTail } from './reviewer-graph.js';
import { clamp01, isOrderedDaysBefore, round, submissionText } from './signal-result.js';

interface PairTest {
  block: string;
  build: string;
  accounts: string[];
  reviews: string[];
  jointHolders: number;
  expected: number;
  log10Tail: number;
}

interface WordingTest {
  /** The group's accounts whose reviews share the phrase with this one. */
  accounts: string[];
  reviews: string[];
  phrase: string;
  chance: ChanceEvidence;
  /** log10 of Fisher's combination of the identity tail and the wording tail. */
  log10Combined: number;
}

/** log10 of Fisher's combined tail for two independent p-values given as log10: q·(1 − ln q), q = p1·p2. */
export function fisherLog10(log10P1: number, log10P2: number): number {
  const lnQ = (log10P1 + log10P2) * Math.LN10;
  return Math.min(0, (lnQ + Math.log(1 - lnQ)) / Math.LN10);
}

/** What the wording test needs of a review. */
type ReviewText = Pick<PriorReview, 'id' | 'accountId' | 'productId' | 'title' | 'body'>;

/**
 * The reviews the context carries with their texts, by id: the product history's own texts (filled for the accounts on
 * the author's block with the author's build, whatever their age), then the other lists.
 */
function reviewTexts(submission: Submission, context: AssessmentContext): Map<string, ReviewText> {
  const out = new Map<string, ReviewText>();
  const add = (r: ReviewText) => {
    if (!out.has(r.id)) out.set(r.id, r);
  };
  for (const [accountId, r] of Object.entries(context.productHistory?.reviewers ?? {})) {
    for (const x of r.reviews) if (x.text) add({ id: x.id, accountId, productId: submission.productId, title: x.text.title, body: x.text.body });
  }
  context.textCandidates.forEach(add);
  context.productRecentReviews.forEach(add);
  for (const l of context.linkedAccounts) l.reviews.forEach(add);
  for (const list of Object.values(context.reviewerHistories)) list.forEach(add);
  return out;
}

/**
 * The rarest wording the group's reviews share with the submission: each shared phrase of at least
 * text.sharedPhraseMinWords words against this product's and the category's reviews (text-chance.ts), observed = the
 * group's accounts using it, those reviews taken out of the counts. Phrases chance cannot judge (fewer than two
 * content words) are not evidence here.
 */
function sharedWording(submission: Submission, test: PairTest, texts: Map<string, ReviewText>, context: AssessmentContext, policy: Policy): WordingTest | null {
  const t = policy.text;
  const mine = submissionText(submission);
  if (!context.textStats || words(mine).length < t.minWordsAcrossAccounts) return null;
  const theirs = test.reviews.map((id) => texts.get(id)).filter((r): r is ReviewText => !!r && words(submissionText(r)).length >= t.minWordsAcrossAccounts);
  if (theirs.length === 0) return null;
  const sharers = new Map<string, { accounts: Set<string>; reviews: Set<string> }>();
  for (const r of theirs) {
    for (const x of sharedPhrases(mine, submissionText(r), t.sharedPhraseMinWords)) {
      const e = sharers.get(x) ?? { accounts: new Set<string>(), reviews: new Set<string>() };
      e.accounts.add(r.accountId);
      e.reviews.add(r.id);
      sharers.set(x, e);
    }
  }
  const suspects = suspectsOf(theirs, submission.productId, (r) => textStatKeys(submissionText(r as ReviewText), t.chance));
  let best: WordingTest | null = null;
  for (const [phrase, e] of [...sharers.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sameProduct = theirs.filter((r) => e.reviews.has(r.id)).every((r) => r.productId === submission.productId);
    const chance = phraseAgainstChance(phrase, e.accounts.size, sameProduct, context.textStats, t.chance, suspects, mine);
    if (!chance || chance.tailProbability > t.chance.maxTailProbability) continue;
    const log10Combined = fisherLog10(test.log10Tail, Math.log10(chance.tailProbability));
    if (!best || log10Combined < best.log10Combined) {
      best = { accounts: [...e.accounts].sort(), reviews: [...e.reviews].sort(), phrase, chance, log10Combined };
    }
  }
  return best;
}

/** The key under which the loader counts accounts holding both a block and a build. */
export function jointHolderKey(block: string, build: string): string {
  return `ip_block:${block}|ua:${build}`;
}

export function neighbourhoodDripSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const d = policy.drift;
  const facts = context.productHistory;
  const shopAccounts = context.weakIdentity?.shopAccounts;
  if (!d || submission.kind !== 'review' || !facts || !shopAccounts || facts.author.blocks.length === 0 || facts.author.uas.length === 0) return [];
  const authorBought = isOrderedDaysBefore(submission);
  const tested: string[] = [];
  const reviewsOf = new Map<string, string[]>();
  for (const [id, r] of Object.entries(facts.reviewers)) {
    if (id === submission.accountId) continue;
    const counted = r.reviews.filter((x) => !(authorBought && isOrderedDaysBefore(x)));
    if (counted.length === 0) continue;
    tested.push(id);
    reviewsOf.set(
      id,
      counted.map((x) => x.id),
    );
  }
  tested.sort();
  if (tested.length === 0) return [];
  const shop = Math.max(1, shopAccounts - 1);
  const blocks = [...new Set(facts.author.blocks)].sort();
  const builds = [...new Set(facts.author.uas)].sort();
  // Each block is tested with each of the author's builds: every hypothesis tested is one more chance of a fluke. The
  // block alone is not tested: a provider's block is where a product's genuine buyers of one region live too.
  const hypotheses = blocks.length * builds.length;
  const bonferroni = Math.log10(hypotheses);
  let best: PairTest | null = null;
  const all: PairTest[] = [];
  for (const block of blocks) {
    const blockHolders = facts.holders[`ip_block:${block}`];
    if (blockHolders === undefined || blockHolders >= d.maxHolders) continue;
    for (const build of builds) {
      const joint = facts.holders[jointHolderKey(block, build)];
      if (joint === undefined) continue;
      const group = tested.filter((id) => {
        const r = facts.reviewers[id]!;
        return r.blocks.includes(block) && r.uas.includes(build) && !r.ips.some((ip) => facts.author.ips.includes(ip));
      });
      if (group.length === 0) continue;
      // The observed accounts (and the author) are taken out of the holders: a ring must not set its own background.
      const share = Math.min(1, Math.max(1, joint - 1 - group.length) / shop);
      const expected = tested.length * share;
      const log10Tail = Math.min(0, poissonLogTail(group.length, expected) / Math.LN10 + bonferroni);
      const test = { block, build, accounts: group, reviews: group.flatMap((id) => reviewsOf.get(id)!), jointHolders: joint, expected, log10Tail };
      all.push(test);
      if (!best || log10Tail < best.log10Tail) best = test;
    }
  }
  if (!best) return [];
  // The same accounts' wording is independent evidence: short of the line on identity alone it may carry the accounts
  // over it, and beyond the line it is what makes them one writer rather than neighbours (drip-shared-wording, linkage).
  let wording: WordingTest | null = null;
  const w = d.wording;
  if (w) {
    const texts = reviewTexts(submission, context);
    for (const test of all) {
      if (test.log10Tail > Math.log10(w.maxIdentityTail)) continue;
      const found = sharedWording(submission, test, texts, context, policy);
      if (found && found.log10Combined <= Math.log10(d.maxTail) && (!wording || found.log10Combined < wording.log10Combined)) {
        wording = found;
        best = test;
      }
    }
  }
  if (!wording && best.log10Tail > Math.log10(d.maxTail)) return [];
  const surprise = -(wording ? wording.log10Combined : best.log10Tail);
  const minSurprise = -Math.log10(d.maxTail);
  const strength = clamp01(d.strengthBase + d.strengthSpan * clamp01((surprise - minSurprise) / Math.max(Number.EPSILON, d.fullSurpriseLog10 - minSurprise)));
  const k = best.accounts.length;
  const tail = Number(Math.exp(best.log10Tail * Math.LN10).toPrecision(2));
  const combined = wording ? Number(Math.exp(wording.log10Combined * Math.LN10).toPrecision(2)) : null;
  const wordingEvidence = wording
    ? {
        phrase: wording.phrase,
        accounts: wording.accounts,
        reviews: wording.reviews,
        againstChance: wording.chance,
        identityTailProbability: tail,
        combinedTailProbability: combined,
      }
    : null;
  const out: SignalResult[] = [
    {
      signal: 'neighbourhood-drip',
      family: 'identity',
      label: 'sockpuppet',
      weight: round(strength * d.weight),
      summary: `${k} other reviewer${k > 1 ? 's' : ''} of this product over ${d.windowDays} days used the same provider block and the same browser build as this account, a combination only ${best.jointHolders} of the shop's ${shopAccounts} accounts have: chance gives ${round(best.expected, EVIDENCE_LIMITS.probabilityDigits)}.`,
      evidence: {
        accounts: best.accounts,
        reviews: best.reviews,
        observed: k,
        expected: round(best.expected, EVIDENCE_LIMITS.probabilityDigits),
        // Two significant digits: a ring's tail is far below what fixed decimals can show.
        tailProbability: tail,
        jointHolders: best.jointHolders,
        shopAccounts,
        reviewersTested: tested.length,
        hypothesesTested: hypotheses,
        windowDays: d.windowDays,
        maxTail: d.maxTail,
        ...(wordingEvidence ? { wording: wordingEvidence } : {}),
      },
    },
  ];
  if (wording && wordingEvidence) {
    const n = wording.accounts.length;
    out.push({
      signal: 'drip-shared-wording',
      family: 'text',
      label: 'sockpuppet',
      weight: round(strength * d.weight),
      summary: `${n} of those reviewer${n > 1 ? 's' : ''} also wrote "${wording.phrase}", which this product's and the category's reviews do not explain (chance gives ${wording.chance.expected}); with the shared block and build, chance gives both at a probability of ${combined}.`,
      evidence: wordingEvidence,
    });
  }
  return out;
}
