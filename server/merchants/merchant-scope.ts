import { assertMayAct } from '../accounts/actor-policy.js';
import { UserFacingError, notFound } from '../domain-errors.js';
import type { Queryable } from '../storage/database.js';
import { canManageMerchant, findMerchant, listMerchantsByIds, type MerchantSummary } from '../storage/merchant-repo.js';

const MESSAGES = {
  notStaff: 'You do not manage this merchant. Ask one of its team members to add you.',
};

/** Who is acting, for which merchant: every merchant-area use case takes one, so none can forget the check. */
export interface MerchantScope {
  merchant: MerchantSummary;
  accountId: string;
}

/**
 * Opens the merchant area for one account and one merchant. Checked against the database on every request
 * (not the session), so removing someone takes effect at once. An unknown merchant and someone else's
 * merchant get the same 403: the area does not reveal which merchant ids exist.
 */
export async function openMerchantScope(db: Queryable, accountId: string, merchantId: string): Promise<MerchantScope> {
  const allowed = await canManageMerchant(db, accountId, merchantId);
  const merchant = allowed ? await findMerchant(db, merchantId) : null;
  if (!merchant) throw new UserFacingError(403, MESSAGES.notStaff);
  // Suspended team members keep no access: the shared actor policy decides, as for every other write.
  await assertMayAct(db, accountId, 'merchant', { merchantId });
  return { merchant, accountId };
}

export function merchantsManagedBy(db: Queryable, merchantIds: string[]) {
  return listMerchantsByIds(db, merchantIds);
}

export { notFound };
