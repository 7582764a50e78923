import { UserFacingError, conflict } from '../domain-errors.js';
import { findAccountByEmail } from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';
import { deleteDeclaredStaff, insertDeclaredStaff, listStaff } from '../storage/merchant-repo.js';
import type { MerchantScope } from './merchant-scope.js';

const MESSAGES = {
  noAccount: 'No Candor account uses this email. Staff are declared by the email of their Candor account.',
  already: 'This account is already on your staff list.',
  notDeclared: 'That account is not on your declared staff list (team members who manage this area are not removed here).',
};

export function listStaffAccounts(db: Database, scope: MerchantScope) {
  return listStaff(db, scope.merchant.id);
}

/**
 * Declared staff (employees, contractors, agencies) are insiders: their reviews of this merchant's products
 * are labelled and weighed by the insider signal, which reads merchant_staff.
 */
export async function declareStaff(db: Database, scope: MerchantScope, email: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const account = await findAccountByEmail(tx, email);
    if (!account) throw new UserFacingError(404, MESSAGES.noAccount);
    if (!(await insertDeclaredStaff(tx, scope.merchant.id, account.id, at))) throw conflict(MESSAGES.already);
  });
}

export async function removeStaff(db: Database, scope: MerchantScope, accountId: string): Promise<void> {
  if (!(await deleteDeclaredStaff(db, scope.merchant.id, accountId))) throw new UserFacingError(404, MESSAGES.notDeclared);
}
