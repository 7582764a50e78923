import { z } from 'zod';

/** A required text field: line endings normalised, trimmed, and its length checked with a message naming it. */
export const textField = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field} is required.` })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${field} is required.` : `${field} must be at least ${min} characters.`)
        .max(max, `${field} must be at most ${max} characters.`),
    );
