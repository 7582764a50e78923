import type {
  AccountFacts,
  AddressPoolFacts,
  AssessmentContext,
  MerchantFacts,
  OrderDelayFacts,
  PopularityFacts,
  SignupFacts,
  ThrowawayFacts,
  Identifier,
  LinkedAccount,
  PriorReview,
  ProductDay,
  ProductHistoryFacts,
  RecentPost,
  Submission,
  TextModel,
  WeakIdentityFacts,
} from '../integrity/types.js';
import type { Policy } from '../integrity/policy.js';
import { jointHolderKey } from '../integrity/signals/neighbourhood-drip.js';
import { coReviewDayRanges, poolTestPossible } from '../integrity/signals/reviewer-graph.js';
import { orderCohortPossible } from '../integrity/signals/order-cohort.js';
import { isThrowawaySubmission } from '../integrity/signals/throwaway-cohort.js';
import { DAY_MS, HOUR_MS } from '../integrity/signals/signal-result.js';
import { lshBands, textStatKeys } from '../integrity/text-fingerprint.js';
import { emailDomain, emailNumber, emailShape } from '../integrity/text-tools.js';
import { emailNearKey, emailStemOf } from '../integrity/signals/weak-links.js';
import { loadTextKeyStats } from './text-stats-repo.js';
import { loadPhotoFacts } from './photo-repo.js';
import { accountQaTexts } from './question-repo.js';
import type { Queryable } from './database.js';
import { batchQueries } from './query-batch.js';

interface ReviewRow {
  id: string;
  account_id: string;
  product_id: string;
  merchant_id: string;
  rating: number;
  title: string;
  body: string;
  created_at: Date;
  verified: boolean;
  status: PriorReview['status'];
  order_at: Date | null;
}

const REVIEW_COLUMNS = `r.id, r.account_id, r.product_id, r.merchant_id, r.rating, r.title, r.body, r.created_at,
  (r.order_id IS NOT NULL) AS verified, r.status,
  (SELECT o.ordered_at FROM orders o WHERE o.id = r.order_id) AS order_at`;

function toPrior(row: ReviewRow): PriorReview {
  return {
    id: row.id,
    accountId: row.account_id,
    productId: row.product_id,
    merchantId: row.merchant_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    at: new Date(row.created_at),
    verified: row.verified,
    status: row.status,
    orderAt: row.order_at ? new Date(row.order_at) : null,
  };
}

/**
 * Fills the context of one check with a bounded number of indexed queries, so that a check costs about the
 * same at 10k and 1M reviews. `asOf` is the moment of the check: a first check sees what existed at posting;
 * a re-assessment sees the evidence that arrived since. Each list is capped (policy.context) and its name is
 * added to `capped` when the cap was reached. Lists of reviews newest first break ties (one account's reviews in
 * the same second) by id, so that their order, which evidence lists keep, does not depend on the plan PostgreSQL
 * picks (the replay's VACUUM ANALYZE changed it).
 */
export async function loadContext(
  db: Queryable,
  submission: Submission,
  policy: Policy,
  model: TextModel | null,
  asOf: Date = submission.at,
): Promise<AssessmentContext> {
  const limits = policy.context;
  const capped: string[] = [];
  // Lists are fetched with one row more than their cap, so "capped" means rows really were left out.
  const noteCap = <T>(name: string, rows: T[], cap: number): T[] => {
    if (rows.length > cap) capped.push(name);
    return rows.slice(0, cap);
  };
  // The loaders below start side by side and their queries go out together, one statement per wave (query-batch.ts):
  // 1. what needs only the submission; 2. what needs the author or a list of wave 1; 3. what needs the linked
  // accounts; 4. the holder counts of the identifiers shared with wave 3's accounts. Caps are noted in a fixed order.
  const q = batchQueries(db);

  // Wave 1.
  // The author, their reviews and their recent posts in one query (the lists as JSON arrays, in their order).
  const authorQuery = q.query<{
    id: string;
    created_at: Date;
    email: string;
    staff_of: string[] | null;
    reviews: ReviewRow[] | null;
    recent_posts: { id: string; kind: 'review' | 'comment'; created_at: string; text_length: number }[] | null;
  }>(
    `SELECT a.id, a.created_at, a.email,
       (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s WHERE s.account_id = a.id) AS staff_of,
       (SELECT json_agg(q) FROM (
          SELECT ${REVIEW_COLUMNS} FROM reviews r
          WHERE r.account_id = $1 AND r.id <> $2 AND r.status <> 'pending' AND r.created_at <= $3
          ORDER BY r.created_at DESC, r.id DESC LIMIT $4) q) AS reviews,
       (SELECT json_agg(p) FROM (
          (SELECT id, 'review' AS kind, created_at, length(title) + length(body) AS text_length FROM reviews
            WHERE account_id = $1 AND id <> $2 AND status <> 'pending' AND created_at >= $5 AND created_at < $6)
          UNION ALL
          (SELECT id, 'comment' AS kind, created_at, length(body) AS text_length FROM comments
            WHERE account_id = $1 AND id <> $2 AND status <> 'pending' AND created_at >= $5 AND created_at < $6)
          ORDER BY created_at DESC LIMIT 200) p) AS recent_posts
     FROM accounts a WHERE a.id = $1`,
    [
      submission.accountId,
      submission.id,
      asOf,
      limits.accountReviewsCap + 1,
      new Date(submission.at.getTime() - limits.recentPostsHours * 3_600_000),
      submission.at,
    ],
  );
  const textCandidatesLoad = loadTextCandidates(q, submission, asOf, limits.textCandidatesCap, limits.textKeyFanoutCap ?? 1_000_000);
  const productLoad = loadProduct(q, submission, asOf, limits.productDailyDays);
  const burstFrom = new Date(submission.at.getTime() - limits.productWindowDays * DAY_MS);
  const burstTo = new Date(submission.at.getTime() + limits.productWindowDays * DAY_MS);
  const productRecentQuery = q.query<ReviewRow & { author_created_at: Date }>(
    `SELECT ${REVIEW_COLUMNS}, (SELECT a.created_at FROM accounts a WHERE a.id = r.account_id) AS author_created_at
     FROM reviews r
     WHERE r.product_id = $1 AND r.id <> $2 AND r.status <> 'pending'
       AND r.created_at >= $3 AND r.created_at <= $4 AND r.created_at <= $5
     ORDER BY abs(extract(epoch FROM (r.created_at - $6::timestamptz))), r.id LIMIT $7`,
    [submission.productId, submission.id, burstFrom, burstTo, asOf, submission.at, limits.productRecentCap + 1],
  );
  // Links to the merchant's staff as they were when the review was written: a re-check weeks later must not count an
  // identifier a staff member was first seen with after it (a new colleague's browser build is not the author's link).
  const merchantLoad = loadMerchant(q, submission, new Date(Math.min(asOf.getTime(), submission.at.getTime())), policy.insider.buildSourcesMaxHolders);
  // Frequencies of the submission's own text keys only: a bounded, indexed lookup however large the shop.
  const textStatsLoad = loadTextKeyStats(q, submission.id, submission.productId, textStatKeys(`${submission.title}\n${submission.body}`, policy.text.chance));
  const productHistoryLoad = policy.drift ? loadProductHistory(q, submission, asOf, policy.drift) : undefined;
  // The review's photos (stored before its check) against other accounts' photos: indexed hash quarters only.
  const photosLoad = submission.kind === 'review' && policy.photos ? loadPhotoFacts(q, submission, asOf, policy.photos.candidatesCap) : undefined;

  const authorRow = (await authorQuery).rows[0];
  if (!authorRow) throw new Error(`account ${submission.accountId} not found`);
  const account: AccountFacts = {
    id: authorRow.id,
    createdAt: new Date(authorRow.created_at),
    email: authorRow.email,
    staffOf: authorRow.staff_of ?? [],
  };
  const accountReviews = noteCap('accountReviews', (authorRow.reviews ?? []).map(toPrior), limits.accountReviewsCap);
  const accountRecentPosts = (authorRow.recent_posts ?? []).map(
    (row): RecentPost => ({ id: row.id, kind: row.kind, at: new Date(row.created_at), textLength: row.text_length }),
  );

  // Wave 2.
  const linksLoad = loadLinks(q, account, asOf, limits);
  const popularityLoad = loadPopularity(q, submission, accountReviews, policy, asOf);
  const signupsLoad = loadSignups(q, account, submission.at, policy.signups, policy.identity.createdTogetherDays);
  // The reviewer-pool test's wider set of the product's reviewers is read only when the author reviewed another product
  // within the campaign window (without one the test has nothing to compare).
  const poolAccountsLoad = poolTestPossible(submission, accountReviews, policy) ? loadPoolAccounts(q, submission, asOf, policy) : undefined;
  // The shop's share of throwaway accounts' reviews is read only for a review by one (a few in a hundred).
  const throwawaysLoad =
    policy.throwaways && isThrowawaySubmission(submission, account.createdAt, policy) ? loadThrowaways(q, submission, asOf, policy.throwaways) : undefined;
  const textCandidates = noteCap('textCandidates', await textCandidatesLoad, limits.textCandidatesCap);
  const productRecentRows = (await productRecentQuery).rows.map((row) => ({ ...toPrior(row), authorCreatedAt: new Date(row.author_created_at) }));
  const productRecentAll = productRecentRows.slice(0, limits.productRecentCap);
  // The shop's delay sample is read only when the order-cohort check could use it (most reviews have no cohort).
  const orderDelaysLoad =
    policy.farms && orderCohortPossible(submission, productRecentAll, policy, asOf) ? loadOrderDelays(q, submission, asOf, policy.farms) : undefined;

  const links = await linksLoad;
  if (links.capped) capped.push('linkedAccounts');
  // Wave 3.
  const linkedLoad = loadLinkedDetails(q, links.chosen, asOf, limits);
  const productRecentReviews = noteCap('productRecentReviews', productRecentRows, limits.productRecentCap).slice(0, limits.productRecentCap);
  const historyCandidates = [...new Set([...productRecentReviews.map((r) => r.accountId), ...links.chosen.map(([id]) => id)])].filter(
    (id) => id !== submission.accountId,
  );
  if (historyCandidates.length > limits.reviewerHistoriesAccountsCap) capped.push('reviewerHistories');
  const historyAccounts = historyCandidates.slice(0, limits.reviewerHistoriesAccountsCap);
  const reviewerHistoriesLoad = loadReviewerHistories(q, historyAccounts, asOf, limits.reviewerHistoriesCap);
  const poolAccounts = poolAccountsLoad ? await poolAccountsLoad : undefined;
  const inHistories = new Set(historyAccounts);
  const poolHistoriesLoad = poolAccounts
    ? loadReviewerHistories(q, poolAccounts.filter((id) => !inHistories.has(id)).slice(0, policy.graph.poolReviewersCap), asOf, limits.reviewerHistoriesCap)
    : undefined;
  const { signups, shopAccounts } = await signupsLoad;
  // Holders are also counted for the /24s and builds linked accounts share with the author, even when a busy product
  // left those accounts out of reviewerHistories: "created together" compares them with chance (shared-identity).
  const linkedKeys = links.chosen.flatMap(([, ids]) => ids.filter((x) => x.kind === 'ua' || x.kind === 'ip_prefix').map((x) => `${x.kind}:${x.value}`));
  const weakIdentityLoad = loadWeakIdentity(q, account, historyAccounts, asOf, linkedKeys, shopAccounts, policy);
  // Only a check whose author shares an exact address with someone asks how that address's block is handed round.
  const sharedIps = [...new Set(links.chosen.flatMap(([, ids]) => ids.filter((x) => x.kind === 'ip').map((x) => x.value)))].sort();
  const addressPoolsLoad = sharedIps.length > 0 ? loadAddressPools(q, account, sharedIps, asOf, policy.identity) : undefined;

  const [
    product,
    merchant,
    textStats,
    popularity,
    orderDelays,
    productHistory,
    photos,
    linkedAccounts,
    reviewerHistories,
    weakIdentity,
    addressPools,
    throwaways,
    poolReviewerHistories,
  ] = await Promise.all([
    productLoad,
    merchantLoad,
    textStatsLoad,
    popularityLoad,
    orderDelaysLoad,
    productHistoryLoad,
    photosLoad ?? { facts: undefined, capped: false },
    linkedLoad,
    reviewerHistoriesLoad,
    weakIdentityLoad,
    addressPoolsLoad,
    throwawaysLoad,
    poolHistoriesLoad,
  ]);
  if (photos.capped) capped.push('photos');

  return {
    photos: photos.facts,
    ...(orderDelays ? { orderDelays } : {}),
    ...(productHistory ? { productHistory } : {}),
    ...(addressPools && Object.keys(addressPools).length > 0 ? { addressPools } : {}),
    ...(throwaways ? { throwaways } : {}),
    ...(poolReviewerHistories ? { poolReviewerHistories } : {}),
    account,
    accountReviews,
    accountRecentPosts,
    textCandidates,
    linkedAccounts,
    product,
    productRecentReviews,
    reviewerHistories,
    merchant,
    model,
    popularity,
    signups,
    weakIdentity,
    capped,
    textStats,
  };
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Reviews per product (product_daily), the merchant's (merchant_daily) and the shop's (shop_daily) over
 * [day(at) − days, day(min(at + days, asOf))]: the same days, on both sides of the review, in which the pools and the
 * merchant's co-reviews are looked for. A re-assessment finds co-reviews written after the review; counting
 * popularity only before it would give a product launched since then no reviews, and chance nothing to explain them.
 */
async function loadPopularity(db: Queryable, submission: Submission, accountReviews: PriorReview[], policy: Policy, asOf: Date): Promise<PopularityFacts> {
  const days = policy.graph.campaignDays;
  const from = dayOf(submission.at.getTime() - days * DAY_MS);
  const to = dayOf(Math.max(submission.at.getTime(), Math.min(submission.at.getTime() + days * DAY_MS, asOf.getTime())));
  const products = [...new Set([submission.productId, ...accountReviews.map((r) => r.productId)])];
  // The author's other products on the days a co-review would fall (merged day ranges, summed per product).
  const ranges = Object.entries(coReviewDayRanges(submission, accountReviews, policy)).flatMap(([p, list]) =>
    list.map(([a, b]) => ({ p, a, b: b < to ? b : to })),
  );
  // In one round trip: per product (part 0), the whole shop (1), the merchant (2), and per product on its co-review days (3).
  const rows = (
    await db.query<{ part: number; product_id: string | null; n: number }>(
      `SELECT 0 AS part, product_id, sum(count)::int AS n FROM product_daily
       WHERE product_id = ANY($1::text[]) AND day >= $2::date AND day <= $3::date GROUP BY product_id
       UNION ALL
       SELECT 1, NULL, coalesce(sum(count), 0)::int FROM shop_daily WHERE day >= $2::date AND day <= $3::date
       UNION ALL
       SELECT 2, NULL, coalesce(sum(count), 0)::int FROM merchant_daily WHERE merchant_id = $4 AND day >= $2::date AND day <= $3::date
       UNION ALL
       SELECT 3, q.p, coalesce(sum(d.count), 0)::int FROM unnest($5::text[], $6::date[], $7::date[]) AS q(p, a, b)
       LEFT JOIN product_daily d ON d.product_id = q.p AND d.day >= q.a AND d.day <= q.b
       GROUP BY q.p`,
      [products, from, to, submission.merchantId, ranges.map((r) => r.p), ranges.map((r) => r.a), ranges.map((r) => r.b)],
    )
  ).rows;
  const shop = rows.find((row) => row.part === 1)!;
  // The merchant's share of the shop's reviews is chance for merchant-wide evidence.
  const merchantReviews = rows.find((row) => row.part === 2)!.n;
  const productReviews: Record<string, number> = {};
  for (const p of products) productReviews[p] = 0;
  const productReviewsNear: Record<string, number> = {};
  for (const row of rows) {
    if (row.part === 0 && row.product_id) productReviews[row.product_id] = row.n;
    if (row.part === 3 && row.product_id) productReviewsNear[row.product_id] = row.n;
  }
  return { windowDays: days, shopReviews: shop.n, productReviews, merchantReviews, productReviewsNear };
}

/**
 * Accounts created around the author's account (one index range on accounts.created_at), and in the same round trip
 * the shop's accounts created by the post's time: the kept total less the accounts created after the post, the same
 * number as counting those created by then without reading every account (account_total, migration 2420). The far
 * upper bound changes no count; it makes the range two-sided, so the plan PostgreSQL keeps for this prepared
 * statement reads the created_at index rather than the whole table (for `> $1` alone its generic estimate is a third
 * of the rows).
 */
async function loadSignups(
  db: Queryable,
  author: AccountFacts,
  postedAt: Date,
  p: Policy['signups'],
  togetherDays: number,
): Promise<{ signups: SignupFacts; shopAccounts: number }> {
  const c = author.createdAt.getTime();
  const row = (
    await db.query<{ near: number; base: number; together: number; shop_accounts: number }>(
      `SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at <= $2)::int AS near,
         count(*) FILTER (WHERE created_at >= $3 AND created_at <= $4)::int AS base, count(*)::int AS together,
         ((SELECT accounts FROM account_total WHERE one)
           - (SELECT count(*) FROM accounts WHERE created_at > $7 AND created_at <= $7::timestamptz + interval '1000 years'))::int AS shop_accounts
       FROM accounts WHERE created_at >= $5 AND created_at <= $6`,
      [
        new Date(c - p.nearMinutes * 60_000),
        new Date(c + p.nearMinutes * 60_000),
        new Date(c - p.baselineHours * 3_600_000),
        new Date(c + p.baselineHours * 3_600_000),
        new Date(c - togetherDays * DAY_MS),
        new Date(c + togetherDays * DAY_MS),
        postedAt,
      ],
    )
  ).rows[0]!;
  return {
    signups: {
      nearMinutes: p.nearMinutes,
      nearCount: row.near,
      baselineHours: p.baselineHours,
      baselineCount: row.base,
      togetherDays,
      togetherCount: row.together,
    },
    shopAccounts: row.shop_accounts,
  };
}

/**
 * Weak identity marks of the author and the reviewerHistories accounts (signals/weak-links.ts): their creation
 * times, e-mails, ip, /24 and browser-build values (keyed hashes, compared for equality); holders of the builds and /24s the author shares with one of them,
 * and of the author's e-mail shape and stem when another of them has the same (counted up to 1000). Two queries (the
 * shop's accounts are counted with the sign-ups).
 */
async function loadWeakIdentity(
  db: Queryable,
  author: AccountFacts,
  others: string[],
  asOf: Date,
  linkedKeys: string[],
  shopAccounts: number,
  policy: Policy,
): Promise<WeakIdentityFacts> {
  const { emailStemLetters: letters, emailWordLetters: wordLetters } = policy.weakLinks;
  // Written into the statement (not a parameter) so that the expression index of migration 2580 can serve it.
  if (![letters, wordLetters].every((x) => Number.isInteger(x) && x > 0)) throw new Error('policy.weakLinks e-mail stem lengths must be positive integers');
  const ids = [author.id, ...others];
  const facts = new Map<string, { createdAt: Date; email: string }>();
  const rows: { account_id: string; kind: Identifier['kind']; value: string }[] = [];
  // The other accounts' creation times and e-mails, and everyone's identifiers, in one round trip (`kind` is NULL on
  // the account rows).
  for (const row of (
    await db.query<{ account_id: string; created_at: Date | null; email: string | null; kind: Identifier['kind'] | null; value: string | null }>(
      // No condition on kind: with one, PostgreSQL read the primary key (kind, value, account_id) through every
      // identifier of those kinds, a cost that grew with the shop. Other kinds are skipped below.
      `SELECT a.id AS account_id, a.created_at, a.email, NULL AS kind, NULL AS value FROM accounts a WHERE a.id = ANY($3::text[])
       UNION ALL
       SELECT account_id, NULL, NULL, kind, value FROM account_identifiers WHERE account_id = ANY($1::text[]) AND first_seen <= $2`,
      [ids, asOf, others],
    )
  ).rows) {
    if (row.kind === null) facts.set(row.account_id, { createdAt: new Date(row.created_at!), email: row.email! });
    else rows.push({ account_id: row.account_id, kind: row.kind, value: row.value! });
  }
  facts.set(author.id, author);
  const accounts: WeakIdentityFacts['accounts'] = {};
  for (const id of ids) {
    const a = facts.get(id);
    if (a) accounts[id] = { createdAt: a.createdAt, email: a.email, ips: [], prefixes: [], uas: [] };
  }
  const heldBy = new Map<string, Set<string>>();
  for (const row of rows) {
    const a = accounts[row.account_id];
    if (!a) continue;
    if (row.kind === 'ip') a.ips.push(row.value);
    if (row.kind === 'ua') a.uas.push(row.value);
    if (row.kind === 'ip_prefix') a.prefixes.push(row.value);
    if (row.kind === 'ua' || row.kind === 'ip_prefix') {
      const k = `${row.kind}:${row.value}`;
      heldBy.set(k, (heldBy.get(k) ?? new Set()).add(row.account_id));
    }
  }
  for (const a of Object.values(accounts)) {
    a.ips.sort();
    a.prefixes.sort();
    a.uas.sort();
  }
  const shared = [
    ...new Set(
      [...heldBy.entries()]
        .filter(([, s]) => s.has(author.id) && s.size > 1)
        .map(([k]) => k)
        .concat(linkedKeys),
    ),
  ].sort();
  // The author's e-mail marks that another listed account shares: how many accounts hold each (weak-links.ts).
  const authorEmail = accounts[author.id]?.email ?? author.email;
  const sharedMark = (mark: (email: string) => string | null): string | null => {
    const mine = mark(authorEmail);
    return mine !== null && ids.some((id) => id !== author.id && accounts[id] && mark(accounts[id].email) === mine) ? mine : null;
  };
  const shape = sharedMark(emailShape);
  const stem = sharedMark((e) => emailStemOf(e, policy));
  // The author's domain is counted with a shared shape (email-pattern-group.ts judges the shape among the domain's accounts).
  const domain = shape !== null && policy.emailGroups ? emailDomain(authorEmail) : null;
  // ... and of the addresses of that shape numbered as close to the author's as each such account's is.
  const number = emailNumber(authorEmail);
  const distances =
    shape === null || number === null
      ? []
      : [
          ...new Set(
            ids
              .filter((id) => id !== author.id && accounts[id])
              .flatMap((id) => {
                const near = emailNearKey(authorEmail, accounts[id]!.email);
                return near ? [Math.abs(near.numbers[0] - near.numbers[1])] : [];
              }),
          ),
        ].sort((a, b) => a - b);
  const holders: Record<string, number> = {};
  if (shared.length > 0 || shape !== null || stem !== null) {
    const counted = (
      await db.query<{ kind: string; value: string; holders: number }>(
        `SELECT v.kind, v.value,
           (SELECT count(*)::int FROM (SELECT 1 FROM account_identifiers o WHERE o.kind = v.kind AND o.value = v.value LIMIT 1000) c) AS holders
         FROM unnest($1::text[], $2::text[]) AS v(kind, value)
         UNION ALL
         SELECT 'email_shape', $3::text, (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE candor_email_shape(email) = $3::text LIMIT 1000) c)
         WHERE $3::text IS NOT NULL
         UNION ALL
         SELECT 'email_stem', $4::text, (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE candor_email_stem(email, ${letters}, ${wordLetters}) = $4::text LIMIT 1000) c)
         WHERE $4::text IS NOT NULL
         UNION ALL
         SELECT 'email_near', d::text,
           (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE candor_email_shape(email) = $3::text
              AND candor_email_number(email) BETWEEN $5::int - d AND $5::int + d LIMIT 1000) c)
         FROM unnest($6::int[]) AS d
         UNION ALL
         SELECT 'email_domain', $7::text,
           (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE candor_email_domain(email) = $7::text LIMIT $8::int) c)
         WHERE $7::text IS NOT NULL`,
        [
          shared.map((k) => k.slice(0, k.indexOf(':'))),
          shared.map((k) => k.slice(k.indexOf(':') + 1)),
          shape,
          stem,
          number,
          distances,
          domain,
          policy.emailGroups?.domainHoldersCap ?? 0,
        ],
      )
    ).rows;
    for (const row of counted) {
      holders[row.kind === 'email_near' ? `email_near:${shape}:${number}:${row.value}` : `${row.kind}:${row.value}`] = row.holders;
    }
  }
  return { shopAccounts, accounts, holders };
}

/**
 * Address pools (shared-identity poolChance): for each of the author's addresses in `ips` that has a stored block, the
 * block's address rows of other accounts (first seen by asOf) split by the accounts' creation, outside or inside
 * ± createdTogetherDays of the author's; left out when the block has more than poolHoldingsCap such rows. One query,
 * on the (block, account_id) index.
 */
async function loadAddressPools(
  db: Queryable,
  author: AccountFacts,
  ips: string[],
  asOf: Date,
  p: Policy['identity'],
): Promise<Record<string, AddressPoolFacts>> {
  const c = author.createdAt.getTime();
  const rows = (
    await db.query<{
      ip: string;
      block: string;
      author_addresses: number;
      rows: number;
      outside_holdings: number;
      outside_addresses: number;
      inside_holdings: number;
    }>(
      `WITH a AS (
         SELECT i.value AS ip, i.block FROM account_identifiers i
         WHERE i.kind = 'ip' AND i.account_id = $1 AND i.value = ANY($2::text[]) AND i.block IS NOT NULL AND i.first_seen <= $3)
       SELECT a.ip, a.block,
         (SELECT count(*)::int FROM account_identifiers m WHERE m.block = a.block AND m.account_id = $1 AND m.kind = 'ip' AND m.first_seen <= $3) AS author_addresses,
         s.rows, s.outside_holdings, s.outside_addresses, s.inside_holdings
       FROM a CROSS JOIN LATERAL (
         SELECT count(*)::int AS rows,
           count(*) FILTER (WHERE o.outside)::int AS outside_holdings,
           count(DISTINCT o.value) FILTER (WHERE o.outside)::int AS outside_addresses,
           count(*) FILTER (WHERE NOT o.outside)::int AS inside_holdings
         FROM (SELECT i.value, (ac.created_at < $4 OR ac.created_at > $5) AS outside
               FROM account_identifiers i JOIN accounts ac ON ac.id = i.account_id
               WHERE i.block = a.block AND i.kind = 'ip' AND i.account_id <> $1 AND i.first_seen <= $3
               LIMIT $6) o) s`,
      [author.id, ips, asOf, new Date(c - p.createdTogetherDays * DAY_MS), new Date(c + p.createdTogetherDays * DAY_MS), p.poolHoldingsCap + 1],
    )
  ).rows;
  const pools: Record<string, AddressPoolFacts> = {};
  for (const r of rows) {
    if (r.rows > p.poolHoldingsCap) continue;
    pools[r.ip] = {
      block: r.block,
      outsideHoldings: r.outside_holdings,
      outsideAddresses: r.outside_addresses,
      insideHoldings: r.inside_holdings,
      authorAddresses: r.author_addresses,
    };
  }
  return pools;
}

/**
 * Drift (signals/neighbourhood-drip.ts): the product's other reviewers over ± windowDays (closest in time first,
 * capped), their 'ip', 'ip_block' and 'ua' values, and how many accounts hold the author's block, and that block
 * together with each of the author's builds (counted up to 1000, from the block's side: an indexed range).
 */
async function loadProductHistory(db: Queryable, submission: Submission, asOf: Date, d: NonNullable<Policy['drift']>): Promise<ProductHistoryFacts> {
  // The reviews and, in the same round trip, the identifiers of their authors and of the author (`part` 1). No
  // condition on kind, as in loadWeakIdentity: the account index alone is the cheap plan.
  const rows = (
    await db.query<{
      part: number;
      id: string | null;
      account_id: string;
      created_at: Date | null;
      order_at: Date | null;
      kind: Identifier['kind'] | null;
      value: string | null;
    }>(
      `WITH rv AS (
         SELECT r.id, r.account_id, r.created_at, (SELECT o.ordered_at FROM orders o WHERE o.id = r.order_id) AS order_at,
           abs(extract(epoch FROM (r.created_at - $7::timestamptz))) AS distance
         FROM reviews r
         WHERE r.product_id = $1 AND r.id <> $2 AND r.account_id <> $3 AND r.status <> 'pending'
           AND r.created_at >= $4 AND r.created_at <= $5 AND r.created_at <= $6
         ORDER BY distance, r.id LIMIT $8)
       SELECT 0 AS part, id, account_id, created_at, order_at, NULL AS kind, NULL AS value, distance FROM rv
       UNION ALL
       SELECT 1, NULL, i.account_id, NULL, NULL, i.kind, i.value, NULL FROM account_identifiers i
       WHERE i.account_id = ANY(ARRAY(SELECT account_id FROM rv) || $3::text) AND i.first_seen <= $6
       ORDER BY part, distance, id`,
      [
        submission.productId,
        submission.id,
        submission.accountId,
        new Date(submission.at.getTime() - d.windowDays * DAY_MS),
        new Date(submission.at.getTime() + d.windowDays * DAY_MS),
        asOf,
        submission.at,
        d.reviewsCap,
      ],
    )
  ).rows;
  const reviewRows = rows.filter((r) => r.part === 0).map((r) => ({ id: r.id!, account_id: r.account_id, created_at: r.created_at!, order_at: r.order_at }));
  const identRows = rows.filter((r) => r.part === 1).map((r) => ({ account_id: r.account_id, kind: r.kind!, value: r.value! }));
  const ids = [...new Set([submission.accountId, ...reviewRows.map((r) => r.account_id)])];
  const values = new Map<string, { ips: string[]; blocks: string[]; uas: string[] }>();
  for (const id of ids) values.set(id, { ips: [], blocks: [], uas: [] });
  for (const row of identRows) {
    const v = values.get(row.account_id);
    if (!v) continue;
    if (row.kind === 'ip') v.ips.push(row.value);
    if (row.kind === 'ip_block') v.blocks.push(row.value);
    if (row.kind === 'ua') v.uas.push(row.value);
  }
  for (const v of values.values()) {
    v.ips.sort();
    v.blocks.sort();
    v.uas.sort();
  }
  const reviewers: ProductHistoryFacts['reviewers'] = {};
  for (const r of reviewRows) {
    reviewers[r.account_id] ??= { reviews: [], ...values.get(r.account_id)! };
    reviewers[r.account_id]!.reviews.push({ id: r.id, at: new Date(r.created_at), orderAt: r.order_at ? new Date(r.order_at) : null });
  }
  const author = values.get(submission.accountId)!;
  const others = Object.values(reviewers);
  const pairs: [string, string][] = [];
  const blocks = author.blocks.filter((b) => others.some((o) => o.blocks.includes(b)));
  for (const b of blocks) for (const u of author.uas) if (others.some((o) => o.blocks.includes(b) && o.uas.includes(u))) pairs.push([b, u]);
  // The reviews whose texts come along (see ProductHistoryFacts): those of reviewers holding a block with a build of the author's.
  const withText: [string, string][] = [];
  for (const o of Object.values(reviewers)) {
    for (const b of new Set(pairs.filter(([b, u]) => o.blocks.includes(b) && o.uas.includes(u)).map(([b]) => b))) {
      for (const r of o.reviews) withText.push([r.id, b]);
    }
  }
  const holders: Record<string, number> = {};
  if (blocks.length > 0) {
    const counted = (
      await db.query<{ block: string; ua: string | null; holders: number | null; id: string | null; title: string | null; body: string | null }>(
        // A pair is counted only on a block held by fewer than maxHolders accounts: the signal tests no other block,
        // and counting a pair walks every holder of its block (the dearest query of a check once blocks fill up).
        `WITH b AS (
           SELECT v.block,
             (SELECT count(*)::int FROM (SELECT 1 FROM account_identifiers o WHERE o.kind = 'ip_block' AND o.value = v.block LIMIT 1000) c) AS holders
           FROM unnest($1::text[]) AS v(block))
         SELECT block, NULL AS ua, holders, NULL AS id, NULL AS title, NULL AS body FROM b
         UNION ALL
         SELECT p.block, p.ua,
           (SELECT count(*)::int FROM (SELECT 1 FROM account_identifiers o WHERE o.kind = 'ip_block' AND o.value = p.block
              AND EXISTS (SELECT 1 FROM account_identifiers u WHERE u.kind = 'ua' AND u.value = p.ua AND u.account_id = o.account_id)
              LIMIT 1000) c) AS holders, NULL, NULL, NULL
         FROM unnest($2::text[], $3::text[]) AS p(block, ua) JOIN b ON b.block = p.block
         WHERE b.holders < $4
         UNION ALL
         SELECT t.block, NULL, NULL, r.id, r.title, r.body
         FROM unnest($5::text[], $6::text[]) AS t(id, block) JOIN b ON b.block = t.block JOIN reviews r ON r.id = t.id
         WHERE b.holders < $4`,
        [blocks, pairs.map((p) => p[0]), pairs.map((p) => p[1]), d.maxHolders, withText.map((x) => x[0]), withText.map((x) => x[1])],
      )
    ).rows;
    const texts = new Map<string, { title: string; body: string }>();
    for (const row of counted) {
      if (row.id !== null) texts.set(row.id, { title: row.title ?? '', body: row.body ?? '' });
      else holders[row.ua === null ? `ip_block:${row.block}` : jointHolderKey(row.block, row.ua)] = row.holders!;
    }
    for (const o of Object.values(reviewers)) {
      for (const r of o.reviews) {
        const text = texts.get(r.id);
        if (text) r.text = text;
      }
    }
  }
  return { windowDays: d.windowDays, author, reviewers, holders };
}

/** Several accounts' facts in one round trip (a check's linked accounts: one query, not one per account). */
async function loadAccounts(db: Queryable, accountIds: string[]): Promise<Map<string, AccountFacts>> {
  const accounts = new Map<string, AccountFacts>();
  if (accountIds.length === 0) return accounts;
  const rows = (
    await db.query<{ id: string; created_at: Date; email: string; staff_of: string[] | null }>(
      `SELECT a.id, a.created_at, a.email,
         (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s WHERE s.account_id = a.id) AS staff_of
       FROM accounts a WHERE a.id = ANY($1::text[])`,
      [accountIds],
    )
  ).rows;
  for (const row of rows) accounts.set(row.id, { id: row.id, createdAt: new Date(row.created_at), email: row.email, staffOf: row.staff_of ?? [] });
  return accounts;
}

async function loadTextCandidates(db: Queryable, submission: Submission, asOf: Date, cap: number, fanoutCap: number): Promise<PriorReview[]> {
  const text = `${submission.title}\n${submission.body}`;
  if (submission.kind === 'question' || submission.kind === 'answer') {
    // Like comments: the near-duplicates that matter are the author's own earlier questions and answers.
    const rows = await accountQaTexts(db, submission.accountId, submission.id, asOf, cap + 1);
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      productId: submission.productId,
      merchantId: submission.merchantId,
      rating: 0,
      title: '',
      body: row.body,
      at: new Date(row.created_at),
      verified: false,
      status: row.status,
    }));
  }
  if (submission.kind === 'comment') {
    // Comments have no bands: a comment's near-duplicates that matter are the author's own earlier comments.
    const rows = (
      await db.query<{ id: string; account_id: string; body: string; created_at: Date; status: PriorReview['status'] }>(
        `SELECT id, account_id, body, created_at, status FROM comments
         WHERE account_id = $1 AND id <> $2 AND status <> 'pending' AND created_at <= $3 ORDER BY created_at DESC LIMIT $4`,
        [submission.accountId, submission.id, asOf, cap + 1],
      )
    ).rows;
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      productId: submission.productId,
      merchantId: submission.merchantId,
      rating: 0,
      title: '',
      body: row.body,
      at: new Date(row.created_at),
      verified: false,
      status: row.status,
    }));
  }
  const bands = lshBands(text);
  if (bands.length === 0) return [];
  // Candidates sharing more keys (MinHash bands, whole sentences) are more alike: those come first when the cap cuts the list.
  return (
    await db.query<ReviewRow>(
      // Each key (LSH band or sentence key) reads at most textKeyFanoutCap rows through the primary key
      // (band, review_id): a stock sentence shared by thousands of reviews costs no more than that.
      `WITH hits AS (
         SELECT k.review_id, count(*) AS shared
         FROM unnest($1::text[]) AS key(band)
         CROSS JOIN LATERAL (
           SELECT b.review_id FROM review_text_bands b
           WHERE b.band = key.band AND b.review_id <> $2 ORDER BY b.review_id LIMIT $5) k
         GROUP BY k.review_id)
       SELECT ${REVIEW_COLUMNS} FROM hits h JOIN reviews r ON r.id = h.review_id
       WHERE r.status <> 'pending' AND r.created_at <= $3
       ORDER BY h.shared DESC, r.created_at DESC, r.id DESC LIMIT $4`,
      [[...new Set(bands)], submission.id, asOf, cap + 1, fanoutCap],
    )
  ).rows.map(toPrior);
}

/** The accounts linked to the author through identifiers (strongest first, capped) and the values linking each. */
async function loadLinks(
  db: Queryable,
  author: AccountFacts,
  asOf: Date,
  limits: Policy['context'],
): Promise<{ chosen: [string, Identifier[]][]; capped: boolean }> {
  const accountId = author.id;
  // Identifier values shared by very many accounts (a popular browser build, a carrier's NAT range)
  // say nothing about who is behind an account, and following them would scan large parts of the table.
  // A /24 shared by too many accounts to follow still links the accounts opened in one batch with the author:
  // created within ± creationBurstHours of the author's account and first seen on that /24 in the same window.
  // Both kinds of link come back from one query (`batch` tells them apart): one round trip per check.
  const burstMs = limits.creationBurstHours * 3_600_000;
  const linkRows = (
    await db.query<{ account_id: string; kind: Identifier['kind']; value: string; batch: boolean; since: Date }>(
      `WITH mine AS (
         SELECT i.kind, i.value, i.first_seen,
           (SELECT count(*) FROM (SELECT 1 FROM account_identifiers o
              WHERE o.kind = i.kind AND o.value = i.value LIMIT $3 + 1) c) > $3 AS common
         FROM account_identifiers i
         WHERE i.account_id = $1 AND i.first_seen <= $2 AND i.kind <> 'ip_block'
       )
       (SELECT o.account_id, o.kind, o.value, false AS batch, greatest(m.first_seen, o.first_seen) AS since FROM mine m
        JOIN account_identifiers o ON o.kind = m.kind AND o.value = m.value
        WHERE NOT m.common AND o.account_id <> $1 AND o.first_seen <= $2)
       UNION ALL
       (SELECT o.account_id, o.kind, o.value, true AS batch, greatest(m.first_seen, o.first_seen) AS since FROM mine m
        JOIN account_identifiers o ON o.kind = m.kind AND o.value = m.value
        JOIN accounts a ON a.id = o.account_id
        WHERE m.common AND m.kind = 'ip_prefix' AND o.account_id <> $1 AND o.first_seen <= $2
          AND o.first_seen >= $4 AND o.first_seen <= $5 AND a.created_at >= $4 AND a.created_at <= $5)`,
      [accountId, asOf, limits.commonIdentifierAccountLimit, new Date(author.createdAt.getTime() - burstMs), new Date(author.createdAt.getTime() + burstMs)],
    )
  ).rows;
  const strip = ({ account_id, kind, value, since }: (typeof linkRows)[number]) => ({ account_id, kind, value, since: new Date(since) });
  const rows = linkRows.filter((r) => !r.batch).map(strip);
  const batchRows = linkRows.filter((r) => r.batch).map(strip);
  const batchSize = new Map<string, number>();
  for (const row of batchRows) batchSize.set(row.value, (batchSize.get(row.value) ?? 0) + 1);
  for (const row of batchRows) if ((batchSize.get(row.value) ?? 0) <= limits.creationBurstAccountLimit) rows.push(row);

  const links = new Map<string, LinkedAccount['links']>();
  for (const row of rows) {
    const list = links.get(row.account_id) ?? [];
    list.push({ kind: row.kind, value: row.value, since: row.since });
    links.set(row.account_id, list);
  }
  const ranked = [...links.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  return { chosen: ranked.slice(0, limits.linkedAccountsCap), capped: ranked.length > limits.linkedAccountsCap };
}

/** The linked accounts' facts and recent reviews (two queries, sent together). */
async function loadLinkedDetails(db: Queryable, chosen: [string, Identifier[]][], asOf: Date, limits: Policy['context']): Promise<LinkedAccount[]> {
  const result: LinkedAccount[] = [];
  const ids = chosen.map(([id]) => id);
  const [histories, accounts] = await Promise.all([loadReviewerHistories(db, ids, asOf, limits.linkedReviewsCap), loadAccounts(db, ids)]);
  for (const [id, identifiers] of chosen) {
    const account = accounts.get(id);
    if (!account) throw new Error(`account ${id} not found`);
    result.push({ account, links: identifiers, reviews: histories[id] ?? [] });
  }
  return result;
}

async function loadReviewerHistories(db: Queryable, accountIds: string[], asOf: Date, cap: number): Promise<Record<string, PriorReview[]>> {
  if (accountIds.length === 0) return {};
  const rows = (
    await db.query<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM unnest($1::text[]) AS a(id)
       CROSS JOIN LATERAL (
         SELECT * FROM reviews r0 WHERE r0.account_id = a.id AND r0.status <> 'pending' AND r0.created_at <= $2
         ORDER BY r0.created_at DESC, r0.id DESC LIMIT $3) r`,
      [accountIds, asOf, cap],
    )
  ).rows;
  const histories: Record<string, PriorReview[]> = {};
  for (const row of rows) (histories[row.account_id] ??= []).push(toPrior(row));
  return histories;
}

/**
 * The product's other reviewers within ± graph.poolProductDays of the submission (reviews posted by the check, not
 * pending), closest in time first (each account by its closest review, ties by review id), enough of them that
 * poolReviewersCap remain once the reviewerHistories accounts are left out.
 */
async function loadPoolAccounts(db: Queryable, submission: Submission, asOf: Date, policy: Policy): Promise<string[]> {
  const g = policy.graph;
  const span = g.poolProductDays! * DAY_MS;
  const rows = (
    await db.query<{ account_id: string }>(
      `SELECT x.account_id FROM (
         SELECT DISTINCT ON (r.account_id) r.account_id, abs(extract(epoch FROM (r.created_at - $6::timestamptz))) AS dist, r.id
         FROM reviews r
         WHERE r.product_id = $1 AND r.id <> $2 AND r.status <> 'pending' AND r.account_id <> $7
           AND r.created_at >= $3 AND r.created_at <= $4 AND r.created_at <= $5
         ORDER BY r.account_id, dist, r.id) x
       ORDER BY x.dist, x.id LIMIT $8`,
      [
        submission.productId,
        submission.id,
        new Date(submission.at.getTime() - span),
        new Date(submission.at.getTime() + span),
        asOf,
        submission.at,
        submission.accountId,
        g.poolReviewersCap! + policy.context.reviewerHistoriesAccountsCap,
      ],
    )
  ).rows;
  return rows.map((r) => r.account_id);
}

/** The order→review delays (hours) of the shop's most recent reviews backed by an order: one partial-index range scan. */
/**
 * The shop's order→review delays (the most recent reviews backed by an order), and in the same statement the product's
 * orders by other accounts placed by `asOf` within ± orderBandHours (near) and ± orderRateDays (wide) of the author's order,
 * and its first order (any account).
 */
async function loadOrderDelays(db: Queryable, submission: Submission, asOf: Date, farms: NonNullable<Policy['farms']>): Promise<OrderDelayFacts> {
  const os = submission.orderAt!.getTime();
  const band = farms.orderBandHours * HOUR_MS;
  const span = farms.orderRateDays * DAY_MS;
  const row = (
    await db.query<{ hours: number[] | null; near: number; wide: number; first_at: Date | null }>(
      `WITH d AS (
         SELECT extract(epoch FROM (r.created_at - o.ordered_at)) / 3600 AS hours, r.created_at, r.id
         FROM reviews r JOIN orders o ON o.id = r.order_id
         WHERE r.order_id IS NOT NULL AND r.status <> 'pending' AND r.id <> $1 AND r.created_at <= $2
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3
       )
       SELECT (SELECT array_agg(d.hours::float8 ORDER BY d.created_at DESC, d.id DESC) FROM d) AS hours,
              count(*) FILTER (WHERE o.ordered_at >= $6 AND o.ordered_at <= $7)::int AS near,
              count(*)::int AS wide,
              (SELECT min(f.ordered_at) FROM orders f WHERE f.product_id = $4 AND f.ordered_at <= $2) AS first_at
       FROM orders o
       WHERE o.product_id = $4 AND o.account_id IS DISTINCT FROM $5 AND o.ordered_at >= $8 AND o.ordered_at <= $9 AND o.ordered_at <= $2`,
      [
        submission.id,
        asOf,
        farms.delaySampleSize,
        submission.productId,
        submission.accountId,
        new Date(os - band),
        new Date(os + band),
        new Date(os - span),
        new Date(os + span),
      ],
    )
  ).rows[0]!;
  return {
    hours: (row.hours ?? []).map(Number),
    productOrders: { near: Number(row.near), wide: Number(row.wide), firstAt: row.first_at ? new Date(row.first_at) : null },
  };
}

/**
 * The shop's most recent stored reviews at or before the check (S and pending excluded; the reviews_created index),
 * and how many of them were posted without an order within accountHours of their account's opening.
 */
async function loadThrowaways(db: Queryable, submission: Submission, asOf: Date, p: NonNullable<Policy['throwaways']>): Promise<ThrowawayFacts> {
  const row = (
    await db.query<{ sample: number; throwaways: number }>(
      `WITH d AS (
         SELECT r.order_id IS NULL AND r.created_at >= a.created_at AND r.created_at <= a.created_at + $4::float8 * interval '1 hour' AS throwaway
         FROM reviews r JOIN accounts a ON a.id = r.account_id
         WHERE r.status <> 'pending' AND r.id <> $1 AND r.created_at <= $2
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3
       )
       SELECT count(*)::int AS sample, (count(*) FILTER (WHERE throwaway))::int AS throwaways FROM d`,
      [submission.id, asOf, p.baselineSize, p.accountHours],
    )
  ).rows[0]!;
  return { sample: Number(row.sample), throwaways: Number(row.throwaways) };
}

async function loadProduct(db: Queryable, submission: Submission, asOf: Date, days: number) {
  const from = new Date(submission.at.getTime() - days * DAY_MS);
  // Totals and the daily history in one round trip (the history as a JSON array: at most `days` + 1 entries).
  const totals = (
    await db.query<{
      review_count: number;
      rating_sum: number;
      first_at: Date | null;
      product_name: string | null;
      daily: { day: string; count: number; rating_sum: number; verified_count: number }[] | null;
    }>(
      `SELECT (SELECT p.name FROM products p WHERE p.id = $1) AS product_name,
         count(*) FILTER (WHERE status = 'published' AND created_at < $4)::int AS review_count,
         coalesce(sum(rating) FILTER (WHERE status = 'published' AND created_at < $4), 0)::int AS rating_sum,
         min(created_at) AS first_at,
         (SELECT json_agg(json_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'count', d.count,
                  'rating_sum', d.rating_sum, 'verified_count', d.verified_count) ORDER BY d.day)
          FROM product_daily d WHERE d.product_id = $1 AND d.day >= $5::date AND d.day <= $6::date) AS daily
       FROM reviews WHERE product_id = $1 AND status <> 'pending' AND id <> $2 AND created_at <= $3`,
      [submission.productId, submission.id, asOf, submission.at, from.toISOString().slice(0, 10), asOf.toISOString().slice(0, 10)],
    )
  ).rows[0]!;
  const daily = (totals.daily ?? []).map(
    (row): ProductDay => ({
      day: row.day,
      count: Number(row.count),
      ratingSum: Number(row.rating_sum),
      verifiedCount: Number(row.verified_count),
    }),
  );
  return {
    id: submission.productId,
    merchantId: submission.merchantId,
    reviewCount: totals.review_count,
    ratingSum: totals.rating_sum,
    firstReviewAt: totals.first_at ? new Date(totals.first_at) : null,
    daily,
    ...(totals.product_name != null ? { name: totals.product_name } : {}),
  };
}

/**
 * The merchant, its declared staff, and the author's identifier values that this merchant's staff also hold, however
 * common they are; holders counted up to 1000. One round trip (the links as a JSON array). Each of the author's
 * values is looked up for each staff account by the primary key (kind, value, account): a bounded number of index
 * probes. Reading every identifier of every staff account instead grew with the staff's history (on blind stream B
 * seed 3 at 20,000 reviews it was the check's dearest read after the drift counts).
 */
async function loadMerchant(db: Queryable, submission: Submission, asOf: Date, buildSourcesMaxHolders: number): Promise<MerchantFacts> {
  const row = (
    await db.query<{
      id: string;
      domain: string | null;
      staff: string[] | null;
      links:
        | {
            kind: Identifier['kind'];
            value: string;
            staff_holders: number;
            holders: number;
            holder_networks: { account: string; networks: string[] }[] | null;
          }[]
        | null;
    }>(
      // A browser build held by few accounts comes with each holder's addresses and /24s, to count its independent
      // sources (insiders.ts buildSources).
      `SELECT m.id, m.domain,
         (SELECT array_agg(s.account_id ORDER BY s.account_id) FROM merchant_staff s WHERE s.merchant_id = m.id) AS staff,
         (SELECT json_agg(l ORDER BY l.kind, l.value) FROM (
            SELECT k.*,
              CASE WHEN k.kind = 'ua' AND k.holders <= $4 THEN (
                SELECT json_agg(json_build_object('account', h.account_id, 'networks', (
                  SELECT coalesce(json_agg(n.kind || ':' || n.value ORDER BY n.kind, n.value), '[]'::json)
                  FROM account_identifiers n WHERE n.account_id = h.account_id AND n.kind IN ('ip', 'ip_prefix'))) ORDER BY h.account_id)
                FROM account_identifiers h WHERE h.kind = 'ua' AND h.value = k.value) END AS holder_networks
            FROM (
              SELECT t.kind, t.value, count(DISTINCT t.account_id)::int AS staff_holders,
                (SELECT count(*)::int FROM (SELECT 1 FROM account_identifiers o WHERE o.kind = t.kind AND o.value = t.value LIMIT 1000) c) AS holders
              FROM account_identifiers i
              JOIN merchant_staff s ON s.merchant_id = m.id AND s.account_id <> $2
              JOIN account_identifiers t ON t.kind = i.kind AND t.value = i.value AND t.account_id = s.account_id
              WHERE i.account_id = $2 AND i.first_seen <= $3 AND i.kind <> 'ip_block' AND t.first_seen <= $3
              GROUP BY t.kind, t.value) k) l) AS links
       FROM merchants m WHERE m.id = $1`,
      [submission.merchantId, submission.accountId, asOf, buildSourcesMaxHolders],
    )
  ).rows[0];
  if (!row) throw new Error(`merchant ${submission.merchantId} not found`);
  return {
    id: row.id,
    domain: row.domain,
    staffAccountIds: row.staff ?? [],
    staffLinks: (row.links ?? []).map((r) => ({
      kind: r.kind,
      value: r.value,
      holders: r.holders,
      staffHolders: r.staff_holders,
      ...(r.holder_networks ? { holderNetworks: Object.fromEntries(r.holder_networks.map((h) => [h.account, h.networks])) } : {}),
    })),
  };
}
