import { z } from 'zod';

/** A reviewer's id as it appears in links; anything else cannot name an account and is simply not found. */
export const reviewerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const reviewerPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
