import { z } from 'zod';
import { textField } from './text-field.js';

export const questionFormSchema = z.object({ body: textField('Question', 5, 1000) });
export const answerFormSchema = z.object({ body: textField('Answer', 2, 2000) });
