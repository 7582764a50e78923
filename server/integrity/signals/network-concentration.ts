// Several reviewers of one product on one /24 network, against how many of the shop's accounts use that network.
// A ring rotating addresses inside one rented block (a VPN exit range, a hosting /24) shares no address, mailbox or
// device, and its accounts may be opened days apart; what it cannot hide is that k of this product's reviewers in
// the window sit on a /24 that only a handful of the shop's accounts ever used. Chance: each of the n other
// reviewers tested holds the author's /24 with probability (holders of it outside the observed group) ÷ (shop
// accounts), so the count is Poisson with λ = n × that share; the tail P(X ≥ k), times the author's /24s tested
// (Bonferroni), must be at most policy.rings.network.maxTail. A carrier range, a campus or an office /24 is held by
// many accounts, so several reviewers on it is what chance gives (mobile CGNAT, student dorms stay published).
// Pairs that used one address are shared-identity's case (a household, a shared computer) and are not counted; two
// buyers who each ordered days before wrote about two purchases (independence is evidence) and are not counted.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { poissonLogTail } from './reviewer-graph.js';
import { clamp01, isOrderedDaysBefore, isOther, round, signalResult } from './signal-result.js';

interface PrefixTest {
  accounts: string[];
  reviews: string[];
  holders: number;
  expected: number;
  log10Tail: number;
}

export function networkConcentrationSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const facts = context.weakIdentity;
  const author = facts?.accounts[submission.accountId];
  if (submission.kind !== 'review' || !facts || !author || author.prefixes.length === 0) return [];
  const authorBought = isOrderedDaysBefore(submission);
  // The other reviewers of this product in the window whose identity marks the context lists.
  const reviewsOf = new Map<string, string[]>();
  for (const r of context.productRecentReviews) {
    if (!isOther(r, submission) || r.productId !== submission.productId || r.accountId === submission.accountId || !facts.accounts[r.accountId]) continue;
    if (authorBought && isOrderedDaysBefore(r)) continue;
    reviewsOf.set(r.accountId, [...(reviewsOf.get(r.accountId) ?? []), r.id]);
  }
  const tested = [...reviewsOf.keys()].sort();
  if (tested.length === 0) return [];
  const shop = Math.max(1, facts.shopAccounts - 1);
  const prefixes = [...new Set(author.prefixes)].sort();
  const bonferroni = Math.log10(prefixes.length);
  let best: PrefixTest | null = null;
  for (const prefix of prefixes) {
    const holders = facts.holders[`ip_prefix:${prefix}`];
    if (holders === undefined) continue;
    const group = tested.filter((id) => facts.accounts[id]!.prefixes.includes(prefix) && !facts.accounts[id]!.ips.some((ip) => author.ips.includes(ip)));
    if (group.length === 0) continue;
    // The observed accounts (and the author) are taken out of the holders: a ring must not set its own background.
    const share = Math.min(1, Math.max(1, holders - 1 - group.length) / shop);
    const expected = tested.length * share;
    const log10Tail = Math.min(0, poissonLogTail(group.length, expected) / Math.LN10 + bonferroni);
    if (!best || log10Tail < best.log10Tail) {
      best = { accounts: group, reviews: group.flatMap((id) => reviewsOf.get(id)!), holders, expected, log10Tail };
    }
  }
  const n = policy.rings.network;
  if (!best || best.log10Tail > Math.log10(n.maxTail)) return [];
  const surprise = -best.log10Tail;
  const minSurprise = -Math.log10(n.maxTail);
  const strength = clamp01(n.strengthBase + n.strengthSpan * clamp01((surprise - minSurprise) / (n.fullSurpriseLog10 - minSurprise)));
  const k = best.accounts.length;
  return [
    signalResult(
      policy,
      'network-concentration',
      'identity',
      'sockpuppet',
      strength,
      `${k} other reviewer${k > 1 ? 's' : ''} of this product used the same /24 network as this account, a network only ${best.holders} of the shop's ${facts.shopAccounts} accounts used: chance gives ${round(best.expected, EVIDENCE_LIMITS.probabilityDigits)}.`,
      {
        accounts: best.accounts,
        reviews: best.reviews,
        observed: k,
        expected: round(best.expected, EVIDENCE_LIMITS.probabilityDigits),
        // Two significant digits: a ring's tail is far below what fixed decimals can show.
        tailProbability: Number(Math.exp(best.log10Tail * Math.LN10).toPrecision(2)),
        networkHolders: best.holders,
        shopAccounts: facts.shopAccounts,
        reviewersTested: tested.length,
        networksTested: prefixes.length,
        maxTail: n.maxTail,
      },
    ),
  ];
}
