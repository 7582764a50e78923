import { z } from 'zod';

/** The account page's e-mail settings: the checked kinds arrive as `on` (one value or several, or none at all). */
export const notificationSettingsFormSchema = z.object({
  on: z
    .union([z.string().max(40), z.array(z.string().max(40)).max(20)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** Unsubscribe links are short; anything longer is not one of ours. */
export const unsubscribeTokenSchema = z.string().min(10).max(200);
