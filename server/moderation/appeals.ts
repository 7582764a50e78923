import { assertMayAct } from '../accounts/actor-policy.js';
import { conflict, forbidden, notFound } from '../domain-errors.js';
import { appealsByAccount, insertAppeal, type AppealRecord } from '../storage/appeal-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import { newId } from '../storage/ids.js';
import type { Database } from '../storage/database.js';
import { findItem, latestModeratorReasons, type ItemKind } from '../storage/moderation-repo.js';
import { rejectReason } from './reject-reasons.js';
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
    await assertMayAct(tx, input.accountId, 'appeal');
    if (!APPEALABLE.has(item.status)) throw conflict(MESSAGES.notAppealable);
    const id = newId('ap');
    const inserted = await insertAppeal(tx, {
      id,
      targetKind: input.kind,
      targetId: item.id,
      accountId: input.accountId,
      message: input.message,
      stateAtAppeal: item.status,
      at,
    });
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

const APPEAL_WORDS: Record<string, string> = {
  open: 'Your appeal is waiting for a moderator.',
  won: 'Your appeal was successful: a moderator published your review.',
  lost: 'A moderator looked again and kept the decision.',
};

export interface AuthorOutcome {
  canAppeal: boolean;
  appeal: { status: AppealRecord['status']; words: string; message: string; note: string | null; createdAt: Date; decidedAt: Date | null } | null;
  /** The policy rule a moderator's rejection or removal cited, in the public wording. */
  moderatorReason: { label: string; policy: string } | null;
}

/** What an author sees about moderation of their own reviews: the policy reason, the appeal and its outcome. */
export async function authorOutcomes(db: Database, accountId: string, reviews: { id: string; status: string }[]): Promise<Map<string, AuthorOutcome>> {
  const appeals = new Map((await appealsByAccount(db, accountId)).filter((a) => a.targetKind === 'review').map((a) => [a.targetId, a]));
  const reasons = await latestModeratorReasons(
    db,
    'review',
    reviews.filter((r) => r.status !== 'published').map((r) => r.id),
  );
  return new Map(
    reviews.map((r) => {
      const appeal = appeals.get(r.id);
      const reason = rejectReason(reasons.get(r.id));
      return [
        r.id,
        {
          canAppeal: !appeal && APPEALABLE.has(r.status),
          appeal: appeal
            ? {
                status: appeal.status,
                words: APPEAL_WORDS[appeal.status]!,
                message: appeal.message,
                note: appeal.outcomeNote,
                createdAt: appeal.createdAt,
                decidedAt: appeal.decidedAt,
              }
            : null,
          moderatorReason: reason && (r.status === 'rejected' || r.status === 'removed') ? { label: reason.label, policy: reason.policy } : null,
        },
      ];
    }),
  );
}
