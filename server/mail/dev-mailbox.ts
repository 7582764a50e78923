import type { Database } from '../storage/database.js';
import { listOutbox } from '../storage/outbox-repo.js';

/** The latest emails in the outbox, whatever their delivery state: in development that is the mailbox. */
export async function listSentMailForDevelopment(db: Database, limit = 50) {
  const items = await listOutbox(db, { kind: 'email', limit });
  return items.map((item) => {
    const p = item.payload as { to?: string; subject?: string; text?: string };
    return {
      id: item.id,
      to: p.to ?? '',
      subject: p.subject ?? '',
      text: p.text ?? '',
      status: item.status,
      attempts: item.attempts,
      lastError: item.lastError,
      createdAt: item.createdAt,
    };
  });
}
