import http from 'node:http';
import https from 'node:https';
import { assertAllowedDestination, guardedLookup, ipLiteralOf, type GuardOptions } from '../security/outbound-guard.js';

/** Where a shop serves its verification token, relative to its website origin. */
export const VERIFICATION_PATH = '/.well-known/candor-verification.txt';

/** Reads the text at a URL (at most a few KB); throws with a message a merchant can act on. */
export type VerificationFetcher = (url: string) => Promise<string>;

const MAX_BYTES = 4096;

/**
 * GETs through the outbound guard (only public addresses; loopback only when the operator set the explicit test
 * flag), follows no redirects, reads at most 4 KB and times out: a shop's origin is an address a stranger typed.
 */
export function createGuardedFetcher(options: GuardOptions & { timeoutMs?: number } = {}): VerificationFetcher {
  const timeoutMs = options.timeoutMs ?? 8000;
  const lookup = guardedLookup(options);
  return async (target) => {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https origins can be checked');
    const literal = ipLiteralOf(url);
    if (literal) assertAllowedDestination(literal, options);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<string>((resolve, reject) => {
      const request = client.request(
        url,
        { method: 'GET', lookup: lookup as never, agent: false, signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'Candor-Verification/1' } },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            response.resume();
            return reject(new Error(status >= 300 && status < 400 ? `answered ${status} (redirects are not followed)` : `answered ${status}`));
          }
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
            if (body.length > MAX_BYTES) {
              request.destroy();
              reject(new Error('the file is larger than 4 KB'));
            }
          });
          response.on('end', () => resolve(body));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
  };
}
