import type { z } from 'zod';
import { UserFacingError } from '../../domain-errors.js';

/** Invalid request input: the message and each detail say, in words, what to fix. */
export class InvalidInputError extends UserFacingError {
  constructor(readonly details: string[]) {
    super(422, 'Some of what you entered needs another look.');
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new InvalidInputError(result.error.issues.map((issue) => issue.message));
}
