// Reviews by the merchant's own people: direct evidence, no corroboration needed.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { emailDomain } from '../identity-keys.js';
import { signalResult } from './signal-result.js';

// A shared network prefix alone is too common (same ISP) to count; a shared ip, device or mailbox is not.
const STAFF_LINK_STRENGTH: Record<string, number> = { device: 1, email_norm: 1, ip: 0.9, ua: 0, ip_prefix: 0 };

function onDomain(domain: string, merchantDomain: string): boolean {
  return domain === merchantDomain || domain.endsWith(`.${merchantDomain}`);
}

export function insiderSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const out: SignalResult[] = [];
  const merchantId = submission.merchantId;
  if (context.account.staffOf.includes(merchantId) || context.merchant.staffAccountIds.includes(submission.accountId)) {
    out.push(signalResult(policy, 'declared-staff', 'insider', 'insider', 1, "The author is declared staff of this product's merchant.", { accountId: submission.accountId, merchantId }));
  }
  const domain = context.merchant.domain?.trim().toLowerCase().replace(/^www\./, '');
  const mail = emailDomain(context.account.email);
  if (domain && mail && onDomain(mail, domain)) {
    out.push(signalResult(policy, 'merchant-domain-email', 'insider', 'insider', 1, "The author's e-mail address is on the merchant's own domain.", { emailDomain: mail, merchantDomain: domain }));
  }
  const staff = context.linkedAccounts.filter(
    (l) => l.account.id !== submission.accountId && (l.account.staffOf.includes(merchantId) || context.merchant.staffAccountIds.includes(l.account.id)),
  );
  let best = 0;
  const links: Record<string, string[]> = {};
  for (const l of staff) {
    const strong = l.links.filter((x) => (STAFF_LINK_STRENGTH[x.kind] ?? 0) > 0);
    if (strong.length === 0) continue;
    links[l.account.id] = strong.map((x) => `${x.kind}:${x.value}`);
    best = Math.max(best, ...strong.map((x) => STAFF_LINK_STRENGTH[x.kind]));
  }
  if (best > 0) {
    out.push(
      signalResult(policy, 'shares-identity-with-staff', 'insider', 'insider', best, "The author shares a network address, device or mailbox with the merchant's declared staff.", {
        staffAccounts: Object.keys(links),
        links,
      }),
    );
  }
  return out;
}
