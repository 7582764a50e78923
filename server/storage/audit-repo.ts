import type { Queryable } from './database.js';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  beforeState: string | null;
  afterState: string | null;
  reason: string | null;
  details?: Record<string, unknown>;
}

/** The audit log is append-only: there is no update or delete here, by design. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, before_state, after_state, reason, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.at,
      entry.actorId,
      entry.action,
      entry.targetKind,
      entry.targetId,
      entry.beforeState,
      entry.afterState,
      entry.reason,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** Whether a person (a moderator) has already decided this item: automatic re-checks must not overrule them. */
export async function hasHumanDecision(db: Queryable, targetKind: string, targetId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM audit_log WHERE target_kind = $1 AND target_id = $2 AND actor_id IS NOT NULL
       AND action LIKE 'moderator.%' LIMIT 1`,
    [targetKind, targetId],
  );
  return rows.rows.length > 0;
}
