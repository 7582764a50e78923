import { z } from 'zod';
import { SORT_KEYS } from '../../reviews/reviews-tab-shapes.js';

/** POST /api/v1/orders. Strict: unknown fields are refused, never ignored (see invitation-policy.ts). */
export const orderRequestSchema = z.strictObject(
  {
    sku: z.string({ error: 'sku is required.' }).trim().min(1, 'sku is required.').max(64, 'sku must be at most 64 characters.'),
    buyer_email: z.string({ error: 'buyer_email is required.' }).trim().pipe(z.email('buyer_email must be an email address.').max(254)),
    ordered_at: z.iso.datetime({ offset: true, error: 'ordered_at must be an ISO 8601 date-time, e.g. 2026-05-30T14:00:00Z.' }),
    external_ref: z
      .string({ error: 'external_ref is required (your order reference; it makes the request idempotent).' })
      .trim()
      .min(1, 'external_ref is required.')
      .max(128, 'external_ref must be at most 128 characters.'),
    note: z.string().trim().max(300, 'note must be at most 300 characters.').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field(s): ${issue.keys.join(', ')}. Allowed fields: sku, buyer_email, ordered_at, external_ref, note.`
        : undefined,
  },
);

export const reviewsQuerySchema = z.object({
  page: z.coerce.number({ error: 'page must be a number.' }).int('page must be a whole number.').min(1, 'page must be at least 1.').max(10_000).default(1),
  per_page: z.coerce
    .number({ error: 'per_page must be a number.' })
    .int('per_page must be a whole number.')
    .min(1, 'per_page must be at least 1.')
    .max(50, 'per_page must be at most 50.')
    .default(10),
});

/**
 * GET …/reviews: paging plus the reviews tab's search, sorts and star filter. Unlike the tab's GET form (which
 * forgives), an API client gets told: a value that is not one of these is a 400 naming the parameter.
 */
export const reviewsListQuerySchema = reviewsQuerySchema.extend({
  q: z
    .string({ error: 'q must be given once, as text.' })
    .max(200, 'q must be at most 200 characters.')
    .optional()
    .transform((v) => v?.trim() || null),
  sort: z.enum(SORT_KEYS, { error: `sort must be one of: ${SORT_KEYS.join(', ')}.` }).default('newest'),
  stars: z.coerce
    .number({ error: 'stars must be a whole number from 1 to 5.' })
    .int('stars must be a whole number from 1 to 5.')
    .min(1, 'stars must be a whole number from 1 to 5.')
    .max(5, 'stars must be a whole number from 1 to 5.')
    .optional()
    .transform((v) => v ?? null),
});
export type ReviewsListQuery = z.infer<typeof reviewsListQuerySchema>;

export const snippetQuerySchema = z.object({
  merchant: z.string({ error: 'The merchant query parameter is required.' }).min(1, 'The merchant query parameter is required.').max(64),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(20, 'limit must be at most 20.').default(5),
});
