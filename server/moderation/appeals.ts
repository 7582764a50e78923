import { conflict, forbidden, notFound } from '../domain-errors.js';
import { appealsByAccount, insertAppeal, type AppealRecord } from '../storage/appeal-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import { newId } from '../storage/ids.js';
import { findItem, type ItemKind } from '../storage/moderation-repo.js';
import type { ModerationDeps } from './decisions.js';

const MESSAGES = {
  notYours: 'You can only appeal decisions about your own reviews.',
  notAppealable: 'Only reviews that are waiting for a moderator or were not published can be appealed.',
  already: 'You have already appealed this decision. Each decision can be appealed once.',
};

/** States an author may appeal: held (waiting) and rejected. */
const APPEALABLE = new Set(['held', 'rejected']);

/** An author asks a person to look again, once per item, with a message; the appeal joins the queue. */
export async function fileAppeal(
  deps: ModerationDeps,
  input: { accountId: string; kind: ItemKind; targetId: string; message: string },
): Promise<{ appealId: string }> {
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const item = await findItem(tx, input.kind, input.targetId, true);
    if (!item) throw notFound(`The ${input.kind}`);
    if (item.accountId !== input.accountId) throw forbidden(MESSAGES.notYours);
    if (!APPEALABLE.has(item.status)) throw conflict(MESSAGES.notAppealable);
    const id = newId('ap');
    const inserted = await insertAppeal(tx, { id, targetKind: input.kind, targetId: item.id, accountId: input.accountId, message: input.message, stateAtAppeal: item.status, at });
    if (!inserted) throw conflict(MESSAGES.already);
    await appendAudit(tx, {
      at,
      actorId: input.accountId,
      action: 'author.appeal',
      targetKind: input.kind,
      targetId: item.id,
      beforeState: item.status,
      afterState: item.status,
      reason: null,
      details: { appealId: id },
    });
    return { appealId: id };
  });
}

export function listAuthorAppeals(deps: Pick<ModerationDeps, 'db'>, accountId: string): Promise<AppealRecord[]> {
  return appealsByAccount(deps.db, accountId);
}
