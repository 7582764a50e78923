import { z } from 'zod';
import { textField } from './text-field.js';

export const productFormSchema = z.object({
  sku: textField('SKU', 1, 64).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'SKU may contain letters, digits, dots, dashes and underscores.')),
  name: textField('Name', 2, 120),
  category: textField('Category', 2, 40).transform((c) => c.toLowerCase()),
  url: z
    .string()
    .trim()
    .max(2000, 'URL must be at most 2000 characters.')
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), 'Product URL must start with http:// or https://.'),
  description: z
    .string()
    .max(2000, 'Description must be at most 2000 characters.')
    .optional()
    .transform((v) => (v ?? '').trim()),
});

export const originFormSchema = z.object({ origin: textField('Origin', 1, 300) });
export const staffFormSchema = z.object({
  email: z.string({ error: 'Email is required.' }).trim().pipe(z.email('Enter a valid email address.').max(254)),
});
export const apiKeyFormSchema = z.object({ label: textField('Label', 1, 60) });
export const webhookFormSchema = z.object({ url: textField('Webhook URL', 1, 2000) });
export const merchantReplyFormSchema = z.object({ body: textField('Reply', 2, 2000) });
export const repliesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  unreplied: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});

const teamRole = z.enum(['owner', 'staff', 'viewer'], { error: 'Choose a role: owner, staff or viewer.' });
export const teamInviteFormSchema = z.object({
  email: z.string({ error: 'Email is required.' }).trim().pipe(z.email('Enter a valid email address.').max(254)),
  role: teamRole,
});
export const teamMemberFormSchema = z.object({ role: z.enum(['owner', 'staff', 'viewer', 'removed'], { error: 'Choose a role or “remove”.' }) });
export const newShopFormSchema = z.object({
  name: textField('Shop name', 2, 80),
  websiteOrigin: textField('Website origin', 8, 300),
  category: textField('Category', 2, 40),
});
export const shopSuspensionFormSchema = z.object({
  action: z.enum(['suspend', 'reinstate'], { error: 'Choose suspend or reinstate.' }),
  reason: textField('Reason', 3, 500),
});
