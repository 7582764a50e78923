import type { Queryable } from './database.js';

/** The public-content version (bumped by triggers at the commit of any write a public page shows). */
export async function readContentVersion(db: Queryable): Promise<number> {
  const row = (await db.query<{ version: number }>('SELECT version FROM content_version WHERE id = 1')).rows[0];
  return Number(row?.version ?? 0);
}
