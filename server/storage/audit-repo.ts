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
