// The public API's contract. Tests compile the response schemas below with ajv and validate real responses
// against them, so this document cannot drift from what the server sends.
import { questionPaths, questionSchemas } from './openapi-questions.js';
import { RELEVANCE } from '../reviews/review-relevance.js';
import { SORT_KEYS } from '../reviews/reviews-tab-shapes.js';

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });
const pathParams = [
  { name: 'merchantId', in: 'path', required: true, schema: { type: 'string' }, description: 'The merchant id, e.g. m_acme.' },
  { name: 'sku', in: 'path', required: true, schema: { type: 'string' }, description: "The product's SKU in the merchant's catalog." },
];
const cachingHeaders = {
  ETag: { schema: { type: 'string' }, description: 'Send it back in If-None-Match; an unchanged resource answers 304.' },
  'Cache-Control': { schema: { type: 'string' } },
};

export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Candor public API',
      version: '1.0.0',
      // Linters and API clients expect the licence in the contract itself.
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Published reviews, rating summaries and questions and answers per product (no key needed; readable from browsers on the merchant’s allowed origins), and order reporting for review invitations (API key). Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: publicUrl.replace(/\/$/, '') }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A merchant API key from the merchant area (cnd_…).' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string', format: 'uri-reference' },
            title: { type: 'string' },
            status: { type: 'integer', minimum: 400, maximum: 599 },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'string' } },
          },
        },
        Reply: {
          type: 'object',
          required: ['body', 'updated_at'],
          additionalProperties: false,
          properties: { body: { type: 'string' }, updated_at: { type: 'string', format: 'date-time' } },
        },
        Photo: {
          type: 'object',
          additionalProperties: false,
          description: 'A photo of the review, re-encoded as WebP without metadata; the addresses never change.',
          required: ['url', 'width', 'height', 'thumbnail_url', 'thumbnail_width', 'thumbnail_height', 'alt'],
          properties: {
            url: { type: 'string', format: 'uri', description: 'The display size (at most 1600 px on the longest side).' },
            width: { type: 'integer', minimum: 1 },
            height: { type: 'integer', minimum: 1 },
            thumbnail_url: { type: 'string', format: 'uri', description: 'The thumbnail (at most 320 px on the longest side).' },
            thumbnail_width: { type: 'integer', minimum: 1 },
            thumbnail_height: { type: 'integer', minimum: 1 },
            alt: { type: 'string', description: "The author's description, or which photo of which review it is." },
          },
        },
        Review: {
          type: 'object',
          additionalProperties: false,
          required: [
            'id',
            'rating',
            'title',
            'body',
            'author',
            'verified_purchase',
            'incentive',
            'helpful_count',
            'created_at',
            'updated_at',
            'reply',
            'reviewer',
            'photos',
            'highlight',
          ],
          properties: {
            id: { type: 'string' },
            rating: { type: 'integer', minimum: 1, maximum: 5 },
            title: { type: 'string' },
            body: { type: 'string' },
            author: { type: 'string', description: 'The display name the reviewer chose.' },
            verified_purchase: { type: 'boolean' },
            incentive: {
              type: ['string', 'null'],
              enum: ['free_product', 'discount', 'payment', 'sweepstakes', null],
              description: 'A disclosed incentive, if any.',
            },
            helpful_count: { type: 'integer', minimum: 0 },
            created_at: { type: 'string', format: 'date-time' },
            updated_at: { type: 'string', format: 'date-time' },
            reply: { oneOf: [{ $ref: '#/components/schemas/Reply' }, { type: 'null' }] },
            photos: { type: 'array', maxItems: 5, items: { $ref: '#/components/schemas/Photo' } },
            highlight: {
              description: 'With a search (`q`): the title and body split into parts, the matched words flagged; null without one.',
              oneOf: [{ $ref: '#/components/schemas/Highlight' }, { type: 'null' }],
            },
            reviewer: {
              description: 'The author’s track record; null when the account was deleted (shown as a former customer).',
              oneOf: [{ $ref: '#/components/schemas/Reviewer' }, { type: 'null' }],
            },
          },
        },
        TextPart: {
          type: 'object',
          additionalProperties: false,
          required: ['text', 'match'],
          description: 'Plain text (escape it when you show it); match is true for a word the search found.',
          properties: { text: { type: 'string' }, match: { type: 'boolean' } },
        },
        Highlight: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'body'],
          properties: {
            title: { type: 'array', items: { $ref: '#/components/schemas/TextPart' } },
            body: { type: 'array', items: { $ref: '#/components/schemas/TextPart' } },
          },
        },
        Reviewer: {
          type: 'object',
          additionalProperties: false,
          required: ['profile_url', 'member_since', 'published_reviews', 'verified_share', 'helpful_votes'],
          description: 'Counted from published reviews only; nothing here can be bought or set by a merchant.',
          properties: {
            profile_url: { type: 'string', format: 'uri', description: 'The reviewer’s public profile on Candor.' },
            member_since: { type: 'string', format: 'date-time' },
            published_reviews: { type: 'integer', minimum: 0 },
            verified_share: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the published reviews that are verified purchases.' },
            helpful_votes: { type: 'integer', minimum: 0, description: 'Counted helpful votes on the published reviews.' },
          },
        },
        ReviewList: {
          type: 'object',
          additionalProperties: false,
          required: ['merchant_id', 'sku', 'product_name', 'url', 'q', 'sort', 'stars', 'total', 'page', 'per_page', 'reviews'],
          properties: {
            merchant_id: { type: 'string' },
            sku: { type: 'string' },
            product_name: { type: 'string' },
            url: { type: 'string', format: 'uri', description: 'The product’s reviews page on Candor.' },
            q: { type: ['string', 'null'], description: 'The search words, as applied (trimmed); null without a search.' },
            sort: { type: 'string', enum: SORT_KEYS, description: 'The order, as applied.' },
            stars: { type: ['integer', 'null'], minimum: 1, maximum: 5, description: 'The star filter, as applied; null for all ratings.' },
            total: { type: 'integer', minimum: 0 },
            page: { type: 'integer', minimum: 1 },
            per_page: { type: 'integer', minimum: 1, maximum: 50 },
            reviews: { type: 'array', items: { $ref: '#/components/schemas/Review' } },
          },
        },
        Summary: {
          type: 'object',
          additionalProperties: false,
          required: ['merchant_id', 'sku', 'product_name', 'url', 'review_count', 'average_rating', 'verified_count', 'histogram'],
          properties: {
            merchant_id: { type: 'string' },
            sku: { type: 'string' },
            product_name: { type: 'string' },
            url: { type: 'string', format: 'uri' },
            review_count: { type: 'integer', minimum: 0 },
            average_rating: { type: ['number', 'null'], minimum: 1, maximum: 5 },
            verified_count: { type: 'integer', minimum: 0 },
            histogram: {
              type: 'object',
              additionalProperties: false,
              required: ['1', '2', '3', '4', '5'],
              properties: Object.fromEntries(['1', '2', '3', '4', '5'].map((k) => [k, { type: 'integer', minimum: 0 }])),
            },
          },
        },
        OrderRequest: {
          type: 'object',
          additionalProperties: false,
          required: ['sku', 'buyer_email', 'ordered_at', 'external_ref'],
          description:
            'Every recorded order gets the same neutral invitation. Fields that would choose recipients (by rating, sentiment, satisfaction) or attach a reward are refused with 422, as is a note that mentions a reward or asks for a rating.',
          properties: {
            sku: { type: 'string', maxLength: 64 },
            buyer_email: { type: 'string', format: 'email' },
            ordered_at: { type: 'string', format: 'date-time' },
            external_ref: { type: 'string', maxLength: 128, description: 'Your order reference; repeating a request with the same reference changes nothing.' },
            note: { type: 'string', maxLength: 300, description: 'Optional neutral words of thanks shown in the invitation.' },
          },
        },
        Order: {
          type: 'object',
          additionalProperties: false,
          required: ['order_id', 'invitation_id', 'invitation_expires_at', 'created'],
          properties: {
            order_id: { type: 'string' },
            invitation_id: { type: 'string' },
            invitation_expires_at: { type: 'string', format: 'date-time' },
            created: { type: 'boolean', description: 'false when this external_ref had been recorded before.' },
          },
        },
        ...questionSchemas,
      },
    },
    paths: {
      '/api/v1/merchants/{merchantId}/products/{sku}/reviews': {
        get: {
          operationId: 'listReviews',
          // Public: no key. Said explicitly so that clients and linters do not assume the API-key scheme.
          security: [],
          summary: 'Published reviews of a product: searched, sorted and filtered like the reviews tab',
          description:
            'The same listing as the product’s reviews tab on Candor: the same full-text search (PostgreSQL, English stemming; matches come back in `highlight`), the same orders and the same star filter. Held, pending and removed reviews never appear, whatever the parameters.',
          parameters: [
            ...pathParams,
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
            {
              name: 'q',
              in: 'query',
              schema: { type: 'string', maxLength: 200 },
              description: 'Words to find in the title and body (web-search syntax: "quoted phrase", -excluded, or). Blank means no search.',
            },
            {
              name: 'sort',
              in: 'query',
              schema: { type: 'string', enum: SORT_KEYS, default: 'newest' },
              description: `newest; helpful (most helpful votes); highest or lowest rating; relevant: ${RELEVANCE.helpfulWeight} × ln(1 + helpful votes) + ${RELEVANCE.verifiedWeight} if a verified purchase + ${RELEVANCE.recencyWeight} × 0.5^(age in days ÷ ${RELEVANCE.recencyHalfLifeDays}) + ${RELEVANCE.lengthWeight} × min(characters, ${RELEVANCE.lengthCap}) ÷ ${RELEVANCE.lengthCap}, highest first (the rating is never part of it; see /how-we-check).`,
            },
            { name: 'stars', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5 }, description: 'Only reviews with this many stars.' },
          ],
          responses: {
            '200': {
              description: 'A page of reviews',
              headers: cachingHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewList' } } },
            },
            '304': { description: 'Not modified (If-None-Match matched)' },
            '400': problemResponse('Invalid query parameters (each named in `errors`)'),
            '404': problemResponse('Unknown merchant or SKU'),
          },
        },
      },
      '/api/v1/merchants/{merchantId}/products/{sku}/summary': {
        get: {
          operationId: 'getSummary',
          security: [],
          summary: 'Rating summary of a product (published reviews only)',
          parameters: pathParams,
          responses: {
            '200': {
              description: 'The summary',
              headers: cachingHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Summary' } } },
            },
            '304': { description: 'Not modified' },
            '400': problemResponse('Missing merchant or invalid limit'),
            '404': problemResponse('Unknown merchant or SKU'),
          },
        },
      },
      ...questionPaths(pathParams, cachingHeaders),
      '/api/v1/products/{sku}/snippet': {
        get: {
          operationId: 'getSnippet',
          security: [],
          summary: 'Server-side HTML snippet: JSON-LD plus the reviews as plain HTML, for pages that must be indexable without JavaScript',
          parameters: [
            pathParams[1],
            { name: 'merchant', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 20, default: 5 } },
          ],
          responses: {
            '200': { description: 'An HTML fragment', content: { 'text/html': { schema: { type: 'string' } } } },
            '304': { description: 'Not modified' },
            '400': problemResponse('Missing merchant or invalid limit'),
            '404': problemResponse('Unknown merchant or SKU'),
          },
        },
      },
      '/api/v1/orders': {
        post: {
          operationId: 'recordOrder',
          summary: 'Record an order and invite its buyer to review the product',
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderRequest' } } } },
          responses: {
            '201': {
              description: 'Recorded; the invitation email is queued',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            '200': {
              description: 'Already recorded earlier (idempotent repeat)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            '401': problemResponse('Missing, unknown or revoked API key'),
            '409': problemResponse('external_ref reused for a different order'),
            '422': problemResponse('Invalid order, or a selective or incentivized invitation was refused'),
            '429': problemResponse('Rate limited'),
          },
        },
      },
    },
  };
}
