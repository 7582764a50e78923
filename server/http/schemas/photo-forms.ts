import { z } from 'zod';
import { PHOTO_LIMITS } from '../../reviews/review-photos.js';

const alt = (n: number) =>
  z
    .string()
    .max(PHOTO_LIMITS.altCharacters, `The description of photo ${n} must be at most ${PHOTO_LIMITS.altCharacters} characters.`)
    .optional()
    .transform((v) => v?.replace(/\s+/g, ' ').trim() || null);

/** The descriptions (alt text) the author gave photos 1..5, in the order the files were chosen; blank → null. */
export const photoAltSchema = z
  .object({ photoAlt1: alt(1), photoAlt2: alt(2), photoAlt3: alt(3), photoAlt4: alt(4), photoAlt5: alt(5) })
  .transform((form) => [form.photoAlt1, form.photoAlt2, form.photoAlt3, form.photoAlt4, form.photoAlt5]);

/** The edit form's "Remove this photo" boxes: one id or several (a repeated field); none checked → []. */
export const photoRemovalSchema = z
  .object({
    removePhoto: z
      .union([z.string(), z.array(z.string()).max(PHOTO_LIMITS.maxPhotos, 'A review has at most 5 photos to remove.')], {
        error: 'The photos to remove could not be read.',
      })
      .optional(),
  })
  .transform((form) =>
    [form.removePhoto ?? []]
      .flat()
      .map((id) => id.trim())
      .filter(Boolean),
  );
