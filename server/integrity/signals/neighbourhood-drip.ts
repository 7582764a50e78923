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
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { poissonLogTail } from './reviewer-graph.js';
import { clamp01, isOrderedDaysBefore, round } from './signal-result.js';

interface PairTest {
  block: string;
  build: string;
  accounts: string[];
  reviews: string[];
  jointHolders: number;
  expected: number;
  log10Tail: number;
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
      if (!best || log10Tail < best.log10Tail) {
        best = { block, build, accounts: group, reviews: group.flatMap((id) => reviewsOf.get(id)!), jointHolders: joint, expected, log10Tail };
      }
    }
  }
  if (!best || best.log10Tail > Math.log10(d.maxTail)) return [];
  const surprise = -best.log10Tail;
  const minSurprise = -Math.log10(d.maxTail);
  const strength = clamp01(d.strengthBase + d.strengthSpan * clamp01((surprise - minSurprise) / Math.max(Number.EPSILON, d.fullSurpriseLog10 - minSurprise)));
  const k = best.accounts.length;
  const tail = Number(Math.exp(best.log10Tail * Math.LN10).toPrecision(2));
  return [
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
      },
    },
  ];
}
