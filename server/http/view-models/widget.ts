import { questionsView } from './product-questions.js';
import type { WidgetReviews } from '../../reviews/widget-reviews.js';
import type { WidgetFrameQuery, WidgetWriteQuery } from '../schemas/widget-query.js';
import { reviewsTabView } from './reviews-tab.js';
import { answerHref, answeredNote, askHref, askedNote } from './widget-ask.js';

const POSTED_NOTES = {
  published: 'Thank you! Your review is published.',
  held: 'Thank you! Your review is held for a moderator and will appear here once a person has checked it.',
  rejected: 'Your review is not published; your Candor account page says why.',
} as const;

/** The frame's own address with some parameters changed: filters and pages stay inside the frame. */
export function frameHref(query: WidgetFrameQuery, over: { stars?: number | null; page?: number; posted?: null } = {}): string {
  const params = new URLSearchParams({ merchant: query.merchant, product: query.product, theme: query.theme });
  if (query.accent) params.set('accent', query.accent);
  if (query.origin) params.set('origin', query.origin);
  const stars = 'stars' in over ? over.stars : query.stars;
  if (stars) params.set('stars', String(stars));
  const page = over.page ?? query.page;
  if (page > 1) params.set('page', String(page));
  return `/widget/frame?${params}`;
}

export function writeHref(query: Pick<WidgetWriteQuery, 'merchant' | 'product' | 'origin'>): string {
  const params = new URLSearchParams({ merchant: query.merchant, product: query.product });
  if (query.origin) params.set('origin', query.origin);
  return `/widget/write?${params}`;
}

/** Everything the frame's <html> element needs before the first paint: theme class, colour scheme, accent. */
export function frameChrome(query: Pick<WidgetFrameQuery, 'theme' | 'accent'>, parentOrigin: string | null) {
  return {
    // Relative to views/layouts: the widget's layout lives with its views.
    layout: '../widget/layout',
    theme: query.theme,
    colorScheme: query.theme === 'auto' ? 'light dark' : query.theme,
    accentHref: query.accent ? `/widget/theme.css?${new URLSearchParams({ accent: query.accent.toLowerCase() })}` : null,
    parentOrigin,
  };
}

export function widgetFrameView(data: WidgetReviews, query: WidgetFrameQuery, viewerId: string | null) {
  const stars = query.stars ?? null;
  const tab = reviewsTabView(data.tab, { sort: 'newest', stars, verifiedOnly: false }, viewerId);
  const productPage = `/products/${encodeURIComponent(data.product.slug)}/reviews`;
  return {
    product: data.product,
    summary: tab.summary,
    // Each published question opens the answer popup for itself (the frame has no session: everyone gets the button).
    questions: questionsView(data.questions, data.product.slug, null).items.map((q) => ({
      ...q,
      answerHref: q.published ? answerHref({ ...query, question: q.id }) : null,
    })),
    starFilters: tab.starFilters.map((f) => ({ ...f, href: frameHref(query, { stars: f.active ? null : f.stars, page: 1 }) })),
    filter: stars ? { stars, clearHref: frameHref(query, { stars: null, page: 1 }) } : null,
    reviews: tab.reviews,
    total: tab.total,
    pagination: tab.pagination
      ? {
          page: tab.pagination.page,
          pageCount: tab.pagination.pageCount,
          prev: tab.pagination.prev ? frameHref(query, { page: data.tab.page - 1 }) : null,
          next: tab.pagination.next ? frameHref(query, { page: data.tab.page + 1 }) : null,
        }
      : null,
    posted: query.posted ? { state: query.posted, note: POSTED_NOTES[query.posted] } : null,
    writeHref: writeHref(query),
    askHref: askHref(query),
    asked: askedNote(query.asked),
    answered: answeredNote(query.answered),
    productPage,
    viewerHasReviewed: tab.viewerHasReviewed,
  };
}

/** The star badge: average, count and a link to the product's reviews tab on Candor. */
export function widgetBadgeView(data: WidgetReviews) {
  const summary = data.tab.summary;
  return {
    productName: data.product.name,
    average: summary.average === null ? null : summary.average.toFixed(1),
    averageValue: summary.average ?? 0,
    count: summary.count,
    tabHref: `/products/${encodeURIComponent(data.product.slug)}/reviews`,
  };
}
