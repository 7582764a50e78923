import { UserFacingError } from '../domain-errors.js';
import { readAccountData } from '../storage/account-data-repo.js';
import type { Database } from '../storage/database.js';
import { requireCurrentPassword } from './account-control.js';

const MESSAGES = {
  notYours: 'You can download only your own account’s data.',
};

export interface AccountExport {
  format: 'candor-account-export/1';
  exportedAt: string;
  /** The account row as stored (the password hash left out). */
  account: Record<string, unknown>;
  /**
   * Every row of every table that points at the account, named "table" or "table.column" when a table points at
   * it in more than one way (for example a report made by the person and one decided by them). Identifiers appear
   * as stored: keyed hashes, with the readable value while it is still kept.
   */
  data: Record<string, Record<string, unknown>[]>;
}

/** Everything held about the account, for the account itself only, after the current password is given again. */
export async function exportAccountData(db: Database, input: { requesterId: string; accountId: string; password: string; at: Date }): Promise<AccountExport> {
  // Checked here as well as in the route: no entry point may hand one person's data to another.
  if (input.requesterId !== input.accountId) throw new UserFacingError(403, MESSAGES.notYours);
  await requireCurrentPassword(db, input.accountId, input.password);
  const { account, sections } = await readAccountData(db, input.accountId);
  if (!account) throw new UserFacingError(404, MESSAGES.notYours);
  const tables = new Map<string, number>();
  for (const s of sections) tables.set(s.table, (tables.get(s.table) ?? 0) + 1);
  const data: AccountExport['data'] = {};
  for (const s of sections) data[(tables.get(s.table) ?? 0) > 1 ? `${s.table}.${s.column}` : s.table] = s.rows;
  return { format: 'candor-account-export/1', exportedAt: input.at.toISOString(), account, data };
}
