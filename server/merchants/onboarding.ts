import { randomBytes } from 'node:crypto';
import { assertMayAct } from '../accounts/actor-policy.js';
import { UserFacingError, conflict, forbidden, notFound } from '../domain-errors.js';
import { addMerchantStaff } from '../storage/account-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database, Queryable } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { addEmbedOrigin } from '../storage/merchant-repo.js';
import {
  countUnverifiedShopsOwnedBy,
  findShopStanding,
  listShops,
  insertShop,
  markShopVerified,
  merchantNameTaken,
  merchantSlugTaken,
  setShopSuspension,
  type ShopStanding,
} from '../storage/shop-repo.js';
import { normalizeOrigin } from './embed-origins.js';
import type { MerchantScope } from './merchant-scope.js';
import { VERIFICATION_PATH, type VerificationFetcher } from './shop-verification.js';
import { assertMayManage } from './member-permissions.js';

/** How many unverified shops one person may hold at once: enough to fix a typo, too few to squat names. */
export const MAX_UNVERIFIED_SHOPS = 3;

export const ONBOARDING_MESSAGES = {
  origin: 'Enter your shop’s website origin as https://host (or http://host:port for local testing), with no path.',
  nameTaken: 'A shop with this name is already on Candor. If it is yours, ask its team to invite you.',
  unverified: 'Your shop has not proved it owns its website yet: verify it first (Merchant area → Verify).',
  suspended: (reason: string | null) => `This shop is suspended by Candor${reason ? `: ${reason}` : ''}. Its widget and invitations are off.`,
  alreadyVerified: 'This shop is already verified.',
  fetchFailed: (url: string, why: string) => `Could not read ${url}: ${why}. Serve the token there as plain text and try again.`,
  mismatch: (url: string) => `${url} does not contain this shop’s token. Serve exactly the token shown on this page and try again.`,
  verified: (origin: string) => `Verified: ${origin} belongs to this shop. Invitations and the widget are on.`,
  created: (name: string) => `${name} is on Candor. Prove that you own its website below to turn on invitations and the widget.`,
  tooManyUnverified: `You already have ${MAX_UNVERIFIED_SHOPS} shops waiting for verification: verify one of them first.`,
};

/** What the web form offers (the CLI and operators may name any category). */
export const SHOP_CATEGORIES = [
  'Home and garden',
  'Electronics',
  'Fashion',
  'Beauty and health',
  'Food and drink',
  'Sports and outdoors',
  'Books and media',
  'Toys and games',
  'Other',
];

export interface NewShopInput {
  name: string;
  websiteOrigin: string;
  category: string;
}

function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'shop'
  );
}

/**
 * A signed-in person creates a shop and becomes its first owner (a managing team member, hence an insider for
 * the integrity checks). Its own website origin is allowed for embedding at once, but nothing is published or
 * embedded until the shop proves it owns that origin (verifyShop), unless an operator creates it (verified).
 */
export async function createShop(
  db: Database,
  input: NewShopInput & { ownerId: string; at: Date; verified?: boolean },
): Promise<{ id: string; verificationToken: string }> {
  const origin = normalizeOrigin(input.websiteOrigin);
  if (!origin) throw new UserFacingError(422, ONBOARDING_MESSAGES.origin);
  const name = input.name.trim();
  const id = newId('m');
  const verificationToken = `candor-verification=${randomBytes(18).toString('base64url')}`;
  await db.transaction(async (tx) => {
    // Suspended accounts cannot open a shop (the shared actor policy, as for every other write).
    await assertMayAct(tx, input.ownerId, 'merchant');
    if (input.verified !== true && (await countUnverifiedShopsOwnedBy(tx, input.ownerId)) >= MAX_UNVERIFIED_SHOPS) {
      throw new UserFacingError(429, ONBOARDING_MESSAGES.tooManyUnverified);
    }
    if (await merchantNameTaken(tx, name)) throw conflict(ONBOARDING_MESSAGES.nameTaken);
    const base = slugify(name);
    let slug = base;
    for (let i = 2; await merchantSlugTaken(tx, slug); i++) slug = `${base}-${i}`;
    await insertShop(tx, {
      id,
      slug,
      name,
      domain: new URL(origin).hostname,
      websiteOrigin: origin,
      category: input.category.trim(),
      verificationToken,
      verified: input.verified === true,
      at: input.at,
    });
    await addMerchantStaff(tx, id, input.ownerId, true);
    await addEmbedOrigin(tx, id, origin, input.at);
    await appendAudit(tx, {
      at: input.at,
      actorId: input.ownerId,
      action: 'merchant.created',
      targetKind: 'merchant',
      targetId: id,
      beforeState: null,
      afterState: input.verified === true ? 'verified' : 'unverified',
      reason: origin,
    });
  });
  return { id, verificationToken };
}

export async function shopStanding(db: Queryable, merchantId: string): Promise<ShopStanding> {
  const standing = await findShopStanding(db, merchantId);
  if (!standing) throw notFound('The merchant');
  return standing;
}

/** The rule shared by invitations and the widget: a shop acts in public only once verified and while not suspended. */
export function publicRefusal(standing: ShopStanding): string | null {
  if (standing.suspendedAt) return ONBOARDING_MESSAGES.suspended(standing.suspendedReason);
  if (!standing.verifiedAt) return ONBOARDING_MESSAGES.unverified;
  return null;
}

export async function assertShopMayActInPublic(db: Queryable, merchantId: string): Promise<void> {
  const refusal = publicRefusal(await shopStanding(db, merchantId));
  if (refusal) throw forbidden(refusal);
}

export function verificationUrl(standing: Pick<ShopStanding, 'websiteOrigin'>): string | null {
  return standing.websiteOrigin ? `${standing.websiteOrigin}${VERIFICATION_PATH}` : null;
}

/** Fetches the token file from the shop's own origin (through the outbound guard) and compares it exactly. */
export async function verifyShop(db: Database, scope: MerchantScope, fetcher: VerificationFetcher, at: Date): Promise<string> {
  await assertMayManage(db, scope);
  const standing = await shopStanding(db, scope.merchant.id);
  if (standing.verifiedAt) return ONBOARDING_MESSAGES.alreadyVerified;
  const url = verificationUrl(standing);
  if (!url || !standing.verificationToken) throw forbidden('This shop has no website origin to verify; ask Candor.');
  let body: string;
  try {
    body = await fetcher(url);
  } catch (error) {
    throw new UserFacingError(422, ONBOARDING_MESSAGES.fetchFailed(url, (error as Error).message));
  }
  if (body.trim() !== standing.verificationToken) throw new UserFacingError(422, ONBOARDING_MESSAGES.mismatch(url));
  await db.transaction(async (tx) => {
    await markShopVerified(tx, scope.merchant.id, at);
    await appendAudit(tx, {
      at,
      actorId: scope.accountId,
      action: 'merchant.verified',
      targetKind: 'merchant',
      targetId: scope.merchant.id,
      beforeState: null,
      afterState: 'verified',
      reason: standing.websiteOrigin,
    });
  });
  return ONBOARDING_MESSAGES.verified(standing.websiteOrigin!);
}

/** Admins suspend (or reinstate) a shop; the reason is shown to the shop's team and recorded in the audit log. */
export async function setSuspension(
  db: Database,
  input: { adminId: string | null; merchantId: string; suspend: boolean; reason: string; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const ok = await setShopSuspension(tx, input.merchantId, input.suspend ? { at: input.at, reason: input.reason } : null);
    if (!ok) throw notFound('The merchant');
    await appendAudit(tx, {
      at: input.at,
      actorId: input.adminId,
      action: input.suspend ? 'merchant.suspended' : 'merchant.reinstated',
      targetKind: 'merchant',
      targetId: input.merchantId,
      beforeState: null,
      afterState: input.suspend ? 'suspended' : 'active',
      reason: input.reason,
    });
  });
}

/** The admins' list of shops with their standing (newest first). */
export function listShopsForAdmins(db: Queryable) {
  return listShops(db, 500);
}
