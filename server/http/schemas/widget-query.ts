import { z } from 'zod';

const MESSAGES = {
  merchant: 'Say which merchant the widget is for: merchant=ID (letters, digits, "_" or "-").',
  product: 'Say which product the widget is for: product=SKU (up to 100 characters).',
  theme: 'The theme must be light, dark or auto.',
  accent: 'The accent colour must be written #rgb or #rrggbb, for example #1f6feb.',
};

const emptyAsMissing = (v: unknown) => (v === '' ? undefined : v);

const merchant = z.string({ error: MESSAGES.merchant }).regex(/^[A-Za-z0-9_-]{1,64}$/, MESSAGES.merchant);
const product = z.string({ error: MESSAGES.product }).trim().min(1, MESSAGES.product).max(100, MESSAGES.product);
/** The embedding page's origin as the loader reports it; checked against the merchant's list later. */
const origin = z.string().max(300).optional().catch(undefined);

export const accentSchema = z.string({ error: MESSAGES.accent }).regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, MESSAGES.accent);

/** Just enough to find the merchant's embed policy, so that even an error page can be shown in the frame. */
export const widgetTargetSchema = z.object({ merchant, origin });

export const widgetFrameQuerySchema = z.object({
  merchant,
  product,
  origin,
  theme: z.preprocess(emptyAsMissing, z.enum(['light', 'dark', 'auto'], { error: MESSAGES.theme }).default('light')),
  accent: z.preprocess(emptyAsMissing, accentSchema.optional()),
  stars: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  posted: z.enum(['published', 'held', 'rejected']).optional().catch(undefined),
  /** "badge": the small star badge for category pages (average, count, link to the tab). */
  variant: z.enum(['full', 'badge']).catch('full').default('full'),
  /** Set by the frame itself after a question was asked in the popup: shows the matching thank-you note. */
  asked: z.enum(['published', 'held', 'rejected']).optional().catch(undefined),
  /** The same after an answer was posted in the answer popup. */
  answered: z.enum(['published', 'held', 'rejected']).optional().catch(undefined),
});
export type WidgetFrameQuery = z.infer<typeof widgetFrameQuerySchema>;

export const widgetWriteQuerySchema = z.object({ merchant, product, origin });
export type WidgetWriteQuery = z.infer<typeof widgetWriteQuerySchema>;

/** The answer popup: the widget's product plus the question being answered. */
export const widgetAnswerQuerySchema = widgetWriteQuerySchema.extend({
  question: z.string({ error: 'Say which question to answer: question=ID.' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'Say which question to answer: question=ID.'),
});
export type WidgetAnswerQuery = z.infer<typeof widgetAnswerQuerySchema>;

export const themeCssQuerySchema = z.object({ accent: accentSchema });
