// Reviews by the merchant's own people: direct evidence, no corroboration needed.
// Declared staff, an e-mail address on the merchant's domain, or an identifier shared with declared staff: the same
// mailbox or device; the office network (however many accounts use it: an office is shared by its staff by design,
// and declared staff using it is what makes it specific), including the address an account signed up from; or a
// browser build rare in this shop's traffic that staff also use (a managed build). A carrier range or a popular
// browser release that staff happen to share with thousands of customers does not count. Whether a build is the
// staff's is a likelihood ratio against this shop's base rate: how often the merchant's declared staff hold it
// against how often the shop's other accounts do (an office's pinned Firefox ESR: nearly all staff, a handful of
// customers; a frozen Chrome release: staff and customers alike). Since 2026.36 a build only one member of staff holds is
// that person's own browser, not a link, and an address in a public network (a /24 with more accounts than an office,
// the staff a small share of them: a carrier's NAT pool) is no link either: strangers share those with staff by chance.
import type { AssessmentContext, Identifier, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { emailDomain } from '../identity-keys.js';
import { round, signalResult } from './signal-result.js';

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

/** Characters and pairs that read as letters in a domain name ("0rchid", "rnarket", "vvidget"), folded to the letter. */
const LOOKALIKE_CHARACTERS: readonly [string, string][] = [
  ['0', 'o'],
  ['1', 'l'],
  ['3', 'e'],
  ['5', 's'],
  ['rn', 'm'],
  ['vv', 'w'],
];
function foldLookalikes(label: string): string {
  return LOOKALIKE_CHARACTERS.reduce((t, [from, to]) => t.replaceAll(from, to), label);
}

/** Fewest edits (insert, delete, substitute) turning `needle` into some substring of `hay` (Sellers' algorithm). */
export function editsToSubstring(needle: string, hay: string): number {
  let row = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const next = [i];
    for (let j = 1; j <= hay.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return Math.min(...row);
}

/**
 * A mailbox on a look-alike of the merchant's domain (team, shop or "get" variants: bramble-sports-team.com,
 * getorchidliving.com; a digit for a letter: 0rchidliving.shop; one letter off: orchidlivng.com): the merchant's own
 * name, long enough to be distinctive, inside the e-mail domain's name after folding look-alike characters, with at
 * most `maxEdits` edits. Returns the edits needed, or null when the domain is not a look-alike.
 */
function lookalikeEdits(domain: string, merchantDomain: string, minLength: number, maxEdits: number): number | null {
  const merchant = foldLookalikes(domainLabel(merchantDomain));
  if (merchant.length < minLength) return null;
  const edits = editsToSubstring(merchant, foldLookalikes(domainLabel(domain)));
  return edits <= maxEdits ? edits : null;
}

/**
 * How often the merchant's staff hold a value, judged by the staff other than the one that made us look: a value is
 * examined because some staff member shares it with the author, so that holder says nothing about whether the value
 * is the office's (a managed build) or that person's own (their phone, their home browser). The rate is the share of
 * the remaining staff holding it, (staff holding it − 1) ÷ (staff − 1): one of two staff on a build is 0 (the other
 * does not use it), four of four is 1. Null with a single staff member: there is no one else to ask.
 */
export function staffRateBeyondFirst(staffHolders: number, staff: number): number | null {
  if (staff < 2 || staffHolders <= 0) return null;
  return (Math.min(staffHolders, staff) - 1) / (staff - 1);
}

/**
 * How much likelier the merchant's declared staff hold a browser build than the shop's other accounts do:
 * (staff rate beyond the first holder, above) ÷ (other holders ÷ other accounts). Null when the shop's size is
 * unknown or the staff are too few to give a rate.
 */
export function staffBuildLikelihoodRatio(holders: number, staffHolders: number, staff: number, shopAccounts: number): number | null {
  if (shopAccounts <= staff) return null;
  const staffRate = staffRateBeyondFirst(staffHolders, staff);
  if (staffRate === null) return null;
  // The author holds it and is not staff: at least one other holder, so the ratio stays finite.
  const otherRate = Math.max(1, holders - staffHolders) / (shopAccounts - staff);
  return staffRate / otherRate;
}

/**
 * A browser build's holders grouped into independent sources: holders sharing an address or a /24, directly or
 * through another holder, are one source (one office's colleagues hold its pinned build together, by one IT
 * decision). Returns the sources holding staff of this merchant, the other sources (the author's own included), and
 * how many holders besides the author that are not this merchant's staff share the author's source (the author's
 * own colleagues).
 */
export function buildSources(
  holderNetworks: Record<string, string[]>,
  isStaff: (accountId: string) => boolean,
  authorId: string,
): { staffSources: number; otherSources: number; authorColleagues: number } {
  const accounts = Object.keys(holderNetworks).sort();
  if (!accounts.includes(authorId)) accounts.push(authorId);
  const parent = new Map<string, string>(accounts.map((a) => [a, a]));
  const root = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(a, r);
    return r;
  };
  const firstOnNetwork = new Map<string, string>();
  for (const a of accounts) {
    for (const n of holderNetworks[a] ?? []) {
      const other = firstOnNetwork.get(n);
      if (other === undefined) firstOnNetwork.set(n, a);
      else parent.set(root(a), root(other));
    }
  }
  const withStaff = new Set<string>();
  const roots = new Set<string>();
  for (const a of accounts) {
    roots.add(root(a));
    if (a !== authorId && isStaff(a)) withStaff.add(root(a));
  }
  const mine = root(authorId);
  const authorColleagues = withStaff.has(mine) ? 0 : accounts.filter((a) => a !== authorId && root(a) === mine).length;
  return { staffSources: withStaff.size, otherSources: roots.size - withStaff.size, authorColleagues };
}

type Holding = { holders: number; staffHolders: number };

/**
 * A /24 seen with more accounts than an office holds, the merchant's staff a small share of them: a public network
 * (a mobile carrier's NAT pool, a campus). Strangers there share exact addresses with staff by chance, so an address
 * in it says nothing about who the author knows. An office's /24 holds the office (its staff a good share) or few
 * accounts.
 */
export function isPublicNetwork(block: Holding, policy: Policy): boolean {
  const p = policy.insider;
  return block.holders > p.officeMaxHolders && block.staffHolders / block.holders < p.minStaffShare;
}

/**
 * How much one identifier shared with staff says, given how many accounts hold it and how many of them are staff;
 * for an exact address, also whether it lies in a public network (`inPublicNetwork`, below).
 */
function staffLinkStrength(link: Identifier & Holding, policy: Policy, buildRatio: number | null, inPublicNetwork: boolean): number {
  const p = policy.insider;
  // A provider block is never a link (identity-keys ipBlock).
  const base = link.kind === 'ip_block' ? 0 : (p.linkStrength[link.kind] ?? 0);
  if (base <= 0 || link.kind === 'email_norm' || link.kind === 'device') return base;
  const staffShare = link.staffHolders / Math.max(1, link.holders);
  // A build few accounts use, and mostly the staff (more than one of them: one person's own phone is not a managed
  // build): a managed build, not a release many customers run; or a build far likelier among the staff than among
  // the shop's other accounts (however many hold it).
  if (link.kind === 'ua') {
    const few = link.holders <= p.uncommonBuildMaxHolders && staffShare >= p.minStaffShareOfBuild && link.staffHolders >= (p.minStaffHoldersOfBuild ?? 1);
    return few || (buildRatio !== null && buildRatio >= policy.rings.staffBuildMinLikelihoodRatio) ? base : 0;
  }
  if (link.kind === 'ip' && inPublicNetwork) return 0;
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
  } else if (domain && mail && lookalikeEdits(mail, domain, policy.insider.lookalikeMinLength, policy.rings.lookalikeMaxEdits) !== null) {
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
          edits: lookalikeEdits(mail, domain, policy.insider.lookalikeMinLength, policy.rings.lookalikeMaxEdits),
        },
      ),
    );
  }
  const isStaff = (id: string) => id !== submission.accountId && context.merchant.staffAccountIds.includes(id);
  // Values shared with staff: from the staff side (any commonness), or from linked accounts (uncommon values only).
  const links = new Map<string, Identifier & { holders: number; staffHolders: number; holderNetworks?: Record<string, string[]> }>();
  for (const l of context.merchant.staffLinks ?? []) links.set(`${l.kind}:${l.value}`, l);
  // As they were when the review was written: a re-check weeks later must not count an address the author and a
  // member of staff were both first seen with after it (the staff side, merchant.staffLinks, is read that way too).
  const writtenAt = submission.at.getTime();
  for (const l of context.linkedAccounts) {
    if (!isStaff(l.account.id) && !l.account.staffOf.includes(merchantId)) continue;
    for (const x of l.links) {
      if (x.since && x.since.getTime() > writtenAt) continue;
      const k = `${x.kind}:${x.value}`;
      if (!links.has(k)) links.set(k, { ...x, holders: policy.context.commonIdentifierAccountLimit, staffHolders: 1 });
    }
  }
  let best = 0;
  const staff = context.merchant.staffAccountIds.filter((id) => id !== submission.accountId).length;
  const shopAccounts = context.weakIdentity?.shopAccounts ?? 0;
  const shared: Record<
    string,
    {
      strength: number;
      accountsHolding: number;
      staffHolding: number;
      sharedNetworks?: { accounts: number; staff: number }[];
      staff?: number;
      shopAccounts?: number;
      likelihoodRatio?: number;
      staffRateBeyondFirst?: number;
      otherSourcesObserved?: number;
      otherSourcesExpectedAtStaffRate?: number;
    }
  > = {};
  // The /24s the author shares with staff. Stored addresses are keyed hashes (security/identifier-hash.ts), so an
  // address's own /24 cannot be read back from it; but sharing an address means sharing its /24, so when every /24
  // the author shares with staff is a public network, so is the shared address's (with one /24 shared, the usual
  // case, that is exactly its own).
  const sharedBlocks = (context.merchant.staffLinks ?? []).filter((l) => l.kind === 'ip_prefix');
  const judgeBlocks = policy.insider.judgeAddressByItsBlock === true && sharedBlocks.length > 0;
  const inPublicNetwork = judgeBlocks && sharedBlocks.every((b) => isPublicNetwork(b, policy));
  for (const [k, l] of links) {
    // A build counted by independent sources: the staff's office once, another office holding the same build once.
    const sources = l.kind === 'ua' && l.holderNetworks ? buildSources(l.holderNetworks, isStaff, submission.accountId) : null;
    // The author's own colleagues (not this merchant's staff) hold the build on their shared network: their office's
    // build, not the merchant's.
    if (sources && sources.authorColleagues > 0) continue;
    const otherHolders = sources ? sources.otherSources + l.staffHolders : l.holders;
    const ratio = l.kind === 'ua' ? staffBuildLikelihoodRatio(otherHolders, l.staffHolders, staff, shopAccounts) : null;
    const strength = staffLinkStrength(l, policy, ratio, inPublicNetwork);
    if (strength <= 0) continue;
    shared[k] = {
      strength,
      accountsHolding: l.holders,
      staffHolding: l.staffHolders,
      ...(l.kind === 'ip' && judgeBlocks ? { sharedNetworks: sharedBlocks.map((b) => ({ accounts: b.holders, staff: b.staffHolders })) } : {}),
      ...(ratio !== null
        ? {
            staff,
            shopAccounts,
            likelihoodRatio: round(ratio),
            staffRateBeyondFirst: round(staffRateBeyondFirst(l.staffHolders, staff) ?? 0),
          }
        : {}),
      ...(sources && ratio !== null
        ? {
            otherSourcesObserved: sources.otherSources,
            // Other sources expected if the shop's other accounts held the build as often as the staff do.
            otherSourcesExpectedAtStaffRate: round(Math.min(1, l.staffHolders / Math.max(1, staff)) * Math.max(0, shopAccounts - staff)),
          }
        : {}),
    };
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
