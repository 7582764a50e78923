import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Input is checked at the edge, before any route sees it: a NUL byte or invalid UTF-8 (overlong forms such as
 * %c0%ae, lone surrogates, stray %ff) anywhere in the path, the query or the body is refused with 400, an
 * unsupported Content-Encoding or charset with 415, too many fields or too large a body with 413. Nothing
 * downstream has to remember these cases, and none of them can reach the database as a 500.
 */

const MESSAGES = {
  badPath: 'The address contains a character that is not allowed (a NUL byte or invalid UTF-8 such as %c0 or %ff).',
  badQuery: 'The query string contains a character that is not allowed (a NUL byte or invalid UTF-8).',
  badBody: 'What you sent contains a character that is not allowed (a NUL byte, invalid UTF-8 or a lone surrogate).',
  tooDeep: 'What you sent is nested too deeply.',
  encoding: 'This Content-Encoding is not supported. Send the body uncompressed or with gzip, deflate or br.',
  charset: 'Only UTF-8 text is accepted (the charset of this request is not supported).',
  tooManyFields: 'The form has too many fields.',
  tooLarge: 'What you sent is too large.',
  unreadable: 'The request body could not be read (it is malformed or its compression is broken).',
  invalidBody: 'The request body is not valid.',
} as const;

export const BODY_LIMIT = '64kb';
export const PARAMETER_LIMIT = 200;
const MAX_DEPTH = 16;

export class RejectedInputError extends Error {
  readonly expose = true;
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'RejectedInputError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is well-formed Unicode without NUL. */
export function isCleanText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Percent-decodes one component strictly (invalid UTF-8 throws), as a form or query value ('+' is a space). */
function decodeStrict(component: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? component.replace(/\+/g, ' ') : component);
  } catch {
    return null;
  }
}

function cleanEncodedPairs(text: string): boolean {
  for (const pair of text.split('&')) {
    for (const part of pair.split('=')) {
      const decoded = decodeStrict(part, true);
      if (decoded === null || !isCleanText(decoded)) return false;
    }
  }
  return true;
}

/** Refuses URLs whose path or query decodes to NUL or invalid UTF-8. Mounted first. */
export function rejectBadUrl(req: Request, _res: Response, next: NextFunction): void {
  const url = req.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const decodedPath = decodeStrict(path, false);
  if (decodedPath === null || !isCleanText(decodedPath)) return next(new RejectedInputError(400, MESSAGES.badPath));
  if (q >= 0 && !cleanEncodedPairs(url.slice(q + 1))) return next(new RejectedInputError(400, MESSAGES.badQuery));
  next();
}

function checkValue(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new RejectedInputError(400, MESSAGES.tooDeep);
  if (typeof value === 'string') {
    if (!isCleanText(value)) throw new RejectedInputError(400, MESSAGES.badBody);
  } else if (Array.isArray(value)) {
    for (const item of value) checkValue(item, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isCleanText(key)) throw new RejectedInputError(400, MESSAGES.badBody);
      checkValue(item, depth + 1);
    }
  }
}

/** After parsing: every key and string of the body is clean text, and the body is not absurdly deep. */
export function rejectBadBody(req: Request, _res: Response, next: NextFunction): void {
  try {
    checkValue(req.body, 0);
    next();
  } catch (error) {
    next(error);
  }
}

/** JSON and form parsers with the limits above; form bodies are checked strictly before querystring would silently repair them. */
export function jsonBody() {
  return [express.json({ limit: BODY_LIMIT }), rejectBadBody];
}

export function formAndJsonBodies() {
  return [
    express.urlencoded({
      extended: false,
      limit: BODY_LIMIT,
      parameterLimit: PARAMETER_LIMIT,
      verify: (_req, _res, buf) => {
        if (!cleanEncodedPairs(buf.toString('latin1'))) throw new RejectedInputError(400, MESSAGES.badBody);
      },
    }),
    express.json({ limit: BODY_LIMIT }),
    rejectBadBody,
  ];
}

/** Maps edge errors (ours and body-parser's) to an honest 4xx and a clear message; null for anything else. */
export function edgeErrorFor(error: unknown): { status: number; message: string } | null {
  if (error instanceof RejectedInputError) return { status: error.status, message: error.message };
  const e = error as { type?: string; status?: number; expose?: boolean; name?: string };
  if (error instanceof URIError) return { status: 400, message: MESSAGES.badPath };
  switch (e.type) {
    case 'encoding.unsupported':
      return { status: 415, message: MESSAGES.encoding };
    case 'charset.unsupported':
      return { status: 415, message: MESSAGES.charset };
    case 'parameters.too.many':
      return { status: 413, message: MESSAGES.tooManyFields };
    case 'entity.too.large':
      return { status: 413, message: MESSAGES.tooLarge };
    case 'entity.parse.failed':
      return { status: 400, message: MESSAGES.invalidBody };
    case 'entity.verify.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, message: MESSAGES.unreadable };
  }
  // body-parser's inflate errors (a broken gzip body) carry a 400 and no type.
  if (e.status === 400 && e.expose !== false && !(error instanceof Error && error.name === 'UserFacingError'))
    return { status: 400, message: MESSAGES.unreadable };
  return null;
}
