import { findShopStanding } from '../storage/shop-repo.js';
import type { Database, Queryable } from '../storage/database.js';
import { findEmbedOrigins } from '../storage/widget-repo.js';
import { listRecentRefusals, recordRefusal, type RefusalReason } from '../storage/widget-refusal-repo.js';
import { normalizeOrigin } from './embed-origins.js';
import type { MerchantScope } from './merchant-scope.js';

/** Said to the merchant (install page) and, prefixed with "Candor reviews:", in the embedding page's console. */
export const REFUSAL_MESSAGES: Record<RefusalReason, (origin: string) => string> = {
  'origin-not-allowed': (origin) => `refused on ${origin}: not in allowed origins. Add it in the merchant area (Install or Embed origins).`,
  unverified: (origin) => `refused on ${origin}: the shop has not verified its website yet (merchant area → Shop).`,
  suspended: (origin) => `refused on ${origin}: the shop is suspended by Candor.`,
};

/** How often one (merchant, origin, reason) is written at most, and how many origins a merchant's list keeps. */
export const REFUSAL_LOG = { windowMs: 10 * 60_000, maxRowsPerMerchant: 200, shown: 20 };

/**
 * Remembers what this process recorded lately, so a busy page on a refused origin costs no database write per
 * impression. Built in wiring.ts (one per app); the database row's own window covers several processes.
 */
export class RefusalDedupe {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = REFUSAL_LOG.windowMs) {}
  /** True when the key was not recorded within the window (and marks it recorded now). */
  admit(key: string, nowMs: number): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && nowMs - last < this.windowMs) return false;
    // A bounded memory: forgetting everything only costs a few extra (still deduplicated) writes.
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.set(key, nowMs);
    return true;
  }
}

/** Why the widget frame refuses this origin for this merchant, or null when it is allowed (or no such merchant). */
export async function embedRefusal(db: Queryable, merchantId: string, claimedOrigin: string | null | undefined) {
  const origin = normalizeOrigin(claimedOrigin);
  if (!origin) return null;
  const standing = await findShopStanding(db, merchantId);
  if (!standing) return null;
  let reason: RefusalReason | null = null;
  if (standing.suspendedAt) reason = 'suspended';
  else if (!standing.verifiedAt) reason = 'unverified';
  else {
    const allowed = (await findEmbedOrigins(db, merchantId)) ?? [];
    if (!allowed.some((o) => normalizeOrigin(o) === origin)) reason = 'origin-not-allowed';
  }
  return reason ? { origin, reason, message: REFUSAL_MESSAGES[reason](origin) } : null;
}

/** Called when the frame was served to an origin it will not show on: remembered for the merchant, deduplicated. */
export async function noteFrameRefusal(db: Database, dedupe: RefusalDedupe, input: { merchantId: string; claimedOrigin: string | null | undefined; at: Date }) {
  const origin = normalizeOrigin(input.claimedOrigin);
  if (!origin || !dedupe.admit(`${input.merchantId} ${origin}`, input.at.getTime())) return;
  const refusal = await embedRefusal(db, input.merchantId, origin);
  if (!refusal) return;
  await recordRefusal(db, {
    merchantId: input.merchantId,
    origin: refusal.origin,
    reason: refusal.reason,
    at: input.at,
    windowMs: REFUSAL_LOG.windowMs,
    maxRows: REFUSAL_LOG.maxRowsPerMerchant,
  });
}

export async function recentRefusals(db: Database, scope: MerchantScope) {
  const rows = await listRecentRefusals(db, scope.merchant.id, REFUSAL_LOG.shown);
  return rows.map((r) => ({ ...r, message: REFUSAL_MESSAGES[r.reason](r.origin) }));
}

/** What the loader prints in the embedding page's console when its frame never showed. */
export async function widgetStatus(db: Queryable, merchantId: string, claimedOrigin: string | null | undefined) {
  if (!(await findShopStanding(db, merchantId)))
    return { allowed: false, message: `no merchant has the id ${merchantId}: copy the tag again from the merchant area (Install).` };
  if (!normalizeOrigin(claimedOrigin)) return { allowed: false, message: 'the page did not say its origin (origin=https://host).' };
  const refusal = await embedRefusal(db, merchantId, claimedOrigin);
  return refusal ? { allowed: false, reason: refusal.reason, message: refusal.message } : { allowed: true, message: 'this origin is allowed.' };
}
