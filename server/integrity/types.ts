// The contract between the pure integrity pipeline and the rest of Candor.
// Storage fills an AssessmentContext with bounded, indexed queries; assess() turns it into a Verdict.
// Nothing in server/integrity/ may import express, pg, storage or read the clock.

export const LABELS = ['sockpuppet', 'paid', 'incentivized', 'insider', 'duplicate'] as const;
export type Label = (typeof LABELS)[number];

export const DECISIONS = ['published', 'held', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Independent kinds of evidence; corroboration means two different families agree. */
export type Family = 'identity' | 'text' | 'timing' | 'graph' | 'account' | 'incentive' | 'insider' | 'model';

export const INCENTIVE_KINDS = ['free_product', 'discount', 'payment', 'sweepstakes'] as const;
export type IncentiveKind = (typeof INCENTIVE_KINDS)[number];
export interface IncentiveDisclosure {
  kind: IncentiveKind;
  disclosed: boolean;
}

/** What is being checked: a new or edited review, or a comment, question or answer (rating null). */
export interface Submission {
  id: string;
  kind: 'review' | 'comment' | 'question' | 'answer';
  /**
   * The author posts openly as the merchant's staff (an answer shown with the "Seller" badge): the connection is
   * disclosed to every reader, so evidence that the author is an insider is not held against this post.
   */
  disclosedInsider?: boolean;
  accountId: string;
  productId: string;
  merchantId: string;
  orderId: string | null;
  /** When the verified order was placed, if any. */
  orderAt: Date | null;
  rating: number | null;
  title: string;
  body: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  incentive: IncentiveDisclosure | null;
}

export interface AccountFacts {
  id: string;
  createdAt: Date;
  email: string;
  /** Merchant ids that declared this account as their staff. */
  staffOf: string[];
}

export type ReviewState = 'pending' | 'published' | 'held' | 'rejected' | 'removed';

export interface PriorReview {
  id: string;
  accountId: string;
  productId: string;
  merchantId: string;
  rating: number;
  title: string;
  body: string;
  at: Date;
  verified: boolean;
  status: ReviewState;
  /** When the verified order was placed (null/absent if unverified or unknown): separates buyers from orders placed minutes before a review. */
  orderAt?: Date | null;
  /** When the author's account was created. Filled on productRecentReviews only (absent elsewhere). */
  authorCreatedAt?: Date | null;
}

export interface RecentPost {
  id: string;
  kind: 'review' | 'comment';
  at: Date;
  textLength: number;
}

/**
 * Identifier kinds in account_identifier. 'ua' values are hashes; 'ip_prefix' is /24 (v4) or /64 (v6); 'ip_block' is
 * the provider block, /16 (v4) or /48 (v6): never followed as a link (see identity-keys ipBlock).
 */
export type IdentifierKind = 'ip' | 'ip_prefix' | 'ip_block' | 'ua' | 'email_norm' | 'device';
/** The kinds that link accounts (linkedAccounts, shared-identity): every kind but the provider block. */
export type LinkKind = Exclude<IdentifierKind, 'ip_block'>;
export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

export interface LinkedAccount {
  account: AccountFacts;
  /**
   * The identifiers this account shares with the author of the submission; `since`, when both had been seen with it
   * (the later of the two first sightings; absent where the source does not say).
   */
  links: (Identifier & { since?: Date })[];
  /** Its reviews, newest first (capped). */
  reviews: PriorReview[];
}

export interface ProductDay {
  /** YYYY-MM-DD in UTC */
  day: string;
  count: number;
  ratingSum: number;
  verifiedCount: number;
}

export interface ProductFacts {
  id: string;
  merchantId: string;
  /** Published reviews before this submission. */
  reviewCount: number;
  ratingSum: number;
  firstReviewAt: Date | null;
  /** Daily counts of all reviews received (any state), oldest first, for the window the policy asks for. */
  daily: ProductDay[];
  /** The product's own name (products.name): phrases made of it are shared by every genuine reviewer, not a template. */
  name?: string;
}

export interface MerchantFacts {
  id: string;
  domain: string | null;
  staffAccountIds: string[];
  /**
   * The author's identifiers (sign-up and posting ip, /24, browser build) that this merchant's declared staff
   * also hold, however common: an office network is shared by its staff by design. `holders` is how many
   * accounts hold the value (counted up to 1000), `staffHolders` how many of them are this merchant's staff.
   * `holderNetworks`, for a browser build held by at most insider.buildSourcesMaxHolders accounts: each holder's
   * network values ("ip:…", "ip_prefix:…"), to count the build's independent sources (one office is one).
   */
  staffLinks?: { kind: IdentifierKind; value: string; holders: number; staffHolders: number; holderNetworks?: Record<string, string[]> }[];
}

/**
 * How popular the author's products are, for the chance model of reviewer-pool overlap: reviews per product and
 * in the whole shop over the days [day(at) − windowDays, day(at) + windowDays] (product_daily and shop_daily rows,
 * as stored at the check). The reviewer-pool check reads reviews within ± windowDays of at: a re-check made after at
 * sees later reviews, and their products' popularity must count the same days (else a product first reviewed after
 * day(at) would have popularity 0 and any co-review of it would look infinitely improbable).
 */
export interface PopularityFacts {
  windowDays: number;
  shopReviews: number;
  /** For the submission's product and the products of the author's reviews in accountReviews. */
  productReviews: Record<string, number>;
  /** Reviews of all the products of the submission's merchant over the same days (absent: not loaded). */
  merchantReviews?: number;
  /**
   * For each product of the author's reviews within windowDays of the submission: its reviews on the days within
   * graph.coReviewDays of the author's reviews of it (coReviewDayRanges), up to the check. A co-review is a review of
   * that product on those days; chance is how many of the shop's reviews it had then (absent: not loaded).
   */
  productReviewsNear?: Record<string, number>;
}

/**
 * The shop's sign-up rate around the author's account creation, for the chance model of "accounts created
 * together": accounts created within ± nearMinutes of it, and within ± baselineHours of it (this account included).
 */
export interface SignupFacts {
  nearMinutes: number;
  nearCount: number;
  baselineHours: number;
  baselineCount: number;
  /** Accounts created within ± togetherDays of it (policy.identity.createdTogetherDays; absent: not loaded). */
  togetherDays?: number;
  togetherCount?: number;
}

/**
 * Weak identity marks of the author and of the other accounts the context lists (authors of productRecentReviews,
 * linked accounts; the reviewerHistories accounts), for scoring several weak links between two accounts against
 * chance (signals/weak-links.ts).
 */
export interface WeakIdentityFacts {
  /** Accounts of the shop created at or before the submission's time. */
  shopAccounts: number;
  /**
   * accountId → creation time, e-mail, and the identifier values seen for it: ip, /24 (ip_prefix) and browser build
   * (ua). Author included. Values are compared for equality only (storage keeps keyed hashes, never raw addresses).
   */
  accounts: Record<string, { createdAt: Date; email: string; ips: string[]; prefixes: string[]; uas: string[] }>;
  /**
   * 'ua:<hash>' / 'ip_prefix:<prefix>' → how many accounts hold the value (counted up to 1000): for the values the
   * author shares with at least one other listed account only.
   */
  holders: Record<string, number>;
}

/**
 * The product's reviewers over a long window, for rings that post one review every few weeks (signals/
 * neighbourhood-drip.ts): the other accounts that reviewed the product within ± windowDays of the submission (closest
 * in time first, cap policy.drift.reviewsCap reviews; S, pending and the author's own reviews excluded), with their
 * reviews (id, time, order time) and their 'ip', 'ip_block' and 'ua' identifier values (sorted); the author's own
 * values; and holders = for each 'ua' or 'ip_block' value the author holds that one of those accounts also holds,
 * how many accounts hold it (counted up to 1000).
 */
export interface ProductHistoryFacts {
  windowDays: number;
  author: { ips: string[]; blocks: string[]; uas: string[] };
  /**
   * The product's reviewers over ± windowDays. A review's `text` is filled when its author holds one of the author's
   * blocks together with one of the author's builds (the accounts neighbourhood-drip tests): a slow ring's earlier
   * reviews are weeks old, outside the burst window and often without a shared LSH band, so no other list carries them.
   */
  reviewers: Record<
    string,
    { reviews: { id: string; at: Date; orderAt: Date | null; text?: { title: string; body: string } }[]; ips: string[]; blocks: string[]; uas: string[] }
  >;
  holders: Record<string, number>;
}

export interface TextModel {
  version: string;
  /** Probability (0..1) that the text is fake, from a model trained on labelled data. */
  score(text: string): number;
}

/**
 * How many reviews of the product and of its category contain each text key of the submission (stemmed pairs of
 * adjacent content words 'w:…', sentence skeletons 'k:…'; see text-fingerprint textStatKeys). Counts are of reviews
 * posted before this check, any state; the submission itself is not counted at its first check.
 */
export interface TextKeyStats {
  category: string;
  productDocs: number;
  categoryDocs: number;
  /** key → reviews of this product containing it (absent = none). */
  productKeyDocs: Record<string, number>;
  /** key → reviews of the category (this product included) containing it. */
  categoryKeyDocs: Record<string, number>;
}

/**
 * The shop's habits between ordering and reviewing, for the chance model of buyers who ordered and reviewed together
 * (signals/order-cohort.ts): the order→review delays, in hours, of the shop's most recent reviews backed by an order
 * (up to policy.farms.delaySampleSize, posted at or before the check; the submission itself excluded).
 */
export interface OrderDelayFacts {
  hours: number[];
  /**
   * The product's orders placed by other accounts up to the moment of the check: `near` within ± farms.orderBandHours
   * of the author's order, `wide` within ± farms.orderRateDays of it (near included); `firstAt`: the product's first
   * recorded order (any account, null if none), before which it was not on sale. Absent: not counted, and the
   * orders-together test uses the shop's delays only.
   */
  productOrders?: { near: number; wide: number; firstAt?: Date | null };
}

/**
 * Everything a check may look at. Each list has a window and a cap (see policy.context); when a cap was hit
 * the name of the list is in `capped`, so the evidence can say the picture is partial.
 */
export interface AssessmentContext {
  account: AccountFacts;
  /** The author's other reviews (any product, any state but pending), newest first. */
  accountReviews: PriorReview[];
  /** The author's posts (reviews and comments) in the 24 hours before `at`. */
  accountRecentPosts: RecentPost[];
  /** Other reviews whose text shares a MinHash LSH band with the submission. */
  textCandidates: PriorReview[];
  /** Accounts that share an ip, ip prefix, ua, normalised email or device with the author. */
  linkedAccounts: LinkedAccount[];
  product: ProductFacts;
  /** Reviews of the same product in the burst window around `at`, newest first. */
  productRecentReviews: PriorReview[];
  /** For accounts in productRecentReviews and linkedAccounts: their reviews (for reviewer-pool overlap). */
  reviewerHistories: Record<string, PriorReview[]>;
  /**
   * For the reviewer-pool test only: the histories (like reviewerHistories) of the product's other reviewers within
   * ± graph.poolProductDays of the submission who are not in reviewerHistories, closest in time first, up to
   * graph.poolReviewersCap accounts. Absent: the pool test tests the reviewerHistories accounts only.
   */
  poolReviewerHistories?: Record<string, PriorReview[]>;
  merchant: MerchantFacts;
  model: TextModel | null;
  /** Absent when the loader did not provide it: the chance-based checks then stay silent. */
  popularity?: PopularityFacts;
  signups?: SignupFacts;
  /** Absent when the loader did not provide it: the weak-link combination then stays silent. */
  weakIdentity?: WeakIdentityFacts;
  capped: string[];
  /** Text key frequencies in the product and its category, for comparing shared wording with chance (absent: unknown). */
  textStats?: TextKeyStats;
  /** Absent when the loader did not provide it: the order-cohort check then stays silent. */
  orderDelays?: OrderDelayFacts;
  /** Absent when the loader did not provide it: the neighbourhood-drip check then stays silent. */
  productHistory?: ProductHistoryFacts;
  /**
   * For each of the author's addresses that a linked account shares (address value → facts), how the address's provider
   * block hands its addresses round (see AddressPoolFacts). Absent or missing an address: unknown (no pool test).
   */
  addressPools?: Record<string, AddressPoolFacts>;
  /**
   * The moment of the check (set by assess from its `now`): lists that look after the submission (productRecentReviews)
   * hold nothing later than this, which the chance models must know.
   */
  checkedAt?: Date;
  /** The submission's photos' perceptual hashes and near matches among other reviews' photos (absent: no photos). */
  photos?: PhotoFacts;
  /** Loaded only for a review by a throwaway account (signals/throwaway-cohort.ts); absent: the check stays silent. */
  throwaways?: ThrowawayFacts;
}

/**
 * How common throwaway accounts' reviews are in the shop: among its `sample` most recent stored reviews at or before
 * the check (S and pending excluded), `throwaways` had no order and were posted at most throwaways.accountHours after
 * their account was opened.
 */
export interface ThrowawayFacts {
  sample: number;
  throwaways: number;
}

/**
 * One provider block's use by the shop's accounts (identifier rows with first_seen ≤ the check's moment, the author's
 * own excluded), split by the accounts' creation: outside ± policy.identity.createdTogetherDays of the author's (the
 * background: holdings = account × address pairs, addresses = distinct addresses) and inside it (holdings only); and
 * how many of the block's addresses the author holds. An address whose block holds more than
 * policy.identity.poolHoldingsCap such rows has no entry (its block is not read).
 */
export interface AddressPoolFacts {
  /** The block's keyed value: two of the author's addresses with the same block are one pool. */
  block: string;
  outsideHoldings: number;
  outsideAddresses: number;
  insideHoldings: number;
  authorAddresses: number;
}

/** Review photos as perceptual hashes (photo-hash.ts): the submission's own, and other reviews' candidates. */
export interface PhotoFacts {
  hashes: string[];
  others: { hash: string; reviewId: string; accountId: string; productId: string; status: ReviewState; at: Date }[];
}

export interface SignalResult {
  /** Stable name, e.g. 'shared-identity', 'near-duplicate', 'rating-conditioned-reward'. */
  signal: string;
  family: Family;
  /** The label this signal argues for; null for purely mitigating signals. */
  label: Label | null;
  /** Strength 0..1 already multiplied by the policy weight. Negative for mitigating evidence. */
  weight: number;
  /** Plain words for authors and moderators. */
  summary: string;
  evidence: Record<string, unknown>;
}

export interface Verdict {
  decision: Decision;
  labels: Label[];
  /** Highest combined per-label score, 0..1. */
  score: number;
  reasons: SignalResult[];
  /** Earlier reviews this verdict implicates: storage re-assesses those still published. */
  reopen: string[];
  /** When the verdict rests on a window still open: check again at this time (null: no need). */
  recheckAt?: Date | null;
  policyVersion: string;
  modelVersion: string | null;
}
