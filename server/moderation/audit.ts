import type { Database } from '../storage/database.js';
import { listAudit, listModerators, type AuditRow } from '../storage/moderation-repo.js';

export interface AuditQuery {
  targetKind: string | null;
  targetId: string | null;
  /** An account id, or 'pipeline' for automatic verdicts. */
  actor: string | null;
  before: number | null;
}

const PAGE = 100;

/** The audit log, newest first, per item or per moderator (or the pipeline), paged by id. */
export async function browseAudit(db: Database, query: AuditQuery): Promise<{ entries: AuditRow[]; nextBefore: number | null; moderators: Awaited<ReturnType<typeof listModerators>> }> {
  const entries = await listAudit(db, {
    targetKind: query.targetKind ?? undefined,
    targetId: query.targetId ?? undefined,
    actorId: query.actor && query.actor !== 'pipeline' ? query.actor : undefined,
    pipelineOnly: query.actor === 'pipeline',
    beforeId: query.before ?? undefined,
    limit: PAGE + 1,
  });
  return {
    entries: entries.slice(0, PAGE),
    nextBefore: entries.length > PAGE ? entries[PAGE - 1]!.id : null,
    moderators: await listModerators(db),
  };
}
