import http from 'node:http';
import https from 'node:https';
import { assertAllowedDestination, guardedLookup, ipLiteralOf, type GuardOptions } from '../security/outbound-guard.js';

/** Sends one signed webhook request; throws on a network error or a non-2xx answer so the outbox retries. */
export type WebhookPoster = (url: string, body: string, headers: Record<string, string>) => Promise<void>;

/**
 * POSTs through the outbound guard in every mode: the destination's addresses are checked when the socket
 * connects (IP literals before), redirects are never followed (a 3xx is a failed delivery) and the whole
 * request times out.
 */
export function createGuardedPoster(options: GuardOptions & { timeoutMs?: number } = {}): WebhookPoster {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lookup = guardedLookup(options);
  return async (target, body, headers) => {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('webhook URLs must be http or https');
    const literal = ipLiteralOf(url);
    if (literal) assertAllowedDestination(literal, options);
    const client = url.protocol === 'https:' ? https : http;
    await new Promise<void>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: lookup as never,
          // A fresh connection per delivery: a pooled socket would skip the lookup (and so the check).
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Candor-Webhooks/1', ...headers },
        },
        (response) => {
          // Drain the body; its content is not used.
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 300 && status < 400) reject(new Error(`webhook endpoint answered ${status}; redirects are not followed`));
            else if (status < 200 || status >= 300) reject(new Error(`webhook endpoint answered ${status}`));
            else resolve();
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
}
