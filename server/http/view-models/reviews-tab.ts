import type { ReviewsTab } from '../../reviews/reviews-tab.js';
import type { RatingSummary, SortKey } from '../../reviews/reviews-tab-shapes.js';
import { highlightParts } from './highlight-parts.js';
import { reviewerRecordView } from './reviewer-record.js';
import { INCENTIVE_LABELS, STATE_LABELS, formatDate, starsText } from './format.js';
import { reviewPhotosView } from './review-photos.js';

export function summaryView(summary: RatingSummary) {
  const max = Math.max(1, ...summary.histogram);
  return {
    count: summary.count,
    average: summary.average === null ? null : summary.average.toFixed(1),
    averageStars: summary.average === null ? 0 : Math.round(summary.average),
    starsText: summary.average === null ? '' : starsText(Math.round(summary.average)),
    verifiedCount: summary.verifiedCount,
    bars: [5, 4, 3, 2, 1].map((stars) => {
      const n = summary.histogram[stars - 1]!;
      return {
        stars,
        count: n,
        percent: summary.count ? Math.round((n / summary.count) * 100) : 0,
        // Widths as classes (w0…w100 in steps of 5) keep the CSP free of inline styles.
        widthClass: `w${Math.round(((n / max) * 100) / 5) * 5}`,
      };
    }),
  };
}

const SORT_LABELS: Record<SortKey, string> = {
  relevant: 'Most relevant',
  newest: 'Newest',
  helpful: 'Most helpful',
  highest: 'Highest rating',
  lowest: 'Lowest rating',
};

export function reviewsTabView(
  tab: ReviewsTab,
  query: { sort: SortKey; stars: number | null; verifiedOnly: boolean; search?: string | null },
  viewerId: string | null,
) {
  const base = `/products/${encodeURIComponent(tab.product.slug)}/reviews`;
  const link = (over: Partial<{ sort: SortKey; stars: number | null; verified: boolean; page: number }>) => {
    const params = new URLSearchParams();
    const sort = over.sort ?? query.sort;
    const stars = 'stars' in over ? over.stars : query.stars;
    const verified = over.verified ?? query.verifiedOnly;
    if (sort !== 'newest') params.set('sort', sort);
    if (stars) params.set('stars', String(stars));
    if (verified) params.set('verified', '1');
    if (query.search) params.set('q', query.search);
    if (over.page && over.page > 1) params.set('page', String(over.page));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  return {
    product: tab.product,
    summary: summaryView(tab.summary),
    estimate:
      tab.estimate.mean === null
        ? null
        : {
            bayesian: tab.estimate.bayesian.toFixed(2),
            priorMean: tab.estimate.priorMean.toFixed(2),
            priorWeight: tab.estimate.priorWeight,
          },
    starFilters: [5, 4, 3, 2, 1].map((stars) => ({
      stars,
      active: query.stars === stars,
      href: link({ stars: query.stars === stars ? null : stars, page: 1 }),
      count: tab.summary.histogram[stars - 1],
    })),
    sorts: (Object.keys(SORT_LABELS) as SortKey[]).map((key) => ({ key, label: SORT_LABELS[key], selected: key === query.sort })),
    query: { sort: query.sort, stars: query.stars, verifiedOnly: query.verifiedOnly, search: query.search ?? null },
    clearFiltersHref: query.stars || query.verifiedOnly ? link({ stars: null, verified: false, page: 1 }) : null,
    clearSearchHref: query.search ? `${base}${query.sort !== 'newest' ? `?sort=${query.sort}` : ''}` : null,
    total: tab.total,
    reviews: tab.reviews.map((r) => ({
      id: r.id,
      authorName: r.authorName,
      rating: r.rating,
      stars: starsText(r.rating),
      title: r.title,
      body: r.body,
      titleParts: r.titleHighlight === null ? null : highlightParts(r.titleHighlight),
      bodyParts: r.bodyHighlight === null ? null : highlightParts(r.bodyHighlight),
      date: formatDate(r.createdAt),
      isoDate: r.createdAt.toISOString(),
      edited: r.updatedAt.getTime() - r.createdAt.getTime() > 60_000,
      verified: r.verified,
      incentive: r.incentiveKind
        ? (INCENTIVE_LABELS[r.incentiveKind] ?? 'Received an incentive')
        : r.labels.includes('incentivized')
          ? 'Mentions a reward'
          : null,
      staff: r.authorIsStaff,
      reviewer: reviewerRecordView(r.reviewer),
      helpfulCount: r.helpfulCount,
      votedByViewer: r.votedByViewer,
      isOwn: viewerId === r.accountId,
      reportedByViewer: r.reportedByViewer,
      photos: reviewPhotosView(r.photos),
      canVote: viewerId !== null && viewerId !== r.accountId && r.status === 'published',
      published: r.status === 'published',
      awaitingModerator: r.status === 'held' || r.status === 'pending',
      stateLabel: STATE_LABELS[r.status],
      heldReasons: r.heldReasons,
      reply: r.reply
        ? {
            ...r.reply,
            date: formatDate(r.reply.at),
            resolvedDate: r.reply.resolvedAt ? formatDate(r.reply.resolvedAt) : null,
            // The author (only) is asked whether the follow-up put things right, until they answer.
            askAuthor: r.reply.followUp && r.reply.outcome === null && viewerId === r.accountId,
          }
        : null,
      comments: r.comments.map((c) => ({
        id: c.id,
        authorName: c.authorName,
        body: c.body,
        date: formatDate(c.createdAt),
        published: c.status === 'published',
        stateLabel: STATE_LABELS[c.status],
        heldReasons: c.heldReasons,
        replies: c.replies.map((reply) => ({
          id: reply.id,
          authorName: reply.authorName,
          body: reply.body,
          date: formatDate(reply.createdAt),
          published: reply.status === 'published',
          stateLabel: STATE_LABELS[reply.status],
        })),
      })),
    })),
    pagination:
      tab.pageCount > 1
        ? {
            page: tab.page,
            pageCount: tab.pageCount,
            prev: tab.page > 1 ? link({ page: tab.page - 1 }) : null,
            next: tab.page < tab.pageCount ? link({ page: tab.page + 1 }) : null,
          }
        : null,
    viewerHasReviewed: tab.viewerHasReviewed,
  };
}
