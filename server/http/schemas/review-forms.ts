import { z } from 'zod';
import { textField } from './text-field.js';
import { INCENTIVE_KINDS } from '../../integrity/types.js';
import { REPORT_REASONS } from '../../reviews/report-content.js';
import { SORT_KEYS } from '../../reviews/reviews-tab-shapes.js';

/** The review form; the disclosure checkbox and its kind arrive as form fields. */
export const reviewFormSchema = z
  .object({
    rating: z.coerce
      .number({ error: 'Choose a star rating from 1 to 5.' })
      .int('Choose a star rating from 1 to 5.')
      .min(1, 'Choose a star rating from 1 to 5.')
      .max(5, 'Choose a star rating from 1 to 5.'),
    title: textField('Title', 1, 120),
    body: textField('Review', 20, 5000),
    incentive: z.union([z.literal('on'), z.literal('true'), z.literal(true), z.literal('')]).optional(),
    incentiveKind: z.union([z.enum(INCENTIVE_KINDS), z.literal('')]).optional(),
    // Asked on invited (verified) reviews only; optional, never a rating.
    recommend: z
      .union([
        z.literal(''),
        z.coerce
          .number({ error: 'Choose how likely you are to recommend the shop, from 0 to 10.' })
          .int('Choose how likely you are to recommend the shop, from 0 to 10.')
          .min(0, 'Choose how likely you are to recommend the shop, from 0 to 10.')
          .max(10, 'Choose how likely you are to recommend the shop, from 0 to 10.'),
      ])
      .optional(),
  })
  .transform((form, ctx) => {
    const disclosed = form.incentive === 'on' || form.incentive === 'true' || form.incentive === true;
    if (disclosed && !form.incentiveKind) {
      ctx.addIssue({ code: 'custom', message: 'Say what you received for this review.' });
      return z.NEVER;
    }
    return {
      rating: form.rating,
      title: form.title,
      body: form.body,
      incentive: disclosed && form.incentiveKind ? { kind: form.incentiveKind, disclosed: true } : null,
      recommend: typeof form.recommend === 'number' ? form.recommend : null,
    };
  });

export const commentFormSchema = z.object({
  body: textField('Comment', 2, 2000),
  parentId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
});

export const voteFormSchema = z.object({
  helpful: z.enum(['true', 'false', 'on', 'off'], { error: 'Say whether the review was helpful.' }).transform((v) => v === 'true' || v === 'on'),
});

export const reportFormSchema = z.object({
  reason: z.enum(Object.keys(REPORT_REASONS) as [keyof typeof REPORT_REASONS, ...(keyof typeof REPORT_REASONS)[]], {
    error: 'Choose a reason for the report.',
  }),
  note: z
    .string()
    .max(1000, 'The note must be at most 1000 characters.')
    .optional()
    .transform((v) => (v ?? '').trim()),
});

export const replyFormSchema = z.object({ body: textField('Reply', 2, 3000) });

export const tabQuerySchema = z.object({
  sort: z.enum(SORT_KEYS).catch('newest'),
  stars: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  verified: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'on')
    .catch(false),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  // Search words: blank means no search; an over-long query is cut rather than refused (it comes from a GET form).
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().slice(0, 200) || undefined)
    .catch(undefined),
});

/**
 * The key that makes a post safe to retry: a hidden field of the review form (new per rendering) or the
 * Idempotency-Key header of a JSON client. Optional; when given it must look like a key, not like free text.
 */
export const idempotencyKeySchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'The idempotency key must be 8 to 100 letters, digits or _ . : -')
    .optional(),
});
