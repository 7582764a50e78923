import { z } from 'zod';

export const signUpSchema = z.object({
  displayName: z
    .string({ error: 'Display name is required.' })
    .trim()
    .min(2, 'Display name must be at least 2 characters.')
    .max(60, 'Display name must be at most 60 characters.'),
  email: z.string({ error: 'Email is required.' }).trim().pipe(z.email('Enter a valid email address.').max(254)),
  password: z
    .string({ error: 'Password is required.' })
    .min(10, 'Password must be at least 10 characters.')
    .max(200, 'Password must be at most 200 characters.'),
});

export const signInSchema = z.object({
  email: z.string({ error: 'Email is required.' }).trim().min(1, 'Email is required.').max(254),
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.').max(200),
});
