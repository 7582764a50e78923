import { z } from 'zod';
import { textField } from './text-field.js';

export const questionFormSchema = z.object({ body: textField('Question', 5, 1000) });
export const answerFormSchema = z.object({ body: textField('Answer', 2, 2000) });

export const answerVoteFormSchema = z.object({
  helpful: z.enum(['true', 'false'], { error: 'Say whether the answer was helpful.' }).transform((v) => v === 'true'),
});
