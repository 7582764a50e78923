import { z } from 'zod';
import { accentSchema } from './widget-query.js';

/** The install page's choices; anything malformed falls back to the default rather than failing the page. */
export const installQuerySchema = z.object({
  product: z.string().trim().max(100).optional().catch(undefined),
  theme: z.enum(['light', 'dark', 'auto']).catch('light').default('light'),
  accent: z.preprocess((v) => (v === '' ? undefined : v), accentSchema.optional()).catch(undefined),
  variant: z.enum(['full', 'badge']).catch('full').default('full'),
  page: z.string().max(2000).optional().catch(undefined),
});
export type InstallQuery = z.infer<typeof installQuerySchema>;

export const installOriginFormSchema = z.object({ page: z.string({ error: 'Enter the page address.' }).max(2000) });
