import { createHash, randomBytes } from 'node:crypto';
import { UserFacingError, notFound } from '../domain-errors.js';
import { insertApiKey, listApiKeys, revokeApiKey, useApiKey, type ApiKeyRecord } from '../storage/api-key-repo.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayManage } from './member-permissions.js';

const MESSAGES = {
  missing: 'Send your API key as "Authorization: Bearer <key>".',
  invalid: 'This API key is not valid or has been revoked.',
};

const KEY_PREFIX = 'cnd_';

/** sha256 is enough here: the key is 256 random bits, so there is nothing to brute-force that a slow hash would protect. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function listKeys(db: Database, scope: MerchantScope) {
  return listApiKeys(db, scope.merchant.id);
}

/** Creates a key and returns it in clear exactly once; only its hash and a short prefix are stored. */
export async function createApiKey(db: Database, scope: MerchantScope, label: string, at: Date): Promise<{ id: string; key: string }> {
  await assertMayManage(db, scope);
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId('k');
  await insertApiKey(db, { id, merchantId: scope.merchant.id, label, keyPrefix: key.slice(0, 10), keyHash: hashApiKey(key), createdBy: scope.accountId, at });
  return { id, key };
}

export async function revokeKey(db: Database, scope: MerchantScope, keyId: string, at: Date): Promise<void> {
  await assertMayManage(db, scope);
  if (!(await revokeApiKey(db, scope.merchant.id, keyId, at))) throw notFound('An active key with this id');
}

/** The merchant an `Authorization: Bearer` header speaks for; records the key's last use. */
export async function authenticateApiKey(db: Database, authorization: string | undefined, at: Date): Promise<ApiKeyRecord> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new UserFacingError(401, MESSAGES.missing);
  const key = match[1]!;
  const record = key.startsWith(KEY_PREFIX) && key.length < 200 ? await useApiKey(db, hashApiKey(key), at) : null;
  if (!record) throw new UserFacingError(401, MESSAGES.invalid);
  return record;
}
