import { assertMayAct } from '../accounts/actor-policy.js';
import type { Queryable } from '../storage/database.js';
import type { MerchantScope } from './merchant-scope.js';

/**
 * "May this member answer reviews publicly for this merchant?" — asked by every follow-up write. Today every
 * managing member may (and suspended or removed ones may not: assertMayAct reads the database each time); team
 * roles (owner/staff/viewer) plug in here so that viewers are refused in one place.
 */
export async function assertMayReply(db: Queryable, scope: MerchantScope): Promise<void> {
  await assertMayAct(db, scope.accountId, 'reply', { merchantId: scope.merchant.id });
}
