// Everything a moderator needs to decide one item, side by side: the item and its verdicts with every piece
// of evidence the signals recorded, the reviews it resembles (shared phrases marked), the linked accounts and
// what links them, the author's history, the product's daily timeline with the burst window, quotes, reports,
// the appeal and the audit trail.
import { notFound } from '../domain-errors.js';
import { jaccard, sharedPhrases, wordShingles } from '../integrity/text-fingerprint.js';
import type { SignalResult } from '../integrity/types.js';
import { defaultPolicy } from '../integrity/policy.js';
import { findAppealForTarget, type AppealRecord } from '../storage/appeal-repo.js';
import { listVotesFor, type VoteRow } from '../storage/engagement-repo.js';
import type { Database } from '../storage/database.js';
import {
  accountSummaries,
  commentsByAccount,
  findItem,
  linkedIdentifiers,
  listAudit,
  listReportsFor,
  listVerdicts,
  productAndMerchant,
  productTimeline,
  reviewsByAccounts,
  reviewsByIds,
  type AccountSummary,
  type AuditRow,
  type CommentSummary,
  type ItemKind,
  type ModerationItem,
  type ProductTimelineDay,
  type RelatedReview,
  type ReportRow,
  type VerdictRow,
} from '../storage/moderation-repo.js';
import { highlightFields, type Segment } from './highlight.js';

const DAY_MS = 86_400_000;
const TEXT_SIGNALS = new Set(['duplicate-text', 'near-duplicate-text', 'copied-text', 'shared-rare-phrase', 'templated-across-products']);
const QUOTE_SIGNALS = new Set([
  'rating-conditioned-reward',
  'reported-offer',
  'undisclosed-reward-language',
  'disclosed-incentive',
  'declared-staff',
  'merchant-domain-email',
  'shares-identity-with-staff',
]);
const TIMELINE_DAYS_BEFORE = 60;
const TIMELINE_DAYS_AFTER = 7;
// The window the integrity policy calls "created together" (shown to moderators beside each linked account).
const CREATED_TOGETHER_DAYS = defaultPolicy.identity.createdTogetherDays;

export const IDENTIFIER_WORDS: Record<string, string> = {
  ip: 'Same IP address',
  ip_prefix: 'Same subnet',
  ua: 'Same browser build',
  email_norm: 'Same mailbox (dots and +tags ignored)',
  device: 'Same device',
};

export interface SimilarReview {
  review: RelatedReview;
  similarity: number;
  phrases: string[];
  titleSegments: Segment[];
  bodySegments: Segment[];
  signals: string[];
}

export interface LinkedAccountEvidence {
  account: AccountSummary;
  links: { kind: string; value: string; words: string }[];
  createdApartDays: number;
  createdTogether: boolean;
  sameEmailPattern: boolean;
  emailPattern: string;
  reviews: RelatedReview[];
}

export interface ItemEvidence {
  item: ModerationItem;
  product: NonNullable<Awaited<ReturnType<typeof productAndMerchant>>>;
  author: AccountSummary & { emailPattern: string };
  verdict: VerdictRow | null;
  verdicts: VerdictRow[];
  titleSegments: Segment[];
  bodySegments: Segment[];
  similar: SimilarReview[];
  linked: LinkedAccountEvidence[];
  history: { reviews: RelatedReview[]; comments: CommentSummary[]; accountAudit: AuditRow[] };
  timeline: { days: ProductTimelineDay[]; from: string; to: string; itemDay: string; burst: { from: string; to: string } | null };
  quotes: { signal: string; summary: string; text: string }[];
  reports: ReportRow[];
  /** Helpful votes on a review: which count, and what links the others to a counted vote. */
  votes: VoteRow[];
  appeal: AppealRecord | null;
  audit: AuditRow[];
  /** Reviews a cluster action may touch: those still held or published. */
  cluster: RelatedReview[];
  /** Every review the evidence ties to this one, whatever its state (a cluster form may be older than a decision). */
  clusterMemberIds: string[];
}

/** "jane.doe1987@mail.example" → "aaaa.aaa9999@mail.example": the shape bulk-created addresses share. */
export function emailPattern(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : '';
  const shape = local
    .toLowerCase()
    .replace(/\p{L}+/gu, (m) => 'a'.repeat(Math.min(m.length, 4)))
    .replace(/\d+/g, (m) => '9'.repeat(Math.min(m.length, 4)));
  return `${shape}@${domain}`;
}

// Evidence is whatever JSON a signal chose to record, and new signals add new shapes: everything below reads it
// defensively (a phrase may be a string or {phrase, …}; a list may hold ids or objects) so that no shape can turn
// the item page into an error.

/** A signal's evidence as an object, whatever was stored. */
function evidenceOf(r: SignalResult): Record<string, unknown> {
  const e = r.evidence as unknown;
  return e && typeof e === 'object' && !Array.isArray(e) ? (e as Record<string, unknown>) : { value: e };
}

/** The strings in a list of ids. */
function stringsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Phrases recorded as strings or as objects carrying one ({phrase, accounts} from the template signal). */
export function phrasesIn(value: unknown): string[] {
  if (!Array.isArray(value)) return typeof value === 'string' ? [value] : [];
  const out: string[] = [];
  for (const v of value) {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') {
      const phrase = (v as Record<string, unknown>).phrase ?? (v as Record<string, unknown>).text;
      if (typeof phrase === 'string') out.push(phrase);
    }
  }
  return out;
}

function evidenceIds(reasons: SignalResult[], key: 'reviews' | 'accounts', only?: Set<string>): string[] {
  const out = new Set<string>();
  for (const r of reasons) {
    if (only && !only.has(r.signal)) continue;
    const value = evidenceOf(r)[key];
    if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.add(v);
  }
  if (key === 'accounts') {
    for (const r of reasons) {
      for (const k of ['links', 'linkStrength', 'jaccard']) {
        const v = evidenceOf(r)[k];
        if (v && typeof v === 'object' && !Array.isArray(v)) Object.keys(v).forEach((id) => out.add(id));
      }
      stringsIn(evidenceOf(r).staffAccounts).forEach((id) => out.add(id));
    }
  }
  return [...out];
}

function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function loadItemEvidence(db: Database, kind: ItemKind, id: string): Promise<ItemEvidence> {
  const item = await findItem(db, kind, id);
  if (!item) throw notFound(`The ${kind}`);
  const product = await productAndMerchant(db, item.productId);
  if (!product) throw notFound('The product');
  const verdicts = await listVerdicts(db, kind, id);
  const verdict = verdicts[0] ?? null;
  const reasons = verdict?.reasons ?? [];
  const [authorRow] = await accountSummaries(db, [item.accountId]);
  if (!authorRow) throw notFound('The author');
  const author = { ...authorRow, emailPattern: emailPattern(authorRow.email) };

  // Similar reviews: those the text signals named, plus any other review the evidence names.
  const textIds = evidenceIds(reasons, 'reviews', TEXT_SIGNALS);
  const otherIds = evidenceIds(reasons, 'reviews').filter((x) => !textIds.includes(x));
  const related = await reviewsByIds(
    db,
    [...textIds, ...otherIds].filter((x) => x !== item.id),
  );
  const itemText = `${item.title}\n${item.body}`;
  const itemShingles = wordShingles(itemText, 3);
  const allPhrases = new Set<string>();
  const similar: SimilarReview[] = related
    .filter((r) => textIds.includes(r.id))
    .map((r) => {
      const other = `${r.title}\n${r.body}`;
      const phrases = sharedPhrases(itemText, other, 3);
      phrases.forEach((p) => allPhrases.add(p));
      const marked = highlightFields(r.title, r.body, phrases);
      return {
        review: r,
        similarity: Math.round(jaccard(itemShingles, wordShingles(other, 3)) * 100) / 100,
        phrases,
        titleSegments: marked.title,
        bodySegments: marked.body,
        signals: reasons.filter((s) => stringsIn(evidenceOf(s).reviews).includes(r.id)).map((s) => s.signal),
      };
    })
    .sort((a, b) => b.similarity - a.similarity);
  for (const s of reasons) for (const p of phrasesIn(evidenceOf(s).sharedPhrases)) allPhrases.add(p);

  // Linked accounts: every account sharing an identifier, plus those the signals named.
  const links = await linkedIdentifiers(db, item.accountId);
  const linkedIds = [...new Set([...links.map((l) => l.accountId), ...evidenceIds(reasons, 'accounts')])].filter((x) => x !== item.accountId).slice(0, 50);
  const linkedAccounts = await accountSummaries(db, linkedIds);
  const linkedReviews = await reviewsByAccounts(db, linkedIds, 300);
  const linked: LinkedAccountEvidence[] = linkedAccounts
    .map((account) => {
      const apart = Math.abs(account.createdAt.getTime() - author.createdAt.getTime()) / DAY_MS;
      const pattern = emailPattern(account.email);
      return {
        account,
        links: links.filter((l) => l.accountId === account.id).map((l) => ({ kind: l.kind, value: l.value, words: IDENTIFIER_WORDS[l.kind] ?? l.kind })),
        createdApartDays: Math.round(apart * 10) / 10,
        createdTogether: apart <= CREATED_TOGETHER_DAYS,
        sameEmailPattern: pattern === author.emailPattern,
        emailPattern: pattern,
        reviews: linkedReviews
          .filter((r) => r.accountId === account.id && (r.productId === item.productId || related.some((x) => x.id === r.id) || r.status === 'held'))
          .slice(0, 10),
      };
    })
    .sort((a, b) => b.links.length - a.links.length);

  // Timeline with the burst window: the days spanned by the reviews the burst signal named.
  const from = new Date(item.createdAt.getTime() - TIMELINE_DAYS_BEFORE * DAY_MS);
  const to = new Date(item.createdAt.getTime() + TIMELINE_DAYS_AFTER * DAY_MS);
  const days = await productTimeline(db, item.productId, from, to);
  const burstSignal = reasons.find((r) => r.signal === 'review-burst');
  let burst: { from: string; to: string } | null = null;
  if (burstSignal) {
    const ids = stringsIn(evidenceOf(burstSignal).reviews);
    const dates = [item.createdAt, ...related.filter((r) => ids.includes(r.id)).map((r) => r.createdAt)].map((d) => d.getTime());
    burst = { from: dayKey(new Date(Math.min(...dates))), to: dayKey(new Date(Math.max(...dates))) };
  }

  const quotes = reasons
    .filter((r) => QUOTE_SIGNALS.has(r.signal))
    .map((r) => ({ signal: r.signal, summary: r.summary, text: typeof evidenceOf(r).excerpt === 'string' ? (evidenceOf(r).excerpt as string) : '' }));

  // The cluster: reviews the evidence ties to this one, by the author or by linked accounts, still actionable.
  const ownReviews = await reviewsByAccounts(db, [item.accountId], 100);
  const clusterMap = new Map<string, RelatedReview>();
  for (const r of [...related, ...ownReviews.filter((r) => r.status === 'held'), ...linked.flatMap((l) => l.reviews)]) {
    if (r.id !== item.id) clusterMap.set(r.id, r);
  }

  const itemMarked = highlightFields(item.title, item.body, [...allPhrases]);
  return {
    item,
    product,
    author,
    verdict,
    verdicts,
    titleSegments: itemMarked.title,
    bodySegments: itemMarked.body,
    similar,
    linked,
    history: {
      reviews: ownReviews.filter((r) => r.id !== item.id),
      comments: await commentsByAccount(db, item.accountId),
      accountAudit: await listAudit(db, { targetKind: 'account', targetId: item.accountId, limit: 20 }),
    },
    timeline: { days, from: dayKey(from), to: dayKey(to), itemDay: dayKey(item.createdAt), burst },
    quotes,
    reports: await listReportsFor(db, kind, id),
    votes: kind === 'review' ? await listVotesFor(db, id) : [],
    appeal: await findAppealForTarget(db, kind, id),
    audit: await listAudit(db, { targetKind: kind, targetId: id, limit: 100 }),
    cluster: [...clusterMap.values()].filter((r) => r.status === 'held' || r.status === 'published'),
    clusterMemberIds: [...clusterMap.keys()],
  };
}

/** The ids a cluster action on this item may touch (the item itself included). */
export async function clusterIds(db: Database, reviewId: string): Promise<Set<string>> {
  const evidence = await loadItemEvidence(db, 'review', reviewId);
  return new Set([reviewId, ...evidence.clusterMemberIds]);
}
