// Identity evidence from several weak links combined against chance. A ring that shares no single identifier
// still leaves marks: accounts opened minutes apart, e-mail local parts of one pattern, one browser build, one /24
// network. Each mark alone is common (a popular build, a carrier range, a sale-day sign-up wave), so
// each is a factor of a likelihood ratio: how often one operator's accounts show it (policy.weakLinks.linkedShare)
// against how often two accounts of this shop show it by chance: holders of the build or /24 among the shop's
// accounts (a popular build or a carrier range says little), the accounts opened within the narrowest window (minutes,
// hours, days) that holds the two creation times (a sale day opens many accounts within hours; in a quiet week two
// accounts a day apart are rare). The chance is taken from the whole shop, not from this product's other
// reviewers: a ring that makes up most of a product's reviewers would otherwise set its own background. The
// log-ratios add up (a missing mark counts against), and a pair is linked when at least minFactors marks agree
// and the sum beats minLogOdds plus the log of the accounts tested (many candidates, more chances of a fluke).
// Addresses are compared for equality only (ip, /24): storage keeps them as keyed hashes, so "sequential addresses"
// show up as one /24, not as neighbouring numbers.
import type { AssessmentContext, PriorReview, SignalResult, Submission, WeakIdentityFacts } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { emailNumber, emailShape, emailStem, jaroWinkler, localPartPattern } from '../text-tools.js';
import { clamp01, DAY_MS, HOUR_MS, isOrderedDaysBefore, isOther, MINUTE_MS, round, signalResult } from './signal-result.js';

type Mark = 'creation' | 'email' | 'ua' | 'network';
type Identity = WeakIdentityFacts['accounts'][string];

export interface MarkEvidence {
  mark: Mark;
  /** What was seen, in words a moderator can check. */
  observed: string;
  /** Share of account pairs expected to show the mark by chance, and of one operator's accounts. */
  chanceShare: number;
  linkedShare: number;
  logOdds: number;
}

export interface PairScore {
  account: string;
  matched: MarkEvidence[];
  /** Log-ratios of the marks not shown (each counts against a link). */
  missing: { mark: Mark; logOdds: number }[];
  logOdds: number;
}

/** The /24 both accounts used, the one held by the fewest accounts. */
function sharedPrefix(a: Identity, b: Identity, holdersOf: (k: string) => number): string | null {
  const both = [...new Set(a.prefixes)].filter((p) => b.prefixes.includes(p));
  return both.sort((x, y) => holdersOf(`ip_prefix:${x}`) - holdersOf(`ip_prefix:${y}`) || (x < y ? -1 : 1))[0] ?? null;
}

function similarEmails(a: Identity, b: Identity, policy: Policy): number | null {
  const pa = localPartPattern(a.email);
  const pb = localPartPattern(b.email);
  if (pa.length < policy.weakLinks.minEmailPattern || pb.length < policy.weakLinks.minEmailPattern) return null;
  const s = jaroWinkler(pa, pb);
  return s >= policy.weakLinks.emailMinSimilarity ? s : null;
}

/**
 * The e-mail mark of a pair, with its chance: the same shape (and, when both carry a number, numbers that close), or
 * the same opening, each as often as the shop's accounts hold it (the rarest counts); or local parts alike by
 * Jaro–Winkler, at the policy's prior share.
 */
function emailMark(a: Identity, b: Identity, holdersOf: (k: string) => number, n: number, policy: Policy): { observed: string; chance: number } | null {
  const w = policy.weakLinks;
  const found: { observed: string; chance: number }[] = [];
  const shape = emailShape(a.email);
  if (shape !== null && shape === emailShape(b.email)) {
    const h = holdersOf(`email_shape:${shape}`);
    found.push({ observed: `e-mail addresses of one shape "${shape}", held by ${h} accounts of ${n}`, chance: h / n });
    // Numbered in one run: the accounts of that shape whose numbers lie as close to the author's as the other's do.
    const near = emailNearKey(a.email, b.email);
    if (near !== null) {
      const k = holdersOf(near.key);
      found.push({
        observed: `e-mail addresses of one shape "${shape}" numbered ${near.numbers[0]} and ${near.numbers[1]}, as close as ${k} accounts of ${n}`,
        chance: k / n,
      });
    }
  }
  const stem = emailStemOf(a.email, policy);
  if (stem !== null && stem === emailStemOf(b.email, policy)) {
    const h = holdersOf(`email_stem:${stem}`);
    found.push({ observed: `e-mail local parts opening with "${stem}", as ${h} accounts of ${n} do`, chance: h / n });
  }
  const similarity = similarEmails(a, b, policy);
  if (similarity !== null) {
    found.push({
      observed: `e-mail local parts "${localPartPattern(a.email)}" and "${localPartPattern(b.email)}" (similarity ${round(similarity, 2)})`,
      chance: w.emailPriorShare,
    });
  }
  return found.sort((x, y) => x.chance - y.chance)[0] ?? null;
}

/**
 * For two addresses of one shape that both carry a number: the holder key of the accounts whose address has that shape
 * and a number within the pair's distance of the author's ('email_near:<shape>:<number>:<distance>'), and the numbers.
 */
export function emailNearKey(authorEmail: string, otherEmail: string): { key: string; numbers: [number, number] } | null {
  const shape = emailShape(authorEmail);
  const mine = emailNumber(authorEmail);
  const theirs = emailNumber(otherEmail);
  if (shape === null || shape !== emailShape(otherEmail) || mine === null || theirs === null) return null;
  return { key: `email_near:${shape}:${mine}:${Math.abs(mine - theirs)}`, numbers: [mine, theirs] };
}

/** The opening of an e-mail's local part as the policy reads it (emailStem). */
export function emailStemOf(email: string, policy: Policy): string | null {
  return emailStem(email, policy.weakLinks.emailStemLetters, policy.weakLinks.emailWordLetters);
}

/** The holder keys of an e-mail's marks ('email_shape:…', 'email_stem:…'), as the loaders count them. */
export function emailMarkKeys(email: string, policy: Policy): string[] {
  const shape = emailShape(email);
  const stem = emailStemOf(email, policy);
  return [...(shape === null ? [] : [`email_shape:${shape}`]), ...(stem === null ? [] : [`email_stem:${stem}`])];
}

const MINUTES_PER_HOUR = HOUR_MS / MINUTE_MS;
const MINUTES_PER_DAY = DAY_MS / MINUTE_MS;

/** Creation windows around the author's creation, narrowest first, with the share of the shop's accounts opened within each. */
function creationWindows(
  s: NonNullable<AssessmentContext['signups']>,
  creationMinutes: number,
  n: number,
): { minutes: number; share: number; words: string }[] {
  // Sign-ups per minute around the author's creation, times the window, over the shop's accounts.
  const rate = s.baselineCount / (2 * s.baselineHours * MINUTES_PER_HOUR);
  const out = [{ minutes: creationMinutes, share: Math.min(1, (rate * 2 * creationMinutes) / n), words: `${creationMinutes} minutes` }];
  const hours = s.baselineHours * MINUTES_PER_HOUR;
  if (hours > creationMinutes) out.push({ minutes: hours, share: Math.min(1, s.baselineCount / n), words: `${s.baselineHours} hours` });
  if (s.togetherDays !== undefined && s.togetherCount !== undefined && s.togetherDays * MINUTES_PER_DAY > Math.max(hours, creationMinutes)) {
    out.push({ minutes: s.togetherDays * MINUTES_PER_DAY, share: Math.min(1, s.togetherCount / n), words: `${s.togetherDays} days` });
  }
  return out;
}

/** Scores the marks between the author and one other account (pure; exported for tests and explanations). */
export function scorePair(author: Identity, other: Identity, otherId: string, facts: WeakIdentityFacts, context: AssessmentContext, policy: Policy): PairScore {
  const w = policy.weakLinks;
  const q = w.linkedShare;
  const n = Math.max(1, facts.shopAccounts);
  const matched: MarkEvidence[] = [];
  const missing: { mark: Mark; logOdds: number }[] = [];
  const add = (mark: Mark, observed: string, p: number, share: number) =>
    matched.push({
      mark,
      observed,
      chanceShare: round(p, EVIDENCE_LIMITS.probabilityDigits),
      linkedShare: share,
      logOdds: round(Math.min(w.maxFactorLogOdds, Math.log(share / Math.max(p, Number.EPSILON)))),
    });
  const miss = (mark: Mark, share: number) => missing.push({ mark, logOdds: round(Math.log(1 - share)) });

  const gapMinutes = Math.abs(author.createdAt.getTime() - other.createdAt.getTime()) / MINUTE_MS;
  const s = context.signups;
  // The narrowest window around the author's creation that holds the other account's: its chance is the share of the
  // shop's accounts opened within it (within creationMinutes, the sign-up rate around the author times the window;
  // within baselineHours or togetherDays, the accounts actually opened then). A sale day that opens many accounts
  // within hours makes a gap of hours common; a quiet week makes a gap of a day rare. One operator's accounts show a
  // gap within the window at least as often as within the narrowest one, so linkedShare.creation stays the numerator.
  const window = s ? creationWindows(s, w.creationMinutes, n).find((x) => gapMinutes <= x.minutes) : undefined;
  if (window) {
    const apart =
      gapMinutes < 2 * MINUTES_PER_HOUR
        ? `${Math.round(gapMinutes)} minutes`
        : gapMinutes < 2 * MINUTES_PER_DAY
          ? `${round(gapMinutes / MINUTES_PER_HOUR, 1)} hours`
          : `${round(gapMinutes / MINUTES_PER_DAY, 1)} days`;
    add('creation', `accounts opened ${apart} apart (within ${window.words})`, window.share, q.creation);
  } else if (s) miss('creation', q.creation);

  const holdersOf = (k: string) => Math.max(2, facts.holders[k] ?? n);
  const email = emailMark(author, other, holdersOf, n, policy);
  // A mark as common among the shop's accounts as among one operator's says nothing either way.
  if (email && email.chance < q.email) add('email', email.observed, email.chance, q.email);
  else if (!email) miss('email', q.email);

  // The rarest browser build both used.
  const builds = [...new Set(author.uas)].filter((u) => other.uas.includes(u));
  const ua = builds.sort((x, y) => holdersOf(`ua:${x}`) - holdersOf(`ua:${y}`))[0];
  if (ua) {
    const holders = holdersOf(`ua:${ua}`);
    add('ua', `the same browser build, used by ${holders} accounts of ${n}`, holders / n, q.ua);
  } else miss('ua', q.ua);

  // The /24 both used: a home line or a rented block is specific, a carrier range or a campus is not.
  const prefix = sharedPrefix(author, other, holdersOf);
  if (prefix) {
    const holders = holdersOf(`ip_prefix:${prefix}`);
    add('network', `the same /24 network, used by ${holders} accounts of ${n}`, holders / n, q.subnet);
  } else miss('network', q.subnet);

  const logOdds = round([...matched.map((m) => m.logOdds), ...missing.map((m) => m.logOdds)].reduce((a, b) => a + b, 0));
  return { account: otherId, matched, missing, logOdds };
}

export function weakLinkSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const facts = context.weakIdentity;
  const author = facts?.accounts[submission.accountId];
  if (submission.kind !== 'review' || !facts || !author) return [];
  const w = policy.weakLinks;
  // Other accounts that reviewed this product (a ring reviews the same product), and accounts already linked to the
  // author by a shared identifier that reviewed another of this merchant's products within ± merchantWindowDays (a
  // ring serving one merchant spreads over its products). Two buyers who each ordered days before wrote about two
  // purchases (independence is evidence), so such pairs are not tested.
  const authorBought = isOrderedDaysBefore(submission);
  const coReviews = new Map<string, string[]>();
  const otherProducts = new Set<string>();
  // productRecentReviews are all of this product, so only a linked account's review can be of another one.
  const ofMerchantNearby = (r: PriorReview) =>
    w.merchantWindowDays !== undefined &&
    r.merchantId === submission.merchantId &&
    Math.abs(r.at.getTime() - submission.at.getTime()) <= w.merchantWindowDays * DAY_MS;
  const note = (r: PriorReview) => {
    if (!isOther(r, submission) || r.accountId === submission.accountId) return;
    const sameProduct = r.productId === submission.productId;
    if (!sameProduct && !ofMerchantNearby(r)) return;
    if (authorBought && isOrderedDaysBefore(r)) return;
    if (!sameProduct) otherProducts.add(r.productId);
    const list = coReviews.get(r.accountId) ?? [];
    if (!list.includes(r.id)) list.push(r.id);
    coReviews.set(r.accountId, list);
  };
  for (const r of context.productRecentReviews) note(r);
  for (const l of context.linkedAccounts) for (const r of l.reviews) note(r);
  const tested = [...coReviews.keys()].filter((id) => facts.accounts[id]).sort();
  if (tested.length === 0) return [];

  const threshold = w.minLogOdds + Math.log(tested.length);
  const linked: PairScore[] = [];
  for (const id of tested) {
    // Accounts that used one address are shared-identity's case (a household, a shared computer, a ring on one
    // line): this check is for accounts that share no single identifier, so a pair is never counted twice.
    if (author.ips.some((ip) => facts.accounts[id]!.ips.includes(ip))) continue;
    const pair = scorePair(author, facts.accounts[id]!, id, facts, context, policy);
    if (pair.matched.length >= w.minFactors && pair.logOdds >= threshold) linked.push(pair);
  }
  if (linked.length === 0) return [];
  linked.sort((a, b) => b.logOdds - a.logOdds || (a.account < b.account ? -1 : 1));
  const best = linked[0]!.logOdds;
  const strength = clamp01(
    w.strengthBase + w.strengthSpan * clamp01((best - threshold) / (w.fullLogOdds - w.minLogOdds)) + w.perExtraAccount * (linked.length - 1),
  );
  const where = otherProducts.size > 0 ? `this product or another of this merchant's within ${w.merchantWindowDays} days` : 'this product';
  const summary = `${linked.length} other account${linked.length > 1 ? 's' : ''} reviewing ${where} share${linked.length > 1 ? '' : 's'} several weak marks with this one (${[...new Set(linked.flatMap((p) => p.matched.map((m) => m.mark)))].join(', ')}), far more than chance in this shop explains.`;
  return [
    signalResult(policy, 'weak-link-combination', 'identity', 'sockpuppet', strength, summary, {
      accounts: linked.map((p) => p.account),
      reviews: linked.flatMap((p) => coReviews.get(p.account) ?? []),
      pairs: linked.map((p) => ({ account: p.account, logOdds: p.logOdds, marks: p.matched, missing: p.missing })),
      threshold: round(threshold),
      accountsTested: tested.length,
      shopAccounts: facts.shopAccounts,
      ...(otherProducts.size > 0 ? { otherProductsOfMerchant: [...otherProducts].sort() } : {}),
    }),
  ];
}
