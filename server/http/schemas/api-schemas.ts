import { z } from 'zod';

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

export const snippetQuerySchema = z.object({
  merchant: z.string({ error: 'The merchant query parameter is required.' }).min(1, 'The merchant query parameter is required.').max(64),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(20, 'limit must be at most 20.').default(5),
});
