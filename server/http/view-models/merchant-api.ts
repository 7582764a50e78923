import type { PublicProductReviews } from '../../merchants/public-reviews.js';
import type { MerchantProduct, PublicReviewRow, RatingSummary } from '../../merchants/public-reviews.js';
import type { ReviewPhotoRow } from '../../reviews/review-photos.js';
import { formatDate, starsText } from './format.js';
import type { ReviewerRecord } from '../../reviews/reviewer-record.js';
import { reviewerJson } from './reviewer-record.js';
import { highlightParts } from './highlight-parts.js';

/** A review as the public API gives it; photo addresses are absolute (`publicUrl` has no trailing slash). */
export function publicReviewJson(
  r: PublicReviewRow & { reviewer: ReviewerRecord | null; photos?: ReviewPhotoRow[]; titleHighlight?: string | null; bodyHighlight?: string | null },
  publicUrl: string,
) {
  return {
    id: r.id,
    rating: r.rating,
    title: r.title,
    body: r.body,
    author: r.authorName,
    verified_purchase: r.verified,
    incentive: r.incentiveKind,
    helpful_count: r.helpfulCount,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    reply: r.reply ? { body: r.reply.body, updated_at: r.reply.at.toISOString() } : null,
    reviewer: reviewerJson(r.reviewer, publicUrl),
    // With a search: the title and body as plain parts, matched words flagged. Parts, not HTML, so a client
    // escapes the text itself and never has to trust markup built from a review.
    highlight:
      r.titleHighlight != null || r.bodyHighlight != null
        ? { title: highlightParts(r.titleHighlight ?? r.title), body: highlightParts(r.bodyHighlight ?? r.body) }
        : null,
    photos: (r.photos ?? []).map((photo) => ({
      url: `${publicUrl}/photos/${encodeURIComponent(photo.id)}/display.webp`,
      width: photo.displayWidth,
      height: photo.displayHeight,
      thumbnail_url: `${publicUrl}/photos/${encodeURIComponent(photo.id)}/thumb.webp`,
      thumbnail_width: photo.thumbWidth,
      thumbnail_height: photo.thumbHeight,
      alt: photo.alt,
    })),
  };
}

export function summaryJson(merchantId: string, product: MerchantProduct, summary: RatingSummary, url: string) {
  return {
    merchant_id: merchantId,
    sku: product.sku,
    product_name: product.name,
    url,
    review_count: summary.count,
    average_rating: summary.average === null ? null : Math.round(summary.average * 100) / 100,
    verified_count: summary.verifiedCount,
    histogram: Object.fromEntries(summary.histogram.map((n, i) => [String(i + 1), n])),
  };
}

export function snippetView(data: PublicProductReviews, url: string) {
  return {
    sku: data.product.sku,
    productName: data.product.name,
    merchantName: data.merchant.name,
    url,
    count: data.summary.count,
    average: data.summary.average === null ? null : data.summary.average.toFixed(1),
    reviews: data.reviews.map((r) => ({
      id: r.id,
      rating: r.rating,
      stars: starsText(r.rating),
      title: r.title,
      body: r.body,
      author: r.authorName,
      date: formatDate(r.createdAt),
      isoDate: r.createdAt.toISOString().slice(0, 10),
      verified: r.verified,
      reply: r.reply ? { body: r.reply.body } : null,
    })),
  };
}
