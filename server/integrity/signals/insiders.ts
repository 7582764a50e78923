// Reviews by the merchant's own people: direct evidence, no corroboration needed.
// Declared staff, an e-mail address on the merchant's domain, or an identifier shared with declared staff: the same
// mailbox or device; the office network (however many accounts use it: an office is shared by its staff by design,
// and declared staff using it is what makes it specific), including the address an account signed up from; or a
// browser build rare in this shop's traffic that staff also use (a managed build). A carrier range or a popular
// browser release that staff happen to share with thousands of customers does not count.
import type { AssessmentContext, Identifier, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { emailDomain } from '../identity-keys.js';
import { signalResult } from './signal-result.js';

function onDomain(domain: string, merchantDomain: string): boolean {
  return domain === merchantDomain || domain.endsWith(`.${merchantDomain}`);
}

/** The name part of a domain without its public suffix guess and without hyphens: "bramble-sports.com" → "bramblesports". */
const SECOND_LEVEL = /^(co|com|net|org|gov|ac|edu|ltd|plc)$/;
function domainLabel(domain: string): string {
  const parts = domain.split('.');
  // Second-level country suffixes (co.uk, com.au): the label is the part before them.
  const cut = parts.length > 2 && SECOND_LEVEL.test(parts[parts.length - 2]!) ? parts.length - 2 : parts.length - 1;
  return parts.slice(0, cut).join('').replace(/-/g, '');
}

/**
 * A mailbox on a look-alike of the merchant's domain (team, shop or "get" variants: bramble-sports-team.com,
 * getorchidliving.com): the merchant's own name, long enough to be distinctive, inside the e-mail domain's name.
 */
function onLookalikeDomain(domain: string, merchantDomain: string, minLength: number): boolean {
  const merchant = domainLabel(merchantDomain);
  return merchant.length >= minLength && domainLabel(domain).includes(merchant);
}

/** How much one identifier shared with staff says, given how many accounts hold it and how many of them are staff. */
function staffLinkStrength(link: Identifier & { holders: number; staffHolders: number }, policy: Policy): number {
  const p = policy.insider;
  const base = p.linkStrength[link.kind] ?? 0;
  if (base <= 0 || link.kind === 'email_norm' || link.kind === 'device') return base;
  const staffShare = link.staffHolders / Math.max(1, link.holders);
  // A build few accounts use, and mostly the staff: a managed build, not a release many customers run.
  if (link.kind === 'ua') return link.holders <= p.uncommonBuildMaxHolders && staffShare >= p.minStaffShareOfBuild ? base : 0;
  const specific = staffShare >= p.minStaffShare || link.holders <= p.officeMaxHolders;
  return specific ? base : 0;
}

export function insiderSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const out: SignalResult[] = [];
  const merchantId = submission.merchantId;
  if (context.account.staffOf.includes(merchantId) || context.merchant.staffAccountIds.includes(submission.accountId)) {
    out.push(
      signalResult(policy, 'declared-staff', 'insider', 'insider', 1, "The author is declared staff of this product's merchant.", {
        accountId: submission.accountId,
        merchantId,
      }),
    );
  }
  const domain = context.merchant.domain
    ?.trim()
    .toLowerCase()
    .replace(/^www\./, '');
  const mail = emailDomain(context.account.email);
  if (domain && mail && onDomain(mail, domain)) {
    out.push(
      signalResult(policy, 'merchant-domain-email', 'insider', 'insider', 1, "The author's e-mail address is on the merchant's own domain.", {
        emailDomain: mail,
        merchantDomain: domain,
      }),
    );
  } else if (domain && mail && onLookalikeDomain(mail, domain, policy.insider.lookalikeMinLength)) {
    out.push(
      signalResult(
        policy,
        'merchant-domain-email',
        'insider',
        'insider',
        policy.insider.lookalikeStrength,
        "The author's e-mail address is on a domain carrying the merchant's own name.",
        {
          emailDomain: mail,
          merchantDomain: domain,
          lookalike: true,
        },
      ),
    );
  }
  const isStaff = (id: string) => id !== submission.accountId && context.merchant.staffAccountIds.includes(id);
  // Values shared with staff: from the staff side (any commonness), or from linked accounts (uncommon values only).
  const links = new Map<string, Identifier & { holders: number; staffHolders: number }>();
  for (const l of context.merchant.staffLinks ?? []) links.set(`${l.kind}:${l.value}`, l);
  for (const l of context.linkedAccounts) {
    if (!isStaff(l.account.id) && !l.account.staffOf.includes(merchantId)) continue;
    for (const x of l.links) {
      const k = `${x.kind}:${x.value}`;
      if (!links.has(k)) links.set(k, { ...x, holders: policy.context.commonIdentifierAccountLimit, staffHolders: 1 });
    }
  }
  let best = 0;
  const shared: Record<string, { strength: number; accountsHolding: number; staffHolding: number }> = {};
  for (const [k, l] of links) {
    const strength = staffLinkStrength(l, policy);
    if (strength <= 0) continue;
    shared[k] = { strength, accountsHolding: l.holders, staffHolding: l.staffHolders };
    best = Math.max(best, strength);
  }
  if (best > 0) {
    out.push(
      signalResult(
        policy,
        'shares-identity-with-staff',
        'insider',
        'insider',
        best,
        "The author shares a network address, browser build, device or mailbox with the merchant's declared staff.",
        {
          links: shared,
        },
      ),
    );
  }
  return out;
}
