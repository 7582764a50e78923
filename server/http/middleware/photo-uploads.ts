import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { PHOTO_LIMITS } from '../../reviews/review-photos.js';
import { PARAMETER_LIMIT, RejectedInputError, rejectBadBody } from './input-guard.js';

/**
 * The review form with photos is multipart/form-data. It is read here, before the CSRF check (whose token is one
 * of its fields), for signed-in people posting to the review forms only, after the upload rate limit, and with
 * hard limits while it streams in: at most PHOTO_LIMITS.maxPhotos files of PHOTO_LIMITS.maxBytes each in the field
 * `photos`, few and short text fields. The text fields then pass the same edge checks as any form.
 */

const MESSAGES = {
  fileSize: `Each photo can be at most ${PHOTO_LIMITS.maxBytes / (1024 * 1024)} MB.`,
  fileCount: `A review can carry at most ${PHOTO_LIMITS.maxPhotos} photos.`,
  unexpectedFile: 'Photos must be sent in the field "photos".',
  tooManyFields: 'The form has too many fields.',
  fieldTooLarge: 'A field of the form is too long.',
  unreadable: 'The form could not be read (the upload is malformed or was cut off). Please try again.',
} as const;

/** Where a review with photos is posted: the tab's form, the widget's popup form, and the edit form. */
const PHOTO_FORM_PATHS = [/^\/products\/[^/]+\/reviews\/?$/, /^\/widget\/write\/?$/, /^\/reviews\/[^/]+\/?$/];

const FIELD_BYTES = 64 * 1024;

function appliesTo(req: Request): boolean {
  return req.method === 'POST' && !!req.user && typeof req.is('multipart/form-data') === 'string' && PHOTO_FORM_PATHS.some((p) => p.test(req.path));
}

function rejectionFor(error: unknown): RejectedInputError {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new RejectedInputError(413, MESSAGES.fileSize);
      case 'LIMIT_FILE_COUNT':
        return new RejectedInputError(413, MESSAGES.fileCount);
      case 'LIMIT_UNEXPECTED_FILE':
        // array('photos', max) reports a file over the count as unexpected too.
        return error.field === 'photos' ? new RejectedInputError(413, MESSAGES.fileCount) : new RejectedInputError(400, MESSAGES.unexpectedFile);
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
        return new RejectedInputError(413, MESSAGES.tooManyFields);
      case 'LIMIT_FIELD_KEY':
      case 'LIMIT_FIELD_VALUE':
        return new RejectedInputError(413, MESSAGES.fieldTooLarge);
    }
  }
  if (error instanceof RejectedInputError) return error;
  return new RejectedInputError(400, MESSAGES.unreadable);
}

/** Rate limit, parse, check: three steps that run only for a multipart post to a review form. */
export function reviewPhotoUploads(uploadLimit: RequestHandler): RequestHandler[] {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: PHOTO_LIMITS.maxBytes,
      files: PHOTO_LIMITS.maxPhotos,
      fields: Math.min(PARAMETER_LIMIT, 40),
      parts: Math.min(PARAMETER_LIMIT, 40) + PHOTO_LIMITS.maxPhotos,
      fieldSize: FIELD_BYTES,
      fieldNameSize: 100,
      fieldNestingDepth: 0,
      headerPairs: 100,
    },
  }).array('photos', PHOTO_LIMITS.maxPhotos);
  const only =
    (step: RequestHandler): RequestHandler =>
    (req, res, next) =>
      appliesTo(req) ? step(req, res, next) : next();
  return [
    only(uploadLimit),
    only((req: Request, res: Response, next: NextFunction) => parse(req, res, (error?: unknown) => next(error ? rejectionFor(error) : undefined))),
    only(rejectBadBody),
  ];
}

/** The files of a parsed photo form (an empty file input sends one nameless, empty part: not a photo). */
export function uploadedPhotos(req: Request): { name: string; data: Buffer }[] {
  const files = (req.files ?? []) as Express.Multer.File[];
  return files.filter((f) => !(f.size === 0 && !f.originalname)).map((f) => ({ name: f.originalname, data: f.buffer }));
}
