import type { Queryable } from './database.js';

/** A shop's onboarding and standing: whether it proved it owns its origin, and whether an admin suspended it. */
export interface ShopStanding {
  id: string;
  name: string;
  websiteOrigin: string | null;
  category: string | null;
  verificationToken: string | null;
  verifiedAt: Date | null;
  suspendedAt: Date | null;
  suspendedReason: string | null;
}

interface StandingRow {
  id: string;
  name: string;
  website_origin: string | null;
  category: string | null;
  verification_token: string | null;
  verified_at: Date | null;
  suspended_at: Date | null;
  suspended_reason: string | null;
}

const toStanding = (r: StandingRow): ShopStanding => ({
  id: r.id,
  name: r.name,
  websiteOrigin: r.website_origin,
  category: r.category,
  verificationToken: r.verification_token,
  verifiedAt: r.verified_at,
  suspendedAt: r.suspended_at,
  suspendedReason: r.suspended_reason,
});

export async function findShopStanding(db: Queryable, merchantId: string): Promise<ShopStanding | null> {
  const row = (
    await db.query<StandingRow>(
      `SELECT id, name, website_origin, category, verification_token, verified_at, suspended_at, suspended_reason
       FROM merchants WHERE id = $1`,
      [merchantId],
    )
  ).rows[0];
  return row ? toStanding(row) : null;
}

/** A self-service shop starts unverified (the column's default marks operator-added merchants verified). */
export async function insertShop(
  db: Queryable,
  shop: {
    id: string;
    slug: string;
    name: string;
    domain: string;
    websiteOrigin: string;
    category: string;
    verificationToken: string;
    verified: boolean;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO merchants (id, slug, name, domain, website_origin, category, verification_token, verified_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [shop.id, shop.slug, shop.name, shop.domain, shop.websiteOrigin, shop.category, shop.verificationToken, shop.verified ? shop.at : null, shop.at],
  );
}

export async function merchantSlugTaken(db: Queryable, slug: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM merchants WHERE slug = $1', [slug])).rows.length > 0;
}

export async function merchantNameTaken(db: Queryable, name: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM merchants WHERE lower(name) = lower($1)', [name])).rows.length > 0;
}

export async function markShopVerified(db: Queryable, merchantId: string, at: Date): Promise<void> {
  await db.query('UPDATE merchants SET verified_at = $2 WHERE id = $1 AND verified_at IS NULL', [merchantId, at]);
}

export async function setShopSuspension(db: Queryable, merchantId: string, suspension: { at: Date; reason: string } | null): Promise<boolean> {
  const result = await db.query('UPDATE merchants SET suspended_at = $2, suspended_reason = $3 WHERE id = $1 RETURNING id', [
    merchantId,
    suspension?.at ?? null,
    suspension?.reason ?? null,
  ]);
  return result.rows.length === 1;
}

/** Shops this account owns that have not proved their origin yet (a cap keeps names from being squatted). */
export async function countUnverifiedShopsOwnedBy(db: Queryable, accountId: string): Promise<number> {
  const row = (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM merchants m JOIN merchant_staff s ON s.merchant_id = m.id
       WHERE s.account_id = $1 AND s.can_manage AND m.verified_at IS NULL`,
      [accountId],
    )
  ).rows[0];
  return row?.n ?? 0;
}

export interface ShopListing extends ShopStanding {
  slug: string;
  createdAt: Date;
}

/** Every shop with its standing, newest first (the admins' list). */
export async function listShops(db: Queryable, limit: number): Promise<ShopListing[]> {
  const rows = (
    await db.query<StandingRow & { slug: string; created_at: Date }>(
      `SELECT id, name, slug, created_at, website_origin, category, verification_token, verified_at, suspended_at, suspended_reason
       FROM merchants ORDER BY created_at DESC, id LIMIT $1`,
      [limit],
    )
  ).rows;
  return rows.map((r) => ({ ...toStanding(r), slug: r.slug, createdAt: new Date(r.created_at) }));
}
