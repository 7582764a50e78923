import { z } from 'zod';
import { textField } from './text-field.js';

/** The same limits as a review's appeal (routes/appeals.ts): 10 to 2,000 characters. */
export const questionAppealFormSchema = z.object({ message: textField('Your message to the moderator', 10, 2000) });
