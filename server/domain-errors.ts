/** An error a person caused and can fix; the HTTP layer shows its message as is, with its status. */
export class UserFacingError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const notFound = (what: string) => new UserFacingError(404, `${what} was not found.`);
export const forbidden = (why: string) => new UserFacingError(403, why);
export const conflict = (why: string) => new UserFacingError(409, why);
export const invalid = (why: string) => new UserFacingError(422, why);
