import { randomBytes } from 'node:crypto';
import type { Database } from '../storage/database.js';
import { ensureInstanceSetting } from '../storage/settings-repo.js';

/**
 * The secret that signs session cookies and invitation links. Configured SESSION_SECRET wins; otherwise a random
 * one is generated the first time and kept in the database (the PGlite data directory, or a row every process
 * on a shared PostgreSQL reads), so restarts keep sessions and there is never a publicly known default.
 */
export async function resolveSessionSecret(db: Database, configured: string | null): Promise<{ secret: string; generated: boolean }> {
  if (configured) return { secret: configured, generated: false };
  const secret = await ensureInstanceSetting(db, 'session_secret', randomBytes(32).toString('base64url'));
  return { secret, generated: true };
}
