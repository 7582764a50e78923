// Identity evidence: accounts sharing identifiers with the author that also review the same product or
// merchant. Sharing a network is normal (households, offices, mobile NAT), so an ip alone weighs little and
// links to accounts that review unrelated things weigh nothing.
import type { AssessmentContext, IdentifierKind, LinkedAccount, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, DAY_MS, isOrderedDaysBefore, round, signalResult } from './signal-result.js';

export const CREATED_TOGETHER_DAYS = 2;

export type LinkTier = 'strong' | 'weak';
/**
 * How firmly a linked account is tied to the author, in words a moderator can check:
 * - strong: the same normalised mailbox or device, or the same ip (or /24 with the same browser build, or an
 *   uncommon browser build alone) on accounts created within CREATED_TOGETHER_DAYS of each other: one person,
 *   not a household;
 * - weak: the same ip, or the same /24 with the same browser build (a household, an office, a rotating line);
 * - null: a /24 or a browser build alone, which many strangers share.
 */
export function linkTier(l: LinkedAccount, authorCreatedAt: Date): { tier: LinkTier | null; reasons: string[] } {
  const kinds = new Set(l.links.map((x) => x.kind));
  const together = daysApart(l.account.createdAt, authorCreatedAt) <= CREATED_TOGETHER_DAYS;
  const reasons: string[] = [];
  if (kinds.has('email_norm')) reasons.push('same mailbox');
  if (kinds.has('device')) reasons.push('same device');
  const network = kinds.has('ip') ? 'same ip' : kinds.has('ip_prefix') && kinds.has('ua') ? 'same /24 network and browser build' : null;
  if (network && together) reasons.push(`${network}, accounts created within ${CREATED_TOGETHER_DAYS} days`);
  // Accounts opened in one batch from one /24: a person (or a script) creating accounts, not neighbours who
  // happened to sign up the same week on a shared line.
  else if (!network && kinds.has('ip_prefix') && together) reasons.push(`same /24 network, accounts created within ${CREATED_TOGETHER_DAYS} days`);
  // A browser build held by only a handful of accounts (popular builds are dropped before linking) on accounts
  // opened within two days of each other: one machine, whatever network it connects from.
  else if (!network && kinds.has('ua') && together) reasons.push(`same uncommon browser build, accounts created within ${CREATED_TOGETHER_DAYS} days`);
  if (reasons.length > 0) return { tier: 'strong', reasons };
  if (network) return { tier: 'weak', reasons: [network] };
  return { tier: null, reasons: [] };
}

/**
 * Accounts tied to the author by a link that says "same person or same home" (linkTier strong or weak, except a /24
 * alone, even on accounts opened in one batch). Coordination
 * evidence about them argues for 'sockpuppet' only. Accounts that share just a /24 or a browser build (tier null)
 * are ambiguous: one person rotating addresses, or a farm renting one block of addresses. Evidence about those
 * counts for both 'sockpuppet' and 'paid', and the other families decide which label is held.
 */
export function personallyLinkedAccountIds(context: AssessmentContext): Set<string> {
  // Accounts opened in one batch on one /24 (and nothing else shared) are a person or a farm renting addresses:
  // ambiguous, so they count for both labels like other loose links.
  const batchOnly = (l: LinkedAccount) => l.links.every((x) => x.kind === 'ip_prefix');
  return new Set(
    context.linkedAccounts.filter((l) => l.links.length > 0 && !batchOnly(l) && linkTier(l, context.account.createdAt).tier !== null).map((l) => l.account.id),
  );
}

/**
 * A network value shared by many linked accounts that review unrelated things is a shared network (mobile NAT,
 * office, café): its weight is scaled by the share of its holders that review the same product.
 */
function linkStrength(l: LinkedAccount, authorCreatedAt: Date, purity: (k: string) => number, policy: Policy): { strength: number; createdTogether: boolean } {
  const LINK_STRENGTH: Record<IdentifierKind, number> = policy.identity.linkStrength;
  let miss = 1;
  for (const x of l.links) miss *= 1 - LINK_STRENGTH[x.kind] * (x.kind === 'email_norm' || x.kind === 'device' ? 1 : purity(`${x.kind}:${x.value}`));
  // The same /24 and the same browser build together are one machine on a rotating address: as telling as one ip.
  const prefix = l.links.find((x) => x.kind === 'ip_prefix');
  const ua = l.links.find((x) => x.kind === 'ua');
  if (prefix && ua && !l.links.some((x) => x.kind === 'ip')) {
    const both = Math.min(purity(`ip_prefix:${prefix.value}`), purity(`ua:${ua.value}`));
    miss = Math.min(miss, 1 - LINK_STRENGTH.ip * both);
  }
  const createdTogether = daysApart(l.account.createdAt, authorCreatedAt) <= CREATED_TOGETHER_DAYS;
  if (createdTogether) miss *= 1 - policy.identity.createdTogetherBoost;
  return { strength: 1 - miss, createdTogether };
}

function daysApart(a: Date, b: Date): number {
  return Math.abs(a.getTime() - b.getTime()) / DAY_MS;
}

export function sharedIdentitySignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const involved: { account: string; links: string[]; strength: number; sameProduct: string[]; sameMerchant: string[]; createdTogether: boolean }[] = [];
  const holders = new Map<string, number>();
  const involvedHolders = new Map<string, number>();
  // A ring reviews the same product; people behind one NAT or office review whatever they bought.
  const touches = (l: LinkedAccount) => l.reviews.some((r) => r.id !== submission.id && r.status !== 'pending' && r.productId === submission.productId);

  for (const l of context.linkedAccounts) {
    if (l.account.id === submission.accountId) continue;
    const t = touches(l);
    for (const x of l.links) {
      const k = `${x.kind}:${x.value}`;
      holders.set(k, (holders.get(k) ?? 0) + 1);
      if (t) involvedHolders.set(k, (involvedHolders.get(k) ?? 0) + 1);
    }
  }
  const authorBought = isOrderedDaysBefore(submission);
  const purity = (k: string) => ((involvedHolders.get(k) ?? 0) + 1) / ((holders.get(k) ?? 0) + 1);
  for (const l of context.linkedAccounts) {
    if (l.account.id === submission.accountId || l.links.length === 0) continue;
    const reviews = l.reviews.filter((r) => r.id !== submission.id && r.status !== 'pending');
    // Two people of one household who each ordered the product days before wrote about two purchases.
    const bothBought = (r: { orderAt?: Date | null; at: Date }) => authorBought && isOrderedDaysBefore(r);
    const sameProduct = reviews.filter((r) => r.productId === submission.productId && !bothBought(r)).map((r) => r.id);
    const sameMerchant = reviews.filter((r) => r.productId !== submission.productId && r.merchantId === submission.merchantId).map((r) => r.id);
    if (sameProduct.length === 0 && sameMerchant.length === 0) continue;
    const { strength, createdTogether } = linkStrength(l, context.account.createdAt, purity, policy);
    const overlap = sameProduct.length > 0 ? 1 : policy.identity.sameMerchantFactor;
    involved.push({
      account: l.account.id,
      links: [...new Set(l.links.map((x) => `${x.kind}:${x.value}`))],
      strength: strength * overlap,
      sameProduct,
      sameMerchant,
      createdTogether,
    });
  }
  if (involved.length === 0) return [];
  involved.sort((a, b) => b.strength - a.strength);
  // Several linked accounts on the same product are more telling than one (a household has two or three people).
  let miss = 1;
  involved.forEach((x, i) => (miss *= 1 - x.strength * (i === 0 ? 1 : policy.identity.furtherAccountFactor)));
  const strength = clamp01(1 - miss);
  const out: SignalResult[] = [
    signalResult(
      policy,
      'shared-identity',
      'identity',
      'sockpuppet',
      strength,
      `${involved.length} other account${involved.length > 1 ? 's' : ''} sharing a network, device or mailbox with this one also reviewed this ${involved.some((x) => x.sameProduct.length) ? 'product' : "merchant's products"}.`,
      {
        accounts: involved.map((x) => x.account),
        links: Object.fromEntries(involved.map((x) => [x.account, x.links])),
        reviews: involved.flatMap((x) => [...x.sameProduct, ...x.sameMerchant]),
        linkStrength: Object.fromEntries(involved.map((x) => [x.account, round(x.strength)])),
      },
    ),
  ];
  const together = involved.filter((x) => x.createdTogether);
  if (together.length > 0) {
    out.push(
      signalResult(
        policy,
        'accounts-created-together',
        'identity',
        'sockpuppet',
        clamp01(policy.identity.createdTogetherBase + policy.identity.createdTogetherPerAccount * (together.length - 1)),
        `${together.length} linked account${together.length > 1 ? 's were' : ' was'} created within ${CREATED_TOGETHER_DAYS} days of this one.`,
        {
          accounts: together.map((x) => x.account),
          windowDays: CREATED_TOGETHER_DAYS,
          reviews: together.flatMap((x) => x.sameProduct),
        },
      ),
    );
  }
  return out;
}
