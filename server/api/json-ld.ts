// PURE. schema.org Product + AggregateRating + Review, the structured data search engines read.
import { isPublic } from '../integrity/states.js';
import type { ReviewState } from '../integrity/types.js';

export interface JsonLdInput {
  name: string;
  sku: string;
  description: string;
  url: string;
  merchantName: string;
  count: number;
  average: number | null;
  /** Each with its state: only published ones are ever written out, whichever page or API builds the document. */
  reviews: { title: string; body: string; rating: number; authorName: string; createdAt: Date; status: ReviewState }[];
}

export function productJsonLd(input: JsonLdInput): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: input.name,
    sku: input.sku,
    url: input.url,
    ...(input.description ? { description: input.description } : {}),
    // No Offer: without a price, search engines flag it as an error; the merchant's own page carries offers.
  };
  if (input.count > 0 && input.average !== null) {
    doc.aggregateRating = {
      '@type': 'AggregateRating',
      ratingValue: Math.round(input.average * 10) / 10,
      reviewCount: input.count,
      bestRating: 5,
      worstRating: 1,
    };
  }
  const published = input.reviews.filter((r) => isPublic(r.status));
  if (published.length > 0) {
    doc.review = published.map((r) => ({
      '@type': 'Review',
      name: r.title,
      reviewBody: r.body,
      datePublished: r.createdAt.toISOString().slice(0, 10),
      author: { '@type': 'Person', name: r.authorName },
      reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
    }));
  }
  return doc;
}

/**
 * JSON for a <script type="application/ld+json"> element. `<` is escaped so that no review text can close the
 * script element ("</script>") or open a comment; U+2028/2029 and `>`/`&` are escaped for good measure.
 * The result is valid JSON and is inserted unescaped ({{{jsonLd}}}) only because of this.
 */
export function serializeJsonLd(doc: unknown): string {
  return JSON.stringify(doc)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
