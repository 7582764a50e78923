import type { ReviewerProfile, ReviewerRecord } from '../../reviews/reviewer-record.js';
import { INCENTIVE_LABELS, formatDate, starsText } from './format.js';

const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function reviewerHref(accountId: string): string {
  return `/reviewers/${encodeURIComponent(accountId)}`;
}

/** The figures beside a review (tab and widget); null for a deleted account, which has no record or profile. */
export function reviewerRecordView(record: ReviewerRecord | null) {
  if (!record) return null;
  return {
    href: reviewerHref(record.accountId),
    name: record.displayName,
    memberSince: MONTH_FORMAT.format(record.memberSince),
    memberSinceIso: record.memberSince.toISOString().slice(0, 10),
    reviews: record.publishedReviews,
    verifiedPercent: Math.round(record.verifiedShare * 100),
    helpfulVotes: record.helpfulVotes,
  };
}

export function reviewerProfileView(profile: ReviewerProfile) {
  const href = reviewerHref(profile.record.accountId);
  const pageHref = (page: number) => (page > 1 ? `${href}?page=${page}` : href);
  return {
    record: reviewerRecordView(profile.record)!,
    reviews: profile.reviews.map((r) => ({
      id: r.id,
      productName: r.productName,
      merchantName: r.merchantName,
      href: `/products/${encodeURIComponent(r.productSlug)}/reviews#review-${encodeURIComponent(r.id)}`,
      rating: r.rating,
      stars: starsText(r.rating),
      title: r.title,
      body: r.body,
      date: formatDate(r.createdAt),
      isoDate: r.createdAt.toISOString(),
      verified: r.verified,
      incentive: r.incentiveKind
        ? (INCENTIVE_LABELS[r.incentiveKind] ?? 'Received an incentive')
        : r.labels.includes('incentivized')
          ? 'Mentions a reward'
          : null,
      helpfulCount: r.helpfulCount,
    })),
    pagination:
      profile.pageCount > 1
        ? {
            page: profile.page,
            pageCount: profile.pageCount,
            prev: profile.page > 1 ? pageHref(profile.page - 1) : null,
            next: profile.page < profile.pageCount ? pageHref(profile.page + 1) : null,
          }
        : null,
  };
}

/** The record in the public API (snake_case, absolute profile address); null for a deleted account. */
export function reviewerJson(record: ReviewerRecord | null, publicUrl: string) {
  if (!record) return null;
  return {
    profile_url: `${publicUrl}${reviewerHref(record.accountId)}`,
    member_since: record.memberSince.toISOString(),
    published_reviews: record.publishedReviews,
    verified_share: Math.round(record.verifiedShare * 1000) / 1000,
    helpful_votes: record.helpfulVotes,
  };
}
