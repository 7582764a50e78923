import { z } from 'zod';
import { signUpSchema } from './account-forms.js';

/** Forms of the account settings, the forgotten-password pages and the confirmation link. */

const currentPassword = z.string({ error: 'Your current password is required.' }).min(1, 'Your current password is required.').max(200);
const newPassword = signUpSchema.shape.password;
// Tokens are 32 random bytes in base64url (43 characters); anything else cannot be one.
const token = z.string({ error: 'This link is incomplete.' }).regex(/^[\w-]{20,100}$/, 'This link is incomplete. Please copy the whole link from the e-mail.');

export const tokenSchema = z.object({ token });
export const forgotPasswordSchema = z.object({ email: signUpSchema.shape.email });
export const resetPasswordSchema = z.object({ token, password: newPassword });
export const changeNameSchema = z.object({ displayName: signUpSchema.shape.displayName });
export const changeEmailSchema = z.object({ email: signUpSchema.shape.email, currentPassword });
export const changePasswordSchema = z.object({ currentPassword, newPassword });
export const reauthSchema = z.object({ currentPassword });
export const deleteAccountSchema = z.object({
  currentPassword,
  // A checkbox: present ("on") when ticked, absent otherwise; JSON clients may send a boolean.
  removeContent: z
    .union([z.literal('on'), z.literal('true'), z.boolean()])
    .optional()
    .transform((v) => v === 'on' || v === 'true' || v === true),
  confirm: z.literal('DELETE', { error: 'Type DELETE in capitals to confirm.' }),
});
