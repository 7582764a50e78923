import type { Queryable } from './database.js';

export type AppealStatus = 'open' | 'won' | 'lost';

export interface AppealRecord {
  id: string;
  targetKind: 'review' | 'comment' | 'question' | 'answer';
  targetId: string;
  accountId: string;
  message: string;
  stateAtAppeal: string;
  status: AppealStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  outcomeNote: string | null;
}

function toAppeal(r: Record<string, unknown>): AppealRecord {
  return {
    id: r.id as string,
    targetKind: r.target_kind as 'review' | 'comment' | 'question' | 'answer',
    targetId: r.target_id as string,
    accountId: r.account_id as string,
    message: r.message as string,
    stateAtAppeal: r.state_at_appeal as string,
    status: r.status as AppealStatus,
    createdAt: new Date(r.created_at as string),
    decidedAt: r.decided_at ? new Date(r.decided_at as string) : null,
    decidedBy: (r.decided_by as string | null) ?? null,
    outcomeNote: (r.outcome_note as string | null) ?? null,
  };
}

/** Returns false when the item already has an appeal (one per item). */
export async function insertAppeal(
  db: Queryable,
  appeal: {
    id: string;
    targetKind: 'review' | 'comment' | 'question' | 'answer';
    targetId: string;
    accountId: string;
    message: string;
    stateAtAppeal: string;
    at: Date;
  },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO appeals (id, target_kind, target_id, account_id, message, state_at_appeal, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (target_kind, target_id) DO NOTHING RETURNING id`,
      [appeal.id, appeal.targetKind, appeal.targetId, appeal.accountId, appeal.message, appeal.stateAtAppeal, appeal.at],
    )
  ).rows;
  return rows.length === 1;
}

export async function findAppeal(db: Queryable, id: string): Promise<AppealRecord | null> {
  const row = (await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE id = $1', [id])).rows[0];
  return row ? toAppeal(row) : null;
}

export async function findAppealForTarget(db: Queryable, kind: 'review' | 'comment' | 'question' | 'answer', targetId: string): Promise<AppealRecord | null> {
  const row = (await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE target_kind = $1 AND target_id = $2', [kind, targetId])).rows[0];
  return row ? toAppeal(row) : null;
}

export async function appealsByAccount(db: Queryable, accountId: string): Promise<AppealRecord[]> {
  const rows = (await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE account_id = $1 ORDER BY created_at DESC LIMIT 200', [accountId])).rows;
  return rows.map(toAppeal);
}

/** Closes an open appeal; false when it was already decided (by another moderator). */
export async function closeAppeal(db: Queryable, id: string, outcome: { status: 'won' | 'lost'; by: string; note: string | null; at: Date }): Promise<boolean> {
  const rows = (
    await db.query(
      `UPDATE appeals SET status = $2, decided_by = $3, outcome_note = $4, decided_at = $5
       WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, outcome.status, outcome.by, outcome.note, outcome.at],
    )
  ).rows;
  return rows.length === 1;
}

/** Reads an appeal and locks it for the rest of the transaction (two moderators deciding it queue here). */
export async function lockAppeal(db: Queryable, id: string): Promise<AppealRecord | null> {
  const row = (await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE id = $1 FOR UPDATE', [id])).rows[0];
  return row ? toAppeal(row) : null;
}
