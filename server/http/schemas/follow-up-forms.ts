import { z } from 'zod';
import { MAKE_GOOD_KINDS } from '../../merchants/make-good-policy.js';
import { textField } from './text-field.js';

export const followUpFormSchema = z.object({
  reply: textField('Reply', 2, 2000),
  makeGood: z
    .enum(['none', ...MAKE_GOOD_KINDS], { error: 'Choose what you offer, or nothing.' })
    .optional()
    .transform((v) => (v === undefined || v === 'none' ? null : v)),
  note: z
    .string()
    .max(1000, 'The note must be at most 1000 characters.')
    .optional()
    .transform((v) => (v ?? '').trim()),
});

export const followUpAnswerFormSchema = z.object({
  outcome: z.enum(['resolved', 'not_resolved'], { error: 'Say whether the problem was resolved.' }),
  note: z
    .string()
    .max(1000, 'The note must be at most 1000 characters.')
    .optional()
    .transform((v) => (v ?? '').trim()),
});
