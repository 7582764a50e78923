import { z } from 'zod';

/** The account page's e-mail settings: the checked kinds arrive as `on` (one value or several, or none at all). */
export const notificationSettingsFormSchema = z.object({
  // Unchecked boxes are simply absent, so "everything off" is an empty form: this field says the form was sent at
  // all (a request without it, or with other fields, is not our form and changes nothing).
  settings: z.literal('email', { error: 'Send the e-mail settings form from the settings page.' }),
  on: z
    .union([z.string().max(40), z.array(z.string().max(40)).max(20)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** Unsubscribe links are short; anything longer is not one of ours. */
export const unsubscribeTokenSchema = z.string().min(10).max(200);
