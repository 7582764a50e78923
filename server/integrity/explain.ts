import type { SignalResult } from './types.js';

/**
 * The reasons an author or shopper may read: the plain-words summary of every signal that argued for
 * holding (mitigating evidence is left out: it did not cause the hold). Evidence that names other people's
 * accounts stays with moderators.
 */
export function explainReasons(reasons: SignalResult[]): string[] {
  return [...new Set(reasons.filter((r) => r.weight > 0 && r.label !== null).map((r) => r.summary))];
}
