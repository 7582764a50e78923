import { UserFacingError } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import { listEmbedOrigins, listMerchantProducts } from '../storage/merchant-repo.js';
import { allowOrigin, normalizeOrigin } from './embed-origins.js';
import type { MerchantScope } from './merchant-scope.js';
import { publicRefusal, shopStanding } from './onboarding.js';
import { recentRefusals } from './widget-refusals.js';

export const INSTALL_MESSAGES = {
  badPage: 'Enter the address of a page of your shop, for example https://shop.example.com/products/lamp.',
  allowed: (origin: string) => `${origin} is allowed: the widget will show on its pages.`,
  notAllowed: (origin: string) => `This page’s origin (${origin}) is not allowed yet: add it, or the widget stays hidden there.`,
};

/** The origin of a page address a merchant pastes (a full URL is fine: only scheme, host and port count). */
export function originOfPage(input: string): string | null {
  const text = input.trim();
  // Another scheme (ftp://, javascript:…//) is not a page the widget can be on; a bare host gets https://.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    return normalizeOrigin(url.origin);
  } catch {
    return null;
  }
}

/** What the install page needs: products to pick, the shop's standing, allowed origins, recent refusals, and a check. */
export async function loadInstall(db: Database, scope: MerchantScope, pageToCheck: string | null) {
  const [products, standing, origins, refusals] = await Promise.all([
    listMerchantProducts(db, scope.merchant.id),
    shopStanding(db, scope.merchant.id),
    listEmbedOrigins(db, scope.merchant.id),
    recentRefusals(db, scope),
  ]);
  let check: { origin: string | null; allowed: boolean; message: string } | null = null;
  if (pageToCheck?.trim()) {
    const origin = originOfPage(pageToCheck);
    if (!origin) check = { origin: null, allowed: false, message: INSTALL_MESSAGES.badPage };
    else {
      const allowed = origins.some((o) => normalizeOrigin(o.origin) === origin);
      check = { origin, allowed, message: allowed ? INSTALL_MESSAGES.allowed(origin) : INSTALL_MESSAGES.notAllowed(origin) };
    }
  }
  return { products, refusal: publicRefusal(standing), origins: origins.map((o) => o.origin), refusals, check };
}

/** "Add it": allows the origin of a page the merchant checked (owners only, as every origin change). */
export async function allowPageOrigin(db: Database, scope: MerchantScope, page: string, at: Date): Promise<string> {
  const origin = originOfPage(page);
  if (!origin) throw new UserFacingError(422, INSTALL_MESSAGES.badPage);
  return allowOrigin(db, scope, origin, at);
}
