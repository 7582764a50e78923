// 'email-pattern-group' (sockpuppet, identity family, linkage): several reviewers of a product within days have
// e-mail addresses of the author's shape ("daily" + a name + a running number, or "first.last" + a year), far more of
// them than that shape's share of the accounts on the author's domain gives by chance. A script that opens accounts
// fills one template with names and numbers; pairwise, two such addresses may look like chance (weak-links.ts), but
// six of a product's nine gmail reviewers in one rare shape are not. The test is conditioned on the domain: reviewers
// of one campus or one company share their institution's scheme, which names a place, not a hand. Rating is never read;
// like every linkage it needs a second family before it can hold anything.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { poissonBinomialTail } from '../order-delays.js';
import { emailDomain, emailShape } from '../text-tools.js';
import { DAY_MS, evidenceProbability, round, strengthOnScale, surpriseLog10 } from './signal-result.js';

export function emailPatternGroupSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const p = policy.emailGroups;
  const facts = context.weakIdentity;
  if (!p || !facts || submission.kind !== 'review') return [];
  const shape = emailShape(context.account.email);
  const domain = emailDomain(context.account.email);
  if (shape === null || domain === null) return [];
  const shapeHolders = facts.holders[`email_shape:${shape}`];
  const domainHolders = facts.holders[`email_domain:${domain}`];
  // Unknown (not loaded, or a shape too common to be counted exactly): no evidence either way.
  if (shapeHolders === undefined || domainHolders === undefined || shapeHolders >= p.maxShapeHolders) return [];

  const at = submission.at.getTime();
  const W = p.windowDays * DAY_MS;
  const sameDomain = new Map<string, string[]>();
  for (const r of context.productRecentReviews) {
    if (r.id === submission.id || r.status === 'pending' || r.accountId === submission.accountId || Math.abs(r.at.getTime() - at) > W) continue;
    const email = facts.accounts[r.accountId]?.email;
    if (email === undefined || emailDomain(email) !== domain) continue;
    sameDomain.set(r.accountId, [...(sameDomain.get(r.accountId) ?? []), r.id]);
  }
  const sharing = [...sameDomain.keys()].filter((id) => emailShape(facts.accounts[id]!.email) === shape);
  if (sharing.length + 1 < p.minAccounts) return [];
  // The author is why this shape is looked at: its share among the domain's other accounts.
  const share = Math.min(1, Math.max(0, shapeHolders - 1) / Math.max(1, domainHolders - 1));
  const tail = poissonBinomialTail(sharing.length, new Array<number>(sameDomain.size).fill(share));
  if (tail > p.maxTail) return [];
  const surprise = surpriseLog10(tail);
  const strength = strengthOnScale(surprise, -Math.log10(p.maxTail), p.fullSurpriseLog10, p);
  const expected = sameDomain.size * share;
  return [
    {
      signal: 'email-pattern-group',
      family: 'identity',
      label: 'sockpuppet',
      weight: round(strength * p.weight),
      summary:
        `${sharing.length} of the ${sameDomain.size} other accounts on ${domain} reviewing this product within ${p.windowDays} days have an ` +
        `address of this account's shape (${shape}); ${shapeHolders} of the shop's ${domainHolders} accounts on ${domain} have it, so chance ` +
        `gives about ${round(expected, 2)} (P = ${evidenceProbability(tail)}). A script fills one address template with names and numbers.`,
      evidence: {
        accounts: sharing,
        reviews: sharing.flatMap((id) => sameDomain.get(id) ?? []),
        shape,
        domain,
        sameDomainReviewers: sameDomain.size,
        shapeHolders,
        domainHolders,
        shareOfDomain: evidenceProbability(share),
        expectedByChance: round(expected),
        tail: evidenceProbability(tail),
        surpriseLog10: round(surprise, 1),
        windowDays: p.windowDays,
      },
    },
  ];
}
