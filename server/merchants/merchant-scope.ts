import { assertMayAct } from '../accounts/actor-policy.js';
import { UserFacingError, notFound } from '../domain-errors.js';
import type { Queryable } from '../storage/database.js';
import { findMerchant, listMerchantsByIds, type MerchantSummary } from '../storage/merchant-repo.js';
import { findTeamRole, type TeamRole } from '../storage/team-repo.js';

const MESSAGES = {
  notStaff: 'You do not manage this merchant. Ask one of its team members to add you.',
};

/** Who is acting, for which merchant: every merchant-area use case takes one, so none can forget the check. */
export interface MerchantScope {
  merchant: MerchantSummary;
  accountId: string;
  /** The account's team role, read on this request: owner (everything), staff (also replies), viewer (reads). */
  role: TeamRole;
}

/**
 * Opens the merchant area for one account and one merchant. Checked against the database on every request
 * (not the session), so removing someone takes effect at once. An unknown merchant and someone else's
 * merchant get the same 403: the area does not reveal which merchant ids exist.
 */
export async function openMerchantScope(db: Queryable, accountId: string, merchantId: string): Promise<MerchantScope> {
  const role = await findTeamRole(db, accountId, merchantId);
  const merchant = role ? await findMerchant(db, merchantId) : null;
  if (!merchant || !role) throw new UserFacingError(403, MESSAGES.notStaff);
  // Suspended team members keep no access: the shared actor policy decides, as for every other write.
  await assertMayAct(db, accountId, 'merchant', { merchantId });
  return { merchant, accountId, role };
}

export function merchantsManagedBy(db: Queryable, merchantIds: string[]) {
  return listMerchantsByIds(db, merchantIds);
}

export { notFound };
