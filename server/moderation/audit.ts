import type { Database } from '../storage/database.js';
import { listAudit, listModerators, type AuditCursor, type AuditRow } from '../storage/moderation-repo.js';

export type { AuditRow };

export interface AuditQuery {
  targetKind: string | null;
  targetId: string | null;
  /** An account id, or 'pipeline' for automatic verdicts. */
  actor: string | null;
  /** The cursor of the previous page's last entry, written `<epoch ms>-<id>`. */
  before: string | null;
}

const PAGE = 100;

function cursorOf(row: AuditRow): string {
  return `${row.at.getTime()}-${row.id}`;
}

function parseCursor(value: string | null): AuditCursor | undefined {
  const match = value ? /^(\d{1,15})-(\d{1,15})$/.exec(value) : null;
  return match ? { at: new Date(Number(match[1])), id: Number(match[2]) } : undefined;
}

/** The audit log, newest first in true time order, per item or per moderator (or the pipeline), paged by (time, id). */
export async function browseAudit(
  db: Database,
  query: AuditQuery,
): Promise<{ entries: AuditRow[]; nextBefore: string | null; moderators: Awaited<ReturnType<typeof listModerators>> }> {
  const entries = await listAudit(db, {
    targetKind: query.targetKind ?? undefined,
    targetId: query.targetId ?? undefined,
    actorId: query.actor && query.actor !== 'pipeline' ? query.actor : undefined,
    pipelineOnly: query.actor === 'pipeline',
    before: parseCursor(query.before),
    limit: PAGE + 1,
  });
  return {
    entries: entries.slice(0, PAGE),
    nextBefore: entries.length > PAGE ? cursorOf(entries[PAGE - 1]!) : null,
    moderators: await listModerators(db),
  };
}
