import { assertMayAct } from '../accounts/actor-policy.js';
import type { Queryable } from '../storage/database.js';
import type { MerchantScope } from './merchant-scope.js';

/**
 * What each team role may do, asked by the use cases themselves (not only the routes), so the web area, the
 * API and tests obey the same rule. Each check re-reads the account through the actor policy: a member removed
 * or downgraded a moment ago is refused on their next write, and a suspended account on every write.
 *
 *   role     read the area   reply and follow up   manage team and settings
 *   owner    yes             yes                   yes
 *   staff    yes             yes                   no
 *   viewer   yes             no                    no
 */
export async function assertMayReply(db: Queryable, scope: MerchantScope): Promise<void> {
  await assertMayAct(db, scope.accountId, 'reply', { merchantId: scope.merchant.id });
}

export async function assertMayManage(db: Queryable, scope: MerchantScope): Promise<void> {
  await assertMayAct(db, scope.accountId, 'manage', { merchantId: scope.merchant.id });
}

/** For pages: which controls to show (the use cases still decide). */
export function memberAbilities(scope: MerchantScope) {
  return { canReply: scope.role !== 'viewer', canManage: scope.role === 'owner' };
}
