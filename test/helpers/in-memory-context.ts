// Reference implementation of loadContext + replay, in memory. The SQL loadContext should return the same lists:
//
// For a submission S by account A on product P of merchant M at time T (all lists exclude S itself and pending
// reviews; "reviews" means every stored review in any other state: published, held, rejected, removed):
// - accountReviews: A's reviews, newest first, cap accountReviewsCap.
// - accountRecentPosts: A's posts with at in [T − recentPostsHours, T), newest first.
// - textCandidates: reviews (any account, A included) sharing ≥ 1 key of lshBands(S's title+"\n"+body) — the 16
//   MinHash bands plus one "s:" key per sentence of ≥ SENTENCE_KEY_MIN_WORDS words — ordered by number of shared
//   keys desc, then newest first, cap textCandidatesCap. Per key at most textKeyFanoutCap reviews are read (the
//   lowest ids, S excluded), before the state filter.
// - linkedAccounts: A's identifier values = identifiersFor(account email/ip/ua at creation) ∪ identifiersFor(ip/ua
//   of each of A's reviews, S included). A value held by more than commonIdentifierAccountLimit accounts is
//   skipped. Other accounts holding a remaining value, each with the shared values as `links`, ordered by number
//   of links desc then account id, cap linkedAccountsCap; each with its reviews newest first, cap linkedReviewsCap.
//   Creation burst: an ip_prefix value skipped as common still links the holders that were opened in a batch with A:
//   accounts created within ± creationBurstHours of A's creation whose first use of that value (first_seen) is in the
//   same window, when there are at most creationBurstAccountLimit of them (A excluded); otherwise none.
// - product: name = P's name (products.name; the product event's name); reviewCount/ratingSum = published reviews
//   of P with at < T; firstReviewAt = earliest review of P (any state); daily = per UTC day in [day(T) − productDailyDays, day(T)], days with ≥ 1 review only, oldest
//   first, counting reviews of any state.
// - productRecentReviews: reviews of P with |at − T| ≤ productWindowDays, closest in time first, cap
//   productRecentCap. These (and only these) carry authorCreatedAt, the creation time of the author's account.
// - poolReviewerHistories (policies with graph.poolProductDays and poolReviewersCap): the other authors of reviews of P
//   with |at − T| ≤ poolProductDays (S and pending excluded), each by its closest review (ties by review id), closest
//   first, not in reviewerHistories, up to poolReviewersCap accounts; their reviews like reviewerHistories. (The SQL
//   loader reads them only when A reviewed another product within graph.campaignDays: the test needs one.)
// - reviewerHistories: for the distinct authors of productRecentReviews (in that order) then linked accounts,
//   excluding A, up to reviewerHistoriesAccountsCap accounts: their reviews newest first, cap reviewerHistoriesCap.
// - merchant: domain and the accounts whose staffOf is M.
// - weakIdentity: shopAccounts = accounts created at or before T; accounts = A and the reviewerHistories accounts
//   (that list, capped), each with createdAt, email, and its 'ip', 'ip_prefix' and 'ua' identifier values (sorted); holders =
//   for each 'ua' or 'ip_prefix' value A holds that another of those accounts also holds, its number of holders
//   (up to 1000), keyed 'ua:<value>' / 'ip_prefix:<value>'.
//   With a shared shape, also 'email_domain:<domain>': the accounts on the author's e-mail domain (up to
//   emailGroups.domainHoldersCap).
// - orderDelays: the order→review delays (hours) of the farms.delaySampleSize most recent stored reviews backed by an
//   order (S and pending excluded), newest first, ties by id descending; productOrders (when S has an order): the
//   stored orders of P by accounts other than A within ± orderBandHours (near) and ± orderRateDays (wide) of S's order,
//   and firstAt, the earliest stored order of P (any account).
// - throwaways (only when S has no order and A was opened at most throwaways.accountHours before T): of the shop's
//   throwaways.baselineSize most recent stored reviews (S and pending excluded), newest first, ties by id descending,
//   how many had no order and were posted at most accountHours after their account's opening (not before it).
// - popularity: reviews (product_daily, shop_daily) per UTC day in [day(T) − campaignDays, day(T + campaignDays)]
//   of the stored reviews (a re-assessment sees those stored since T); merchantReviews: of all products of M;
//   productReviewsNear: per product of coReviewDayRanges(S, accountReviews), its reviews on those day ranges.
// Windows are symmetric around T where they look at other people's reviews, so a re-assessment sees evidence that
// arrived after T. Re-assessment: when a verdict names reviews in `reopen`, each of those still published or held
// is assessed again with a fresh context and now = the time of the triggering review (first in, first out, one
// pending job per review, claimed in batches, as the job table does).
// - published: if the new verdict is held or rejected it replaces the old one as 'held' (a re-check never rejects)
//   and its own `reopen` is processed the same way.
// - held (there are no moderators here; storage skips anything a moderator decided): if the new verdict is held or
//   rejected with different labels, it replaces the old one as 'held' (labels and score); its `reopen` is not
//   followed. A published verdict or the same labels change nothing. A re-check never publishes.
import type {
  AccountFacts,
  AddressPoolFacts,
  AssessmentContext,
  Identifier,
  LinkedAccount,
  PriorReview,
  ProductDay,
  ProductHistoryFacts,
  RecentPost,
  Submission,
  TextModel,
  Verdict,
} from '../../server/integrity/types.js';
import type { Policy } from '../../server/integrity/policy.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import { assess } from '../../server/integrity/assess.js';
import { jointHolderKey } from '../../server/integrity/signals/neighbourhood-drip.js';
import { coReviewDayRanges } from '../../server/integrity/signals/reviewer-graph.js';
import { isThrowawayReview, isThrowawaySubmission } from '../../server/integrity/signals/throwaway-cohort.js';
import { REASSESSMENT_BATCH } from '../../server/reviews/integrity-gate.js';
import { identifiersFor, ipBlock } from '../../server/integrity/identity-keys.js';
import { lshBands, textStatKeys } from '../../server/integrity/text-fingerprint.js';
import { emailMarkKeys, emailNearKey } from '../../server/integrity/signals/weak-links.js';
import { emailDomain, emailNumber, emailShape } from '../../server/integrity/text-tools.js';
import type { ReplayEvent } from '../fixtures/scenario-generator.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Reviews read past the sample size before sorting, so that ties in time are ordered like the SQL query orders them. */
const DELAY_SAMPLE_SLACK = 20;

interface StoredReview {
  prior: PriorReview;
  submission: Submission;
  verdict: Verdict;
}

export interface VerdictLine {
  id: string;
  decision: Verdict['decision'];
  labels: Verdict['labels'];
  score: number;
  reasons: { signal: string; label: string | null; weight: number; evidence: Record<string, unknown> }[];
}

export interface InMemoryReplay {
  apply(event: ReplayEvent): void;
  /** Final verdicts in input order. */
  verdicts(): VerdictLine[];
  contextFor(submission: Submission): AssessmentContext;
  review(id: string): StoredReview | undefined;
  reassessments: number;
}

const key = (i: Identifier) => `${i.kind}\u0000${i.value}`;
const sameLabels = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export function createInMemoryReplay(policy: Policy = defaultPolicy, model: TextModel | null = null): InMemoryReplay {
  const c = policy.context;
  const merchants = new Map<string, { id: string; domain: string | null }>();
  const products = new Map<string, { id: string; merchantId: string; name: string; category: string }>();
  // Text key statistics like text_key_docs / text_scope_docs: scope ('p:…', 'c:…') → reviews, and scope+key → reviews.
  const scopeDocs = new Map<string, number>();
  const keyDocs = new Map<string, number>();
  const accounts = new Map<string, AccountFacts>();
  /** 'email_shape:…' / 'email_stem:…' → accounts holding it (like candor_email_shape / candor_email_stem counts). */
  const emailMarkHolders = new Map<string, number>();
  /** Accounts per e-mail domain (like candor_email_domain counts). */
  const emailDomainHolders = new Map<string, number>();
  /** Each e-mail shape's numbers (emailNumber), as the index on candor_email_shape and candor_email_number holds them. */
  const emailNumbers = new Map<string, number[]>();
  const orders = new Map<string, { accountId: string; productId: string; at: Date }>();
  /** Each product's orders in the order they were stored (orders_product_ordered). */
  const ordersByProduct = new Map<string, { accountId: string; at: number }[]>();
  const reviews = new Map<string, StoredReview>();
  const order: string[] = [];
  const byAccount = new Map<string, StoredReview[]>();
  const byProduct = new Map<string, StoredReview[]>();
  const identifierAccounts = new Map<string, Set<string>>();
  const accountIdentifiers = new Map<string, Map<string, Identifier>>();
  /** Each provider block's addresses per account (the block column of 'ip' rows): block → account → addresses. */
  const blockAddresses = new Map<string, Map<string, Set<string>>>();
  /** First time each account was seen with each identifier value: account → key → ms. */
  const firstSeen = new Map<string, Map<string, number>>();
  const bandIndex = new Map<string, string[]>();
  const staffOf = new Map<string, string[]>();
  /** Counts of stored reviews per product and day, and per day in the shop (product_daily and shop_daily). */
  const productDays = new Map<string, Map<string, number>>();
  const shopDays = new Map<string, number>();
  /** Reviews backed by an order, in the order they were stored (the shop's order→review delays). */
  const withOrder: StoredReview[] = [];
  /** Every stored review, in the order stored (the shop's share of throwaway accounts' reviews). */
  const allStored: StoredReview[] = [];
  /** Account creation times, ascending (accounts.created_at index). */
  const creations: number[] = [];
  let reassessments = 0;
  const dayKey = (t: number) => new Date(t).toISOString().slice(0, 10);
  const sumDays = (m: Map<string, number> | undefined, from: string, to: string) => {
    let n = 0;
    for (const [d, c] of m ?? []) if (d >= from && d <= to) n += c;
    return n;
  };
  const lowerBound = (t: number) => {
    let lo = 0;
    let hi = creations.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (creations[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const createdBetween = (from: number, to: number) => Math.max(0, lowerBound(to + 1) - lowerBound(from));

  const listOf = <K, V>(m: Map<K, V[]>, k: K) => {
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    return l;
  };

  const recordIdentifiers = (accountId: string, ids: Identifier[], at: Date) => {
    const mine = accountIdentifiers.get(accountId) ?? new Map<string, Identifier>();
    accountIdentifiers.set(accountId, mine);
    const seen = firstSeen.get(accountId) ?? new Map<string, number>();
    firstSeen.set(accountId, seen);
    for (const i of ids) {
      const k = key(i);
      mine.set(k, i);
      seen.set(k, Math.min(seen.get(k) ?? Infinity, at.getTime()));
      let s = identifierAccounts.get(k);
      if (!s) identifierAccounts.set(k, (s = new Set()));
      s.add(accountId);
      const block = i.kind === 'ip' ? ipBlock(i.value) : null;
      if (block) {
        const byAccount = blockAddresses.get(block) ?? new Map<string, Set<string>>();
        blockAddresses.set(block, byAccount);
        byAccount.set(accountId, (byAccount.get(accountId) ?? new Set()).add(i.value));
      }
    }
  };

  const newestFirst = (a: StoredReview, b: StoredReview) => b.prior.at.getTime() - a.prior.at.getTime();
  const visible = (r: StoredReview, s: Submission) => r.prior.id !== s.id && r.prior.status !== 'pending';

  /** Drift: the product's reviewers over ± windowDays with their 'ip', 'ip_block', 'ua' values, and holder counts. */
  function productHistoryFor(s: Submission, productAll: StoredReview[], d: NonNullable<Policy['drift']>): ProductHistoryFacts {
    const T = s.at.getTime();
    const valuesOf = (id: string, kind: Identifier['kind']) =>
      [...(accountIdentifiers.get(id)?.values() ?? [])]
        .filter((i) => i.kind === kind)
        .map((i) => i.value)
        .sort();
    const near = productAll
      .filter((r) => r.prior.accountId !== s.accountId && Math.abs(r.prior.at.getTime() - T) <= d.windowDays * DAY)
      .sort((a, b) => Math.abs(a.prior.at.getTime() - T) - Math.abs(b.prior.at.getTime() - T) || (a.prior.id < b.prior.id ? -1 : 1))
      .slice(0, d.reviewsCap);
    const reviewers: ProductHistoryFacts['reviewers'] = {};
    for (const r of near) {
      const id = r.prior.accountId;
      reviewers[id] ??= { reviews: [], ips: valuesOf(id, 'ip'), blocks: valuesOf(id, 'ip_block'), uas: valuesOf(id, 'ua') };
      reviewers[id].reviews.push({ id: r.prior.id, at: r.prior.at, orderAt: r.prior.orderAt ?? null, text: { title: r.prior.title, body: r.prior.body } });
    }
    const author = { ips: valuesOf(s.accountId, 'ip'), blocks: valuesOf(s.accountId, 'ip_block'), uas: valuesOf(s.accountId, 'ua') };
    const holders: Record<string, number> = {};
    const others = Object.values(reviewers);
    for (const block of author.blocks) {
      if (!others.some((o) => o.blocks.includes(block))) continue;
      const onBlock = identifierAccounts.get(key({ kind: 'ip_block', value: block }))!;
      holders[`ip_block:${block}`] = Math.min(1000, onBlock.size);
      for (const ua of author.uas) {
        if (!others.some((o) => o.blocks.includes(block) && o.uas.includes(ua))) continue;
        const withBuild = identifierAccounts.get(key({ kind: 'ua', value: ua }))!;
        holders[jointHolderKey(block, ua)] = Math.min(1000, [...onBlock].filter((id) => withBuild.has(id)).length);
      }
    }
    // Texts come along only for reviewers holding a counted block (fewer than maxHolders) with one of the author's
    // builds on it (as the loader's query: see ProductHistoryFacts).
    const tested = (o: (typeof others)[number]) =>
      author.blocks.some(
        (b) =>
          o.blocks.includes(b) &&
          (identifierAccounts.get(key({ kind: 'ip_block', value: b }))?.size ?? 0) < d.maxHolders &&
          author.uas.some((u) => o.uas.includes(u)),
      );
    for (const o of others) if (!tested(o)) for (const r of o.reviews) delete r.text;
    return { windowDays: d.windowDays, author, reviewers, holders };
  }

  function contextFor(s: Submission): AssessmentContext {
    const capped: string[] = [];
    const cap = <T>(name: string, list: T[], n: number): T[] => {
      if (list.length > n) {
        capped.push(name);
        return list.slice(0, n);
      }
      return list;
    };
    const T = s.at.getTime();
    const account = accounts.get(s.accountId)!;

    const own = (byAccount.get(s.accountId) ?? []).filter((r) => visible(r, s)).sort(newestFirst);
    const accountReviews = cap(
      'accountReviews',
      own.map((r) => r.prior),
      c.accountReviewsCap,
    );
    const accountRecentPosts: RecentPost[] = own
      .filter((r) => r.prior.at.getTime() < T && r.prior.at.getTime() >= T - c.recentPostsHours * HOUR)
      .map((r) => ({ id: r.prior.id, kind: 'review', at: r.prior.at, textLength: r.prior.title.length + r.prior.body.length }));

    const bandHits = new Map<string, number>();
    const fanout = c.textKeyFanoutCap ?? Infinity;
    for (const b of lshBands(`${s.title}\n${s.body}`)) {
      const ids = (bandIndex.get(b) ?? []).filter((id) => id !== s.id);
      if (ids.length > fanout) ids.sort();
      for (const id of ids.slice(0, fanout)) bandHits.set(id, (bandHits.get(id) ?? 0) + 1);
    }
    const textCandidates = cap(
      'textCandidates',
      [...bandHits.entries()]
        .map(([id, n]) => ({ r: reviews.get(id)!, n }))
        .filter((x) => visible(x.r, s))
        .sort((a, b) => b.n - a.n || newestFirst(a.r, b.r))
        .map((x) => x.r.prior),
      c.textCandidatesCap,
    );

    const links = new Map<string, LinkedAccount['links']>();
    // When both accounts had been seen with the value (the later first sighting), as loadLinkedIdentifiers reads it.
    const linkSince = (other: string, k: string) => new Date(Math.max(firstSeen.get(s.accountId)!.get(k)!, firstSeen.get(other)!.get(k)!));
    for (const [k, ident] of accountIdentifiers.get(s.accountId) ?? []) {
      if (ident.kind === 'ip_block') continue;
      const holders = identifierAccounts.get(k)!;
      if (holders.size > c.commonIdentifierAccountLimit) {
        if (ident.kind !== 'ip_prefix') continue;
        const created = account.createdAt.getTime();
        const w = c.creationBurstHours * HOUR;
        const batch = [...holders].filter(
          (o) => o !== s.accountId && Math.abs(accounts.get(o)!.createdAt.getTime() - created) <= w && Math.abs(firstSeen.get(o)!.get(k)! - created) <= w,
        );
        if (batch.length > c.creationBurstAccountLimit) continue;
        for (const other of batch) listOf(links, other).push({ ...ident, since: linkSince(other, k) });
        continue;
      }
      for (const other of holders) if (other !== s.accountId) listOf(links, other).push({ ...ident, since: linkSince(other, k) });
    }
    const linkedAccounts: LinkedAccount[] = cap(
      'linkedAccounts',
      [...links.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)),
      c.linkedAccountsCap,
    ).map(([id, l]) => ({
      account: accounts.get(id)!,
      links: l,
      reviews: (byAccount.get(id) ?? [])
        .filter((r) => visible(r, s))
        .sort(newestFirst)
        .slice(0, c.linkedReviewsCap)
        .map((r) => r.prior),
    }));

    const productAll = (byProduct.get(s.productId) ?? []).filter((r) => visible(r, s));
    const published = productAll.filter((r) => r.prior.status === 'published' && r.prior.at.getTime() < T);
    const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
    const fromDay = dayOf(T - c.productDailyDays * DAY);
    const toDay = dayOf(T);
    const days = new Map<string, ProductDay>();
    for (const r of productAll) {
      const d = dayOf(r.prior.at.getTime());
      if (d < fromDay || d > toDay) continue;
      const e = days.get(d) ?? { day: d, count: 0, ratingSum: 0, verifiedCount: 0 };
      e.count++;
      e.ratingSum += r.prior.rating;
      if (r.prior.verified) e.verifiedCount++;
      days.set(d, e);
    }
    const first = productAll.reduce<Date | null>((m, r) => (!m || r.prior.at < m ? r.prior.at : m), null);
    const productRecent = cap(
      'productRecentReviews',
      productAll
        .filter((r) => Math.abs(r.prior.at.getTime() - T) <= c.productWindowDays * DAY)
        .sort((a, b) => Math.abs(a.prior.at.getTime() - T) - Math.abs(b.prior.at.getTime() - T))
        .map((r) => ({ ...r.prior, authorCreatedAt: accounts.get(r.prior.accountId)!.createdAt })),
      c.productRecentCap,
    );

    const historyAccounts: string[] = [];
    for (const id of [...productRecent.map((r) => r.accountId), ...linkedAccounts.map((l) => l.account.id)]) {
      if (id !== s.accountId && !historyAccounts.includes(id)) historyAccounts.push(id);
    }
    const reviewerHistories: Record<string, PriorReview[]> = {};
    for (const id of cap('reviewerHistories', historyAccounts, c.reviewerHistoriesAccountsCap)) {
      reviewerHistories[id] = (byAccount.get(id) ?? [])
        .filter((r) => visible(r, s))
        .sort(newestFirst)
        .slice(0, c.reviewerHistoriesCap)
        .map((r) => r.prior);
    }
    let poolReviewerHistories: Record<string, PriorReview[]> | undefined;
    const g = policy.graph;
    if (g.poolProductDays !== undefined && g.poolReviewersCap !== undefined) {
      poolReviewerHistories = {};
      const around = productAll
        .filter((r) => visible(r, s) && Math.abs(r.prior.at.getTime() - T) <= g.poolProductDays! * DAY)
        .sort((a, b) => Math.abs(a.prior.at.getTime() - T) - Math.abs(b.prior.at.getTime() - T) || (a.prior.id < b.prior.id ? -1 : 1));
      const extra: string[] = [];
      for (const r of around) {
        const id = r.prior.accountId;
        if (id !== s.accountId && !(id in reviewerHistories) && !extra.includes(id)) extra.push(id);
      }
      for (const id of extra.slice(0, g.poolReviewersCap))
        poolReviewerHistories[id] = (byAccount.get(id) ?? [])
          .filter((r) => visible(r, s))
          .sort(newestFirst)
          .slice(0, c.reviewerHistoriesCap)
          .map((r) => r.prior);
    }

    const merchantId = s.merchantId;
    const m = merchants.get(merchantId);

    const identityOf = (id: string) => {
      const a = accounts.get(id)!;
      const values = [...(accountIdentifiers.get(id)?.values() ?? [])];
      const of = (k: Identifier['kind']) =>
        values
          .filter((i) => i.kind === k)
          .map((i) => i.value)
          .sort();
      return { createdAt: a.createdAt, email: a.email, ips: of('ip'), prefixes: of('ip_prefix'), uas: of('ua') };
    };
    const listed = [s.accountId, ...Object.keys(reviewerHistories)];
    const weakAccounts: NonNullable<AssessmentContext['weakIdentity']>['accounts'] = {};
    for (const id of listed) weakAccounts[id] = identityOf(id);
    const holderCounts: Record<string, number> = {};
    for (const [k, ident] of accountIdentifiers.get(s.accountId) ?? []) {
      if (ident.kind !== 'ua' && ident.kind !== 'ip_prefix') continue;
      const holders = identifierAccounts.get(k)!;
      const linked = linkedAccounts.some((l) => l.links.some((x) => x.kind === ident.kind && x.value === ident.value));
      if (linked || listed.some((id) => id !== s.accountId && holders.has(id))) holderCounts[`${ident.kind}:${ident.value}`] = Math.min(1000, holders.size);
    }
    const authorMarks = emailMarkKeys(weakAccounts[s.accountId]!.email, policy);
    for (const k of authorMarks) {
      if (listed.some((id) => id !== s.accountId && emailMarkKeys(weakAccounts[id]!.email, policy).includes(k))) {
        holderCounts[k] = Math.min(1000, emailMarkHolders.get(k) ?? 0);
      }
    }
    // The author's domain, counted with a shared shape (as loadWeakIdentity does).
    const authorShape = emailShape(weakAccounts[s.accountId]!.email);
    const authorDomain = emailDomain(weakAccounts[s.accountId]!.email);
    if (policy.emailGroups && authorDomain !== null && holderCounts[`email_shape:${authorShape}`] !== undefined) {
      holderCounts[`email_domain:${authorDomain}`] = Math.min(policy.emailGroups.domainHoldersCap, emailDomainHolders.get(authorDomain) ?? 0);
    }
    for (const id of listed) {
      const near = id === s.accountId ? null : emailNearKey(weakAccounts[s.accountId]!.email, weakAccounts[id]!.email);
      if (!near) continue;
      const [mine, theirs] = near.numbers;
      const numbers = emailNumbers.get(emailShape(weakAccounts[s.accountId]!.email)!) ?? [];
      holderCounts[near.key] = Math.min(1000, numbers.filter((x) => Math.abs(x - mine) <= Math.abs(mine - theirs)).length);
    }
    const weakIdentity = { shopAccounts: createdBetween(-Infinity, T), accounts: weakAccounts, holders: holderCounts };

    const productHistory = policy.drift ? productHistoryFor(s, productAll, policy.drift) : undefined;

    // Address pools: the blocks of the author's addresses that a linked account shares.
    const addressPools: Record<string, AddressPoolFacts> = {};
    const togetherMs = policy.identity.createdTogetherDays * DAY;
    for (const ip of new Set(linkedAccounts.flatMap((l) => l.links.filter((x) => x.kind === 'ip').map((x) => x.value)))) {
      const block = ipBlock(ip);
      const byAccount = block ? blockAddresses.get(block) : undefined;
      if (!block || !byAccount) continue;
      const rows = [...byAccount.entries()].filter(([id]) => id !== s.accountId);
      if (rows.reduce((n, [, a]) => n + a.size, 0) > policy.identity.poolHoldingsCap) continue;
      const opensTogether = ([id]: [string, Set<string>]) => Math.abs(accounts.get(id)!.createdAt.getTime() - account.createdAt.getTime()) <= togetherMs;
      const outside = rows.filter((r) => !opensTogether(r));
      const inside = rows.filter(opensTogether);
      addressPools[ip] = {
        block,
        outsideHoldings: outside.reduce((n, [, a]) => n + a.size, 0),
        outsideAddresses: new Set(outside.flatMap(([, a]) => [...a])).size,
        insideHoldings: inside.reduce((n, [, a]) => n + a.size, 0),
        authorAddresses: byAccount.get(s.accountId)?.size ?? 0,
      };
    }

    // Symmetric, like the pools it is chance for: a re-assessment counts the reviews stored since T (up to campaignDays).
    const popFrom = dayKey(T - policy.graph.campaignDays * DAY);
    const popTo = dayKey(T + policy.graph.campaignDays * DAY);
    const productReviews: Record<string, number> = {};
    for (const p of new Set([s.productId, ...accountReviews.map((r) => r.productId)])) productReviews[p] = sumDays(productDays.get(p), popFrom, popTo);
    let merchantReviews = 0;
    for (const [id, p] of products) if (p.merchantId === s.merchantId) merchantReviews += sumDays(productDays.get(id), popFrom, popTo);
    const productReviewsNear: Record<string, number> = {};
    for (const [p, list] of Object.entries(coReviewDayRanges(s, accountReviews, policy)))
      productReviewsNear[p] = list.reduce((n, [a, b]) => n + sumDays(productDays.get(p), a, b < popTo ? b : popTo), 0);
    const popularity = {
      windowDays: policy.graph.campaignDays,
      shopReviews: sumDays(shopDays, popFrom, popTo),
      productReviews,
      merchantReviews,
      productReviewsNear,
    };

    const created = account.createdAt.getTime();
    const su = policy.signups;
    const signups = {
      nearMinutes: su.nearMinutes,
      nearCount: createdBetween(created - su.nearMinutes * 60_000, created + su.nearMinutes * 60_000),
      baselineHours: su.baselineHours,
      baselineCount: createdBetween(created - su.baselineHours * HOUR, created + su.baselineHours * HOUR),
      togetherDays: policy.identity.createdTogetherDays,
      togetherCount: createdBetween(created - policy.identity.createdTogetherDays * DAY, created + policy.identity.createdTogetherDays * DAY),
    };

    const staff = new Set((staffOf.get(merchantId) ?? []).filter((id) => id !== s.accountId));
    const staffLinks: NonNullable<AssessmentContext['merchant']['staffLinks']> = [];
    // As loadMerchant: identifiers the author and the staff had been seen with by the time of the review.
    const seenBy = (account: string, k: string) => (firstSeen.get(account)?.get(k) ?? Infinity) <= T;
    for (const [k, ident] of accountIdentifiers.get(s.accountId) ?? []) {
      if (ident.kind === 'ip_block' || !seenBy(s.accountId, k)) continue;
      const holders = identifierAccounts.get(k)!;
      const staffHolders = [...staff].filter((id) => holders.has(id) && seenBy(id, k)).length;
      if (staffHolders === 0) continue;
      const link: (typeof staffLinks)[number] = { kind: ident.kind, value: ident.value, holders: Math.min(1000, holders.size), staffHolders };
      // As loadMerchant: a build few accounts hold comes with each holder's addresses and /24s.
      if (ident.kind === 'ua' && link.holders <= policy.insider.buildSourcesMaxHolders) {
        link.holderNetworks = Object.fromEntries(
          [...holders].sort().map((id) => [
            id,
            [...(accountIdentifiers.get(id)?.values() ?? [])]
              .filter((i) => i.kind === 'ip' || i.kind === 'ip_prefix')
              .map((i) => `${i.kind}:${i.value}`)
              .sort(),
          ]),
        );
      }
      staffLinks.push(link);
    }
    staffLinks.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const category = products.get(s.productId)?.category ?? 'general';
    const productKeyDocs: Record<string, number> = {};
    const categoryKeyDocs: Record<string, number> = {};
    // A review already counted (a re-assessment) is taken out of the counts again, like loadTextKeyStats does.
    const counted = reviews.get(s.id);
    const ownKeys = new Set(counted ? textStatKeys(`${counted.prior.title}\n${counted.prior.body}`, policy.text.chance) : []);
    const self = counted ? 1 : 0;
    for (const k of textStatKeys(`${s.title}\n${s.body}`, policy.text.chance)) {
      const pk = (keyDocs.get(`p:${s.productId}\u0000${k}`) ?? 0) - (ownKeys.has(k) ? self : 0);
      const ck = (keyDocs.get(`c:${category}\u0000${k}`) ?? 0) - (ownKeys.has(k) ? self : 0);
      if (pk) productKeyDocs[k] = pk;
      if (ck) categoryKeyDocs[k] = ck;
    }
    const textStats = {
      category,
      productDocs: (scopeDocs.get(`p:${s.productId}`) ?? 0) - self,
      categoryDocs: (scopeDocs.get(`c:${category}`) ?? 0) - self,
      productKeyDocs,
      categoryKeyDocs,
    };
    // The shop's most recent reviews backed by an order (newest first, ties by id descending), their delays in hours.
    const delaySample: StoredReview[] = [];
    const farms = policy.farms;
    if (farms) {
      for (let i = withOrder.length - 1; i >= 0 && delaySample.length < farms.delaySampleSize + DELAY_SAMPLE_SLACK; i--) {
        const r = withOrder[i]!;
        if (visible(r, s)) delaySample.push(r);
      }
      delaySample.sort((a, b) => b.prior.at.getTime() - a.prior.at.getTime() || (a.prior.id < b.prior.id ? 1 : a.prior.id > b.prior.id ? -1 : 0));
    }
    // The product's orders by other accounts within ± orderBandHours and ± orderRateDays of the author's order.
    let productOrders: { near: number; wide: number; firstAt: Date | null } | undefined;
    if (farms && s.orderAt) {
      const os = s.orderAt.getTime();
      productOrders = { near: 0, wide: 0, firstAt: null };
      for (const o of ordersByProduct.get(s.productId) ?? []) {
        if (!productOrders.firstAt || o.at < productOrders.firstAt.getTime()) productOrders.firstAt = new Date(o.at);
        if (o.accountId === s.accountId || Math.abs(o.at - os) > farms.orderRateDays * DAY) continue;
        productOrders.wide++;
        if (Math.abs(o.at - os) <= farms.orderBandHours * HOUR) productOrders.near++;
      }
    }
    // The shop's most recent stored reviews (newest first, ties by id descending) and its throwaway accounts' among them.
    let throwaways: { sample: number; throwaways: number } | undefined;
    const tp = policy.throwaways;
    if (tp && isThrowawaySubmission(s, account.createdAt, policy)) {
      const recent: StoredReview[] = [];
      for (let i = allStored.length - 1; i >= 0 && recent.length < tp.baselineSize + DELAY_SAMPLE_SLACK; i--) {
        const r = allStored[i]!;
        if (visible(r, s)) recent.push(r);
      }
      recent.sort((a, b) => b.prior.at.getTime() - a.prior.at.getTime() || (a.prior.id < b.prior.id ? 1 : a.prior.id > b.prior.id ? -1 : 0));
      const sample = recent.slice(0, tp.baselineSize);
      throwaways = {
        sample: sample.length,
        throwaways: sample.filter((r) => isThrowawayReview(r.prior.verified, r.prior.at, accounts.get(r.prior.accountId)!.createdAt, tp)).length,
      };
    }
    const orderDelays = farms
      ? {
          hours: delaySample.slice(0, farms.delaySampleSize).map((r) => (r.prior.at.getTime() - r.prior.orderAt!.getTime()) / HOUR),
          ...(productOrders ? { productOrders } : {}),
        }
      : undefined;
    return {
      account,
      accountReviews,
      accountRecentPosts,
      textCandidates,
      linkedAccounts,
      ...(orderDelays ? { orderDelays } : {}),
      product: {
        id: s.productId,
        merchantId,
        reviewCount: published.length,
        ratingSum: published.reduce((sum, r) => sum + r.prior.rating, 0),
        firstReviewAt: first,
        daily: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
        ...(products.get(s.productId)?.name != null ? { name: products.get(s.productId)!.name } : {}),
      },
      productRecentReviews: productRecent,
      reviewerHistories,
      ...(poolReviewerHistories ? { poolReviewerHistories } : {}),
      merchant: { id: merchantId, domain: m?.domain ?? null, staffAccountIds: staffOf.get(merchantId) ?? [], staffLinks },
      model,
      popularity,
      signups,
      weakIdentity,
      ...(productHistory ? { productHistory } : {}),
      ...(Object.keys(addressPools).length > 0 ? { addressPools } : {}),
      ...(throwaways ? { throwaways } : {}),
      capped,
      textStats,
    };
  }

  function applyVerdict(r: StoredReview, v: Verdict) {
    r.verdict = v;
    r.prior.status = v.decision;
  }

  /** Like integrity_rechecks: a review whose verdict asked to be checked again when its window closes → that time. */
  const rechecks = new Map<string, number>();
  function scheduleRecheck(id: string, v: Verdict) {
    if (v.recheckAt && !rechecks.has(id)) rechecks.set(id, v.recheckAt.getTime());
  }
  /** Like promoteDueRechecks and a drain in the replay: due re-checks join the queue before the next review's check. */
  function runDueRechecks(now: Date) {
    const due = [...rechecks].filter(([, at]) => at <= now.getTime()).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [id] of due) rechecks.delete(id);
    if (due.length)
      reopen(
        due.map(([id]) => id),
        now,
      );
  }

  function reopen(ids: string[], now: Date) {
    // Like the job table: first in, first out, one pending job per review (a review already waiting is not queued
    // twice), claimed in batches of REASSESSMENT_BATCH; a claimed review named again gets a new job and is checked
    // again with the newer evidence if it is still published or held. Every push follows a newly held review, so
    // the cascade ends.
    const queue: string[] = [];
    const enqueue = (list: string[]) => {
      for (const id of list) {
        const st = reviews.get(id)?.prior.status;
        if ((st === 'published' || st === 'held') && !queue.includes(id)) queue.push(id);
      }
    };
    enqueue(ids);
    while (queue.length) {
      for (const id of queue.splice(0, REASSESSMENT_BATCH)) {
        const r = reviews.get(id);
        const before = r?.prior.status;
        if (!r || (before !== 'published' && before !== 'held')) continue;
        reassessments++;
        const v = assess(r.submission, contextFor(r.submission), policy, now);
        scheduleRecheck(id, v);
        if (v.decision === 'published') continue;
        if (before === 'held' && sameLabels(r.verdict.labels, v.labels)) continue;
        // Like the job table: a re-check only ever holds (never rejects or publishes).
        applyVerdict(r, { ...v, decision: 'held' });
        if (before === 'published') enqueue(v.reopen);
      }
    }
  }

  function apply(e: ReplayEvent) {
    switch (e.type) {
      case 'merchant':
        merchants.set(e.id, { id: e.id, domain: e.domain ?? null });
        return;
      case 'product':
        products.set(e.id, { id: e.id, merchantId: e.merchantId, name: e.name, category: e.category ?? 'general' });
        return;
      case 'account': {
        accounts.set(e.id, { id: e.id, createdAt: new Date(e.createdAt), email: e.email, staffOf: e.staffOf ? [e.staffOf] : [] });
        const t = Date.parse(e.createdAt);
        creations.splice(lowerBound(t), 0, t);
        if (e.staffOf) listOf(staffOf, e.staffOf).push(e.id);
        recordIdentifiers(e.id, identifiersFor({ email: e.email, ip: e.ip, userAgent: e.userAgent }), new Date(e.createdAt));
        for (const k of emailMarkKeys(e.email, policy)) emailMarkHolders.set(k, (emailMarkHolders.get(k) ?? 0) + 1);
        const domain = emailDomain(e.email);
        if (domain !== null) emailDomainHolders.set(domain, (emailDomainHolders.get(domain) ?? 0) + 1);
        const shape = emailShape(e.email);
        const number = emailNumber(e.email);
        if (shape !== null && number !== null) listOf(emailNumbers, shape).push(number);
        return;
      }
      case 'order':
        orders.set(e.id, { accountId: e.accountId, productId: e.productId, at: new Date(e.at) });
        listOf(ordersByProduct, e.productId).push({ accountId: e.accountId, at: Date.parse(e.at) });
        return;
      case 'review': {
        const product = products.get(e.productId)!;
        const o = e.orderId ? orders.get(e.orderId) : undefined;
        const submission: Submission = {
          id: e.id,
          kind: 'review',
          accountId: e.accountId,
          productId: e.productId,
          merchantId: product.merchantId,
          orderId: e.orderId,
          orderAt: o?.at ?? null,
          rating: e.rating,
          title: e.title,
          body: e.body,
          at: new Date(e.at),
          ip: e.ip,
          userAgent: e.userAgent,
          incentive: e.incentive,
        };
        runDueRechecks(new Date(e.at));
        recordIdentifiers(e.accountId, identifiersFor({ ip: e.ip, userAgent: e.userAgent }), new Date(e.at));
        const verdict = assess(submission, contextFor(submission), policy, submission.at);
        const stored: StoredReview = {
          submission,
          verdict,
          prior: {
            id: e.id,
            accountId: e.accountId,
            productId: e.productId,
            merchantId: product.merchantId,
            rating: e.rating,
            title: e.title,
            body: e.body,
            at: submission.at,
            verified: !!e.orderId,
            status: verdict.decision,
            orderAt: o?.at ?? null,
          },
        };
        reviews.set(e.id, stored);
        order.push(e.id);
        if (o) withOrder.push(stored);
        allStored.push(stored);
        listOf(byAccount, e.accountId).push(stored);
        listOf(byProduct, e.productId).push(stored);
        for (const b of lshBands(`${e.title}\n${e.body}`)) listOf(bandIndex, b).push(e.id);
        const d = dayKey(submission.at.getTime());
        const pd = productDays.get(e.productId) ?? new Map<string, number>();
        productDays.set(e.productId, pd);
        pd.set(d, (pd.get(d) ?? 0) + 1);
        shopDays.set(d, (shopDays.get(d) ?? 0) + 1);
        const scopes = [`p:${e.productId}`, `c:${product.category}`];
        const keys = [...new Set(textStatKeys(`${e.title}\n${e.body}`, policy.text.chance))];
        for (const sc of scopes) {
          scopeDocs.set(sc, (scopeDocs.get(sc) ?? 0) + 1);
          for (const k of keys) keyDocs.set(`${sc}\u0000${k}`, (keyDocs.get(`${sc}\u0000${k}`) ?? 0) + 1);
        }
        scheduleRecheck(e.id, verdict);
        if (verdict.reopen.length) reopen(verdict.reopen, submission.at);
        return;
      }
    }
  }

  return {
    apply,
    contextFor,
    review: (id) => reviews.get(id),
    verdicts: () =>
      order.map((id) => {
        const v = reviews.get(id)!.verdict;
        return {
          id,
          decision: v.decision,
          labels: v.labels,
          score: v.score,
          reasons: v.reasons.map((r) => ({ signal: r.signal, label: r.label, weight: r.weight, evidence: r.evidence })),
        };
      }),
    get reassessments() {
      return reassessments;
    },
  };
}

/** Terse event builders for unit tests: times are ISO strings or day offsets from 2026-03-01. */
export const T0 = Date.parse('2026-03-01T00:00:00Z');
export const day = (d: number) => new Date(T0 + d * DAY).toISOString();

/**
 * A scene's default address: one shape for every account ("A@mailbox.example", letters only, unique per account, no two
 * with the same opening letters), as a shop's customers' own addresses share no template that a scene did not ask for.
 * Scenes that test e-mail marks give their accounts addresses of their own.
 */
function defaultEmail(n: number): string {
  let code = '';
  for (let k = n; ; k = Math.floor(k / 26) - 1) {
    code = String.fromCharCode(97 + (k % 26)) + code;
    if (k < 26) break;
  }
  return `${code}person@mailbox.example`;
}

export function world() {
  const events: ReplayEvent[] = [];
  let n = 0;
  const api = {
    events,
    merchant(id = 'm1', domain = 'acme-outdoor.example') {
      events.push({ type: 'merchant', id, name: id, domain });
      return api;
    },
    product(id: string, merchantId = 'm1', name = id) {
      events.push({ type: 'product', id, merchantId, name, category: 'camping' });
      return api;
    },
    account(id: string, o: { at?: number; email?: string; ip?: string; ua?: string; staffOf?: string | null } = {}) {
      n++;
      // By default accounts are opened days apart, as a shop's customers are (a batch opened at one instant is evidence).
      events.push({
        type: 'account',
        id,
        createdAt: day(o.at ?? -400 - n * 3.7),
        email: o.email ?? defaultEmail(n),
        ip: o.ip ?? `81.2.${n % 250}.${(n * 7) % 250}`,
        userAgent: o.ua ?? `UA-${id}`,
        staffOf: o.staffOf ?? null,
      });
      return api;
    },
    review(
      id: string,
      accountId: string,
      productId: string,
      at: number,
      o: {
        rating?: number;
        body?: string;
        title?: string;
        orderDaysBefore?: number | null;
        ip?: string;
        ua?: string;
        incentive?: Extract<ReplayEvent, { type: 'review' }>['incentive'];
      } = {},
    ) {
      let orderId: string | null = null;
      if (o.orderDaysBefore !== undefined && o.orderDaysBefore !== null) {
        orderId = `o-${id}`;
        events.push({ type: 'order', id: orderId, accountId, productId, at: day(at - o.orderDaysBefore) });
      }
      const acc = events.find((e) => e.type === 'account' && e.id === accountId) as Extract<ReplayEvent, { type: 'account' }>;
      events.push({
        type: 'review',
        id,
        accountId,
        productId,
        orderId,
        rating: o.rating ?? 5,
        title: o.title ?? 'Review',
        body: o.body ?? `Plain review number ${id} with nothing special in it.`,
        at: day(at),
        ip: o.ip ?? acc.ip,
        userAgent: o.ua ?? acc.userAgent,
        incentive: o.incentive ?? null,
      });
      return api;
    },
    /**
     * Ordinary traffic of a shop around the scene: `reviews` reviews by as many accounts on `products` other
     * products, spread over days [from, to]. Chance-based checks compare the scene with this background (in a shop
     * of two products, everyone co-reviews everything).
     */
    background(reviews = 300, products = 40, from = -45, to = 45) {
      for (let p = 0; p < products; p++) api.product(`bg-p${p}`);
      for (let i = 0; i < reviews; i++) {
        api.account(`bg-a${i}`, { at: -500 - i * 0.9 });
        api.review(`bg-r${i}`, `bg-a${i}`, `bg-p${i % products}`, from + ((to - from) * i) / reviews, {
          body: `Background note ${i}: ${['sturdy', 'light', 'warm', 'quiet', 'simple', 'handy', 'solid'][i % 7]} kit, used it ${i % 9} times on trip ${i}.`,
          orderDaysBefore: 6,
        });
      }
      return api;
    },
    run(policy: Policy = defaultPolicy) {
      const replay = createInMemoryReplay(policy);
      for (const e of events) replay.apply(e);
      return replay;
    },
  };
  return api;
}
