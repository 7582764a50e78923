/**
 * What request logs may not keep: invitation tokens (a link is worth a "Verified purchase" badge and must exist
 * only in the buyer's email), session cookies and API keys. Applied to the request line pino-http writes.
 */
const INVITATION = /(\/|%2F)invitations(\/|%2F)[^/?#&\s]+/gi;

export function redactInvitationLinks(text: string): string {
  return text.replace(INVITATION, (_m, a: string, b: string) => `${a}invitations${b}[redacted]`);
}

interface LoggedRequest {
  url?: string;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

export function redactRequestForLog(req: LoggedRequest): LoggedRequest {
  const headers = { ...(req.headers ?? {}) };
  for (const name of ['cookie', 'authorization', 'x-csrf-token']) if (headers[name]) headers[name] = '[redacted]';
  if (typeof headers.referer === 'string') headers.referer = redactInvitationLinks(headers.referer);
  return { ...req, url: typeof req.url === 'string' ? redactInvitationLinks(req.url) : req.url, headers };
}
