// Identity evidence: accounts sharing identifiers with the author that also review the same product or
// merchant. Sharing a network is normal (households, offices, mobile NAT), so an ip alone weighs little and
// links to accounts that review unrelated things weigh nothing.
import type { AssessmentContext, IdentifierKind, LinkedAccount, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { poissonTail } from '../text-chance.js';
import { clamp01, DAY_MS, HOUR_MS, isOrderedDaysBefore, linkedAccountIds, MINUTE_MS, round, signalResult } from './signal-result.js';

/** A coincidence "accounts opened around the same time share this /24 or build" compared with chance in this shop. */
export interface TogetherChance {
  /** What the accounts share, in words. */
  shared: string;
  /** The narrowest loaded window around the author's creation that holds this account, and the shop's sign-ups in it. */
  window: string;
  windowAccounts: number;
  /** Other accounts of that window sharing the values with the author, and how many chance gives. */
  observed: number;
  expected: number;
  /** P(X ≥ observed), X ~ Poisson(expected), times the windows tried. */
  tail: number;
  /** For an exact address: the shop's accounts holding it, the author included, and those opened at other times. */
  addressHolders?: number;
  otherHolders?: number;
  /** For an exact address: the browser builds compared, and their likelihood factor on chance (see deviceEvidence). */
  device?: string;
  deviceFactor?: number;
  /** For an exact address: tail × deviceFactor, compared with policy.identity.createdTogetherAddressMaxTail. */
  odds?: number;
  /** For an exact address on a provider block that hands its addresses round: that chance (see poolChance). */
  pool?: PoolChance;
}

/**
 * An exact address shared by accounts opened together, against a provider that hands its addresses round: the shop's
 * accounts opened at other times used `addresses` distinct addresses of the block `holdings` times, a pool of about
 * `poolSize` addresses; the accounts opened within the window hold `windowHoldings` addresses of it, the author
 * `authorAddresses`, so chance gives `expected` accounts of the window on one of the author's addresses.
 */
export interface PoolChance {
  holdings: number;
  addresses: number;
  poolSize: number;
  windowHoldings: number;
  authorAddresses: number;
  observed: number;
  expected: number;
  tail: number;
  /** tail × the device factor, compared with policy.identity.createdTogetherAddressMaxTail. */
  odds: number;
}

/**
 * Which linked accounts count as "created together" with the author, and why. A personal link (mailbox, device, ip)
 * on accounts opened within createdTogetherDays is one person, as before. A /24 or a browser build alone is shared
 * by strangers: during a complaint wave or a launch dozens of accounts open within days, and two of them on one ISP
 * /24 is expected. Such a link counts only when the coincidence is improbable in this shop: the expected number of
 * the shop's accounts opened in the window (±nearMinutes, ±baselineHours or ±createdTogetherDays around the
 * author's, the narrowest holding the linked account) that share the values is (sign-ups in the window − 1) × the
 * values' share of the shop's accounts outside the accounts under test, and the Poisson tail of the observed count
 * (times the windows tried) must be at most createdTogetherMaxTail. Without the shop's counts nothing counts.
 * A mailbox or a device on accounts opened within createdTogetherDays is one person. An exact address is one person
 * unless chance in this shop explains it (see addressChance: a carrier's NAT address, a dorm's or an office's is held
 * by many of the shop's accounts); when it does, the /24 and build test may still find the accounts opened together.
 */
export interface CreatedTogether {
  windowDays: number;
  together: Set<string>;
  /** Account → the chance comparison, for accounts tied only by a /24 and/or a browser build. */
  chance: Map<string, TogetherChance>;
  /** Account → the chance comparison of the exact address it shares with the author (accounts opened together only). */
  address: Map<string, TogetherChance>;
  /** Accounts whose shared address chance in this shop explains (a carrier's, a campus's): not one person by it. */
  addressExplained: Set<string>;
  /**
   * Accounts opened together with the author on one address or device that are each a customer in their own right
   * (see householdMarks): a family computer. They stay linked (and "created together" in the identity family), but the
   * link is a household's (linkTier 'weak'): that they reviewed the same products is explained by their own purchases,
   * so timing evidence needs what it needs on a shared network.
   */
  household: Map<string, HouseholdMarks>;
}

/**
 * Why two accounts opened together on one address or device are a household rather than one person's accounts: each
 * has orders of its own, placed days before the review they back (policy.identity.householdMinOwnOrders each), and they
 * share no mailbox. One operator's accounts rarely buy (every order costs money, and a ring's purpose is the post, not
 * the purchase); family members sharing a computer each order what they use. The same device alone cannot tell them
 * apart, orders of their own can.
 */
export interface HouseholdMarks {
  /** The author's reviews backed by an order placed days before (the submission included when known). */
  authorOwnOrders: number;
  /** The linked account's reviews backed by an order placed days before. */
  theirOwnOrders: number;
  /** Hours between the two accounts' creation. */
  createdHoursApart: number;
}

/** The reviews of these that are backed by an order the account placed days before posting (a purchase of its own). */
function ownOrders(reviews: { id: string; orderAt?: Date | null; at: Date; status?: string }[]): number {
  return new Set(reviews.filter((r) => r.status !== 'pending' && isOrderedDaysBefore(r)).map((r) => r.id)).size;
}

/**
 * Household marks of a linked account opened together with the author, or null when they do not hold: a shared mailbox
 * is one person whatever the orders; otherwise both accounts need policy.identity.householdMinOwnOrders orders of their own.
 */
function householdMarks(
  l: LinkedAccount,
  context: AssessmentContext,
  policy: Policy,
  submission?: Pick<Submission, 'id' | 'orderAt' | 'at'>,
): HouseholdMarks | null {
  if (l.links.some((x) => x.kind === 'email_norm')) return null;
  const min = policy.identity.householdMinOwnOrders;
  const mine = [...context.accountReviews, ...(submission ? [submission] : [])];
  const authorOwnOrders = ownOrders(mine);
  if (authorOwnOrders < min) return null;
  const theirOwnOrders = ownOrders(l.reviews);
  if (theirOwnOrders < min) return null;
  const createdHoursApart = round(Math.abs(l.account.createdAt.getTime() - context.account.createdAt.getTime()) / HOUR_MS, 1);
  return { authorOwnOrders, theirOwnOrders, createdHoursApart };
}

export function createdTogether(context: AssessmentContext, policy: Policy, submission?: Pick<Submission, 'id' | 'orderAt' | 'at'>): CreatedTogether {
  const days = policy.identity.createdTogetherDays;
  const authorAt = context.account.createdAt.getTime();
  const gapOf = (l: LinkedAccount) => Math.abs(l.account.createdAt.getTime() - authorAt);
  const inWindow = context.linkedAccounts.filter((l) => l.account.id !== context.account.id && l.links.length > 0 && gapOf(l) <= days * DAY_MS);
  const together = new Set<string>();
  const chance = new Map<string, TogetherChance>();
  const facts = context.weakIdentity;
  const s = context.signups;
  const windows =
    s && s.togetherCount !== undefined
      ? [
          { ms: s.nearMinutes * MINUTE_MS, count: s.nearCount, words: `${s.nearMinutes} minutes` },
          { ms: s.baselineHours * HOUR_MS, count: s.baselineCount, words: `${s.baselineHours} hours` },
          { ms: days * DAY_MS, count: s.togetherCount, words: `${days} days` },
        ]
      : [];
  const holds = (l: LinkedAccount, key: string) => l.links.some((x) => `${x.kind}:${x.value}` === key);
  const address = new Map<string, TogetherChance>();
  const addressExplained = new Set<string>();
  // A family computer: accounts on one device (opened at any time) or opened together on one address, each ordering
  // what it reviews. They are a household, not one person.
  const household = new Map<string, HouseholdMarks>();
  for (const l of context.linkedAccounts) {
    if (l.account.id === context.account.id) continue;
    const onDevice = l.links.some((x) => x.kind === 'device');
    const onAddress = l.links.some((x) => x.kind === 'ip') && gapOf(l) <= days * DAY_MS;
    const marks = onDevice || onAddress ? householdMarks(l, context, policy, submission) : null;
    if (marks) household.set(l.account.id, marks);
  }
  for (const l of inWindow) {
    if (l.links.some((x) => x.kind === 'email_norm' || x.kind === 'device')) {
      together.add(l.account.id);
      continue;
    }
    if (l.links.some((x) => x.kind === 'ip')) {
      // Without the shop's sign-up counts an address shared by accounts opened together stays one person, as before.
      const c = windows.length > 0 ? addressChance(l, context, inWindow, windows, gapOf, policy) : null;
      if (!c) {
        together.add(l.account.id);
        continue;
      }
      address.set(l.account.id, c);
      // An address no account opened at other times holds is shown to be shared by nobody: it stays personal (in a
      // small shop the sign-ups alone would make any pair look like chance).
      // A provider block that hands its addresses round explains the address too, when its own chance is not small.
      const pooled = c.pool !== undefined && c.pool.odds > policy.identity.createdTogetherAddressMaxTail;
      if (!pooled && (c.otherHolders === 0 || c.odds! <= policy.identity.createdTogetherAddressMaxTail)) {
        together.add(l.account.id);
        continue;
      }
      addressExplained.add(l.account.id);
      // A carrier's or a campus's address that the shop's other accounts share, or a pooled one: the /24 or build test
      // below may still find the accounts opened together beyond chance.
    }
    if (!facts || windows.length === 0) continue;
    const n = Math.max(1, facts.shopAccounts);
    const windowAll = windows[windows.length - 1]!.count;
    // The rarest value of each kind this account shares with the author (a /24, a build, or both).
    const keys: string[] = [];
    let known = true;
    for (const kind of ['ip_prefix', 'ua'] as const) {
      const values = l.links.filter((x) => x.kind === kind).map((x) => `${kind}:${x.value}`);
      if (values.length === 0) continue;
      const counted = values.filter((k) => facts.holders[k] !== undefined).sort((a, b) => facts.holders[a]! - facts.holders[b]! || (a < b ? -1 : 1));
      if (counted.length === 0) known = false;
      else keys.push(counted[0]!);
    }
    if (!known || keys.length === 0) continue;
    // Each value's share of the shop's accounts, leaving out the author and the accounts under test: a ring must not
    // set its own background, and an ISP's /24 shows its commonness through the accounts opened at other times.
    let share = 1;
    for (const k of keys) {
      const tested = inWindow.filter((m) => holds(m, k)).length;
      share *= (Math.max(0, facts.holders[k]! - 1 - tested) + 1) / Math.max(1, n - windowAll + 1);
    }
    let best: TogetherChance | null = null;
    let bestTail = 1;
    for (const w of windows) {
      if (gapOf(l) > w.ms) continue;
      const observed = inWindow.filter((m) => gapOf(m) <= w.ms && keys.every((k) => holds(m, k))).length;
      const expected = Math.max(0, w.count - 1) * Math.min(1, share);
      const tail = Math.min(1, poissonTail(observed, expected) * windows.length);
      if (!best || tail < bestTail) {
        bestTail = tail;
        best = {
          shared: keys.map((k) => (k.startsWith('ua:') ? 'the same uncommon browser build' : 'the same /24 network')).join(' and '),
          window: w.words,
          windowAccounts: w.count,
          observed,
          expected: round(expected, EVIDENCE_LIMITS.probabilityDigits),
          // Two significant digits: a ring's tail is far below what fixed decimals can show.
          tail: Number(tail.toPrecision(2)),
        };
      }
    }
    if (!best) continue;
    chance.set(l.account.id, best);
    if (bestTail <= policy.identity.createdTogetherMaxTail) together.add(l.account.id);
  }
  return { windowDays: days, together, chance, address, addressExplained, household };
}

interface SignupWindow {
  ms: number;
  count: number;
  words: string;
}

/**
 * The browser builds of the author and another account, as a likelihood factor on "strangers, not one person"
 * (policy.weakLinks: one operator's accounts show the same build in linkedShare.ua of cases). The same build multiplies
 * the chance by its share of the shop's accounts over linkedShare.ua (a rare build says "one machine"); distinct builds,
 * both known, divide it by 1 − linkedShare.ua: distinct devices are evidence of independence. Null when either
 * account's builds are unknown.
 */
function deviceEvidence(context: AssessmentContext, other: string, n: number, policy: Policy): { words: string; factor: number } | null {
  const facts = context.weakIdentity;
  const me = facts?.accounts[context.account.id];
  const them = facts?.accounts[other];
  if (!facts || !me || !them || me.uas.length === 0 || them.uas.length === 0) return null;
  const q = policy.weakLinks.linkedShare.ua;
  const shared = me.uas.filter((u) => them.uas.includes(u));
  if (shared.length === 0) return { words: 'different browser builds', factor: round(1 / (1 - q)) };
  const holders = Math.min(...shared.map((u) => Math.max(2, facts.holders[`ua:${u}`] ?? n)));
  const factor = Math.max(Math.exp(-policy.weakLinks.maxFactorLogOdds), Math.min(1, holders / n) / q);
  return { words: `the same browser build, used by ${holders} accounts of ${n}`, factor: Number(factor.toPrecision(2)) };
}

/**
 * The exact address an account shares with the author, against chance in this shop. One person's or one home's
 * address is held by its own accounts only; a carrier's NAT address, a dorm's or an office's is held by many of the
 * shop's accounts opened at other times. Its share of the shop's accounts, leaving out the author and the accounts
 * opened within createdTogetherDays of the author that hold it (a ring must not set its own background), is
 * (other holders + 1) / (shop accounts outside the window + 1); the expected number of accounts opened in a window
 * around the author's creation holding it is (sign-ups in the window − 1) × that share, and the Poisson tail of the
 * observed count (times the windows tried: those around the author's creation that hold this account) is the chance. Holders are counted from the linked accounts (every holder
 * of an address not skipped as common is one). Null when the account shares no address with the author.
 */
function addressChance(
  l: LinkedAccount,
  context: AssessmentContext,
  inWindow: LinkedAccount[],
  windows: SignupWindow[],
  gapOf: (l: LinkedAccount) => number,
  policy: Policy,
): TogetherChance | null {
  const n = Math.max(1, context.weakIdentity?.shopAccounts ?? 0);
  const windowAll = windows[windows.length - 1]!.count;
  const holdsIp = (m: LinkedAccount, ip: string) => m.links.some((x) => x.kind === 'ip' && x.value === ip);
  let best: TogetherChance | null = null;
  const device = deviceEvidence(context, l.account.id, n, policy);
  const ips = l.links.filter((x) => x.kind === 'ip').map((x) => x.value);
  for (const ip of ips) {
    const holders = context.linkedAccounts.filter((m) => m.account.id !== context.account.id && holdsIp(m, ip));
    const tested = inWindow.filter((m) => holdsIp(m, ip)).length;
    const share = Math.min(1, (Math.max(0, holders.length - tested) + 1) / Math.max(1, n - windowAll + 1));
    // Only the windows that hold this account are tried (the rule's own window always does).
    const tried = windows.filter((w) => gapOf(l) <= w.ms);
    for (const w of tried) {
      const observed = inWindow.filter((m) => gapOf(m) <= w.ms && holdsIp(m, ip)).length;
      const expected = Math.max(0, w.count - 1) * share;
      const tail = Math.min(1, poissonTail(observed, expected) * tried.length);
      if (!best || tail < best.tail) {
        best = {
          shared: 'the same address',
          window: w.words,
          windowAccounts: w.count,
          observed,
          expected: round(expected, EVIDENCE_LIMITS.probabilityDigits),
          tail: Number(tail.toPrecision(2)),
          addressHolders: holders.length + 1,
          otherHolders: Math.max(0, holders.length - tested),
          ...(device ? { device: device.words, deviceFactor: device.factor } : {}),
          odds: Number((tail * (device?.factor ?? 1)).toPrecision(2)),
        };
      }
    }
  }
  // Two addresses shared are not one pool's coincidence: the pool test is for an account sharing one address.
  const pool = best && ips.length === 1 ? poolChance(ips[0]!, context, inWindow, device?.factor ?? 1, policy) : null;
  return best && pool ? { ...best, pool } : best;
}

/**
 * The pool's size N from H holdings of D distinct addresses (D < H), drawn at random: N·(1 − (1 − 1/N)^H) = D, solved
 * by bisection (the left side grows with N, from below D at N = D towards H).
 */
export function occupancyPoolSize(holdings: number, addresses: number): number {
  const seen = (n: number) => n * (1 - (1 - 1 / n) ** holdings);
  let lo = addresses;
  let hi = Math.max(addresses + 1, 2 * addresses);
  while (seen(hi) < addresses) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (seen(mid) < addresses) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The address the author shares with accounts opened together, against its provider block's reuse (context.addressPools,
 * policy.identity.poolMinHoldings): a block whose addresses the shop's accounts opened at other times hold over and over
 * is a pool handed round, and two strangers opened in the same days can land on one address of it. Observed: the
 * accounts of the window on one of the author's addresses of this block; expected: their window's holdings of the block
 * × the author's addresses of it ÷ the pool's size. Null when the block's use is unknown, too thin to estimate
 * (fewer holdings than poolMinHoldings) or shows no reuse at all (every holding a different address).
 */
function poolChance(ip: string, context: AssessmentContext, inWindow: LinkedAccount[], deviceFactor: number, policy: Policy): PoolChance | null {
  const pools = context.addressPools;
  const facts = pools?.[ip];
  if (!pools || !facts) return null;
  const { outsideHoldings: holdings, outsideAddresses: addresses, insideHoldings, authorAddresses } = facts;
  if (holdings < policy.identity.poolMinHoldings || addresses >= holdings || addresses === 0) return null;
  const poolSize = occupancyPoolSize(holdings, addresses);
  // The author's addresses of the same block (those a linked account shares, with the same facts).
  const sameBlock = Object.entries(pools)
    .filter(([, f]) => f.block === facts.block)
    .map(([value]) => value);
  const observed = inWindow.filter((m) => m.links.some((x) => x.kind === 'ip' && sameBlock.includes(x.value))).length;
  const expected = (insideHoldings * authorAddresses) / poolSize;
  const tail = Math.min(1, poissonTail(observed, expected));
  return {
    holdings,
    addresses,
    poolSize: round(poolSize, 1),
    windowHoldings: insideHoldings,
    authorAddresses,
    observed,
    expected: round(expected, EVIDENCE_LIMITS.probabilityDigits),
    tail: Number(tail.toPrecision(2)),
    odds: Number((tail * deviceFactor).toPrecision(2)),
  };
}

/** The address comparisons of these accounts, as evidence (`addressChance`), or nothing when none has one. */
function addressChanceEvidence(facts: CreatedTogether, accounts: { account: string }[]): { addressChance?: Record<string, TogetherChance> } {
  const compared = accounts.filter((x) => facts.address.has(x.account));
  return compared.length > 0 ? { addressChance: Object.fromEntries(compared.map((x) => [x.account, facts.address.get(x.account)!])) } : {};
}

function chanceWords(c: TogetherChance): string {
  const held = c.addressHolders !== undefined ? ` (held by ${c.addressHolders} of the shop's accounts)` : '';
  const device = c.device ? `; ${c.device} (×${c.deviceFactor}: ${c.odds})` : '';
  return `${c.observed} account${c.observed === 1 ? '' : 's'} opened within ${c.window} of this one with ${c.shared}${held}, where chance in this shop gives ${c.expected} (P = ${c.tail})${device}${c.pool ? `; ${poolWords(c.pool)}` : ''}`;
}

function poolWords(p: PoolChance): string {
  return `the provider's block hands its addresses round (the shop's accounts opened at other times used ${p.addresses} of its addresses ${p.holdings} times: a pool of about ${p.poolSize}); accounts of those days on one of this author's ${p.authorAddresses} address${p.authorAddresses === 1 ? '' : 'es'} of it: ${p.observed}, where the pool gives ${p.expected} (P = ${p.tail}, with the builds: ${p.odds})`;
}

function householdWords(h: HouseholdMarks): string {
  return `accounts opened ${h.createdHoursApart} hours apart that each have orders of their own placed days before (${h.authorOwnOrders} and ${h.theirOwnOrders}): a household`;
}

export type LinkTier = 'strong' | 'weak';
/**
 * How firmly a linked account is tied to the author, in words a moderator can check:
 * - strong: the same normalised mailbox or device, or the same ip on accounts created within createdTogetherDays of
 *   each other (one person, not a household); or a /24 and/or an uncommon browser build shared by accounts opened
 *   together far beyond what the shop's sign-ups explain (see createdTogether);
 * - weak: the same ip, or the same /24 with the same browser build (a household, an office, a rotating line); the same
 *   device or the same ip on accounts opened together when both accounts have orders of their own (a family computer,
 *   see householdMarks);
 * - null: a /24 or a browser build alone, which many strangers share.
 */
export function linkTier(l: LinkedAccount, together: CreatedTogether): { tier: LinkTier | null; reasons: string[] } {
  const kinds = new Set(l.links.map((x) => x.kind));
  const isTogether = together.together.has(l.account.id);
  const reasons: string[] = [];
  // A family computer (accounts that each order what they review) shares a device or an address like a household.
  const home = together.household.get(l.account.id);
  if (kinds.has('email_norm')) reasons.push('same mailbox');
  if (kinds.has('device') && !home) reasons.push('same device');
  const shared = kinds.has('device')
    ? 'same device'
    : kinds.has('ip')
      ? 'same ip'
      : kinds.has('ip_prefix') && kinds.has('ua')
        ? 'same /24 network and browser build'
        : null;
  const network = shared && home ? `${shared}, ${householdWords(home)}` : shared;
  const c = together.chance.get(l.account.id);
  // An address shared by accounts opened together: one person unless the shop's other accounts share it too.
  const a = together.address.get(l.account.id);
  const addressTogether = kinds.has('ip') && isTogether && !together.addressExplained.has(l.account.id) && !home;
  if (addressTogether) reasons.push(`same ip, accounts created within ${together.windowDays} days${a ? `: ${chanceWords(a)}` : ''}`);
  // A /24 and/or an uncommon build on accounts opened together: strong only when chance in this shop does not explain it.
  else if (c && isTogether && !home) reasons.push(chanceWords(c));
  if (reasons.length > 0) return { tier: 'strong', reasons };
  const why = [a ? `${network}, ${chanceWords(a)}` : network, ...(c ? [chanceWords(c)] : [])];
  if (network) return { tier: 'weak', reasons: why.filter((x): x is string => !!x) };
  return { tier: null, reasons: [] };
}

/**
 * Accounts tied to the author by a link that says "same person or same home" (linkTier strong or weak, except a /24
 * alone, even on accounts opened in one batch). Coordination
 * evidence about them argues for 'sockpuppet' only. Accounts that share just a /24 or a browser build (tier null)
 * are ambiguous: one person rotating addresses, or a farm renting one block of addresses. Evidence about those
 * counts for both 'sockpuppet' and 'paid', and the other families decide which label is held.
 */
export function personallyLinkedAccountIds(
  context: AssessmentContext,
  policy: Policy,
  together: CreatedTogether = createdTogether(context, policy),
): Set<string> {
  // Accounts opened in one batch on one /24 (and nothing else shared) are a person or a farm renting addresses:
  // ambiguous, so they count for both labels like other loose links.
  const batchOnly = (l: LinkedAccount) => l.links.every((x) => x.kind === 'ip_prefix');
  return new Set(context.linkedAccounts.filter((l) => l.links.length > 0 && !batchOnly(l) && linkTier(l, together).tier !== null).map((l) => l.account.id));
}

/**
 * A network value shared by many linked accounts that review unrelated things is a shared network (mobile NAT,
 * office, café): its weight is scaled by the share of its holders that review the same product.
 */
function linkStrength(
  l: LinkedAccount,
  together: CreatedTogether,
  purity: (k: string) => number,
  policy: Policy,
): { strength: number; createdTogether: boolean } {
  const LINK_STRENGTH: Record<IdentifierKind, number> = { ...policy.identity.linkStrength, ip_block: 0 };
  let miss = 1;
  for (const x of l.links) miss *= 1 - LINK_STRENGTH[x.kind] * (x.kind === 'email_norm' || x.kind === 'device' ? 1 : purity(`${x.kind}:${x.value}`));
  // The same /24 and the same browser build together are one machine on a rotating address: as telling as one ip.
  const prefix = l.links.find((x) => x.kind === 'ip_prefix');
  const ua = l.links.find((x) => x.kind === 'ua');
  if (prefix && ua && !l.links.some((x) => x.kind === 'ip')) {
    const both = Math.min(purity(`ip_prefix:${prefix.value}`), purity(`ua:${ua.value}`));
    miss = Math.min(miss, 1 - LINK_STRENGTH.ip * both);
  }
  // Opened together: a personal link, or a /24 or build shared beyond what the shop's sign-ups explain.
  const isTogether = together.together.has(l.account.id);
  if (isTogether) miss *= 1 - policy.identity.createdTogetherBoost;
  return { strength: 1 - miss, createdTogether: isTogether };
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
  const togetherFacts = createdTogether(context, policy, submission);
  const purity = (k: string) => ((involvedHolders.get(k) ?? 0) + 1) / ((holders.get(k) ?? 0) + 1);
  for (const l of context.linkedAccounts) {
    if (l.account.id === submission.accountId || l.links.length === 0) continue;
    const reviews = l.reviews.filter((r) => r.id !== submission.id && r.status !== 'pending');
    // Two people of one household who each ordered the product days before wrote about two purchases.
    const bothBought = (r: { orderAt?: Date | null; at: Date }) => authorBought && isOrderedDaysBefore(r);
    const sameProduct = reviews.filter((r) => r.productId === submission.productId && !bothBought(r)).map((r) => r.id);
    const sameMerchant = reviews.filter((r) => r.productId !== submission.productId && r.merchantId === submission.merchantId).map((r) => r.id);
    if (sameProduct.length === 0 && sameMerchant.length === 0) continue;
    const { strength, createdTogether } = linkStrength(l, togetherFacts, purity, policy);
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
        // Accounts that share nothing with this one but a /24 many other accounts use: a place (a region's provider), not a hand.
        ...placeOnlyEvidence(involved, context, policy),
        // Shared addresses on accounts opened together, against chance in this shop (observed, expected, builds).
        ...addressChanceEvidence(togetherFacts, involved),
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
        `${together.length} linked account${together.length > 1 ? 's were' : ' was'} created within ${togetherFacts.windowDays} days of this one${together.some((x) => togetherFacts.chance.has(x.account)) ? ', more sharing a network or browser build than chance in this shop explains' : ''}${together.some((x) => togetherFacts.address.has(x.account)) ? ", on an address the shop's other accounts do not explain" : ''}.`,
        {
          accounts: together.map((x) => x.account),
          windowDays: togetherFacts.windowDays,
          chance: Object.fromEntries(together.filter((x) => togetherFacts.chance.has(x.account)).map((x) => [x.account, togetherFacts.chance.get(x.account)!])),
          ...addressChanceEvidence(togetherFacts, together),
          reviews: together.flatMap((x) => x.sameProduct),
        },
      ),
    );
  }
  return out;
}

/**
 * The linked accounts tied to the author only by identifiers that name a place (policy.corroboration.
 * sharedCoordinationPlaceIdentifiers, a /24 network) that many of the shop's accounts use beyond the linked ones: at
 * least placeMinOutsideShare of its holders are not linked to the author. A block only the linked accounts use is
 * theirs, not a place; a value whose holders are unknown is not a place.
 */
export function placeOnlyAccountIds(context: AssessmentContext, policy: Policy): Set<string> {
  const kinds = policy.corroboration.sharedCoordinationPlaceIdentifiers ?? [];
  const minOutside = policy.corroboration.placeMinOutsideShare;
  if (kinds.length === 0 || minOutside === undefined) return new Set();
  const linkedHolding = new Map<string, number>();
  for (const l of context.linkedAccounts) {
    for (const x of l.links) {
      const key = `${x.kind}:${x.value}`;
      linkedHolding.set(key, (linkedHolding.get(key) ?? 0) + 1);
    }
  }
  const isPlace = (kind: string, key: string) => {
    const holders = context.weakIdentity?.holders[key];
    if (!kinds.includes(kind) || holders === undefined || holders <= 0) return false;
    // The author holds it too.
    const outside = holders - (linkedHolding.get(key) ?? 0) - 1;
    return outside / holders >= minOutside;
  };
  return new Set(
    context.linkedAccounts.filter((l) => l.links.length > 0 && l.links.every((x) => isPlace(x.kind, `${x.kind}:${x.value}`))).map((l) => l.account.id),
  );
}

/**
 * Accounts sharing an identifier with the author, less those tied only by a place (placeOnlyAccountIds): strangers of
 * one region, whose wording is judged as strangers' is, not as one hand's.
 */
export function linkedBeyondPlaceAccountIds(context: AssessmentContext, policy: Policy): Set<string> {
  const placeOnly = placeOnlyAccountIds(context, policy);
  return new Set([...linkedAccountIds(context)].filter((id) => !placeOnly.has(id)));
}

/** `placeOnly` evidence: the involved accounts placeOnlyAccountIds names (assess.ts leaves them out of shared coordination). */
function placeOnlyEvidence(involved: { account: string }[], context: AssessmentContext, policy: Policy): { placeOnly?: string[] } {
  const place = placeOnlyAccountIds(context, policy);
  const placeOnly = involved.filter((x) => place.has(x.account)).map((x) => x.account);
  return placeOnly.length > 0 ? { placeOnly } : {};
}
