import { assertMayAct } from '../accounts/actor-policy.js';
import { conflict, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Database } from '../storage/database.js';
import { insertReport } from '../storage/engagement-repo.js';
import { newId } from '../storage/ids.js';
import { findAnswer, findQuestion } from '../storage/question-repo.js';
import type { ReportReason } from '../reviews/report-content.js';

const MESSAGES = { already: 'You have already reported this. A moderator will look at it.' };

/** A report on a question or answer goes to the moderation queue; the post stays up until a moderator decides. */
export async function reportQuestionContent(
  db: Database,
  input: { targetKind: 'question' | 'answer'; targetId: string; accountId: string; reason: ReportReason; note: string },
): Promise<{ reportId: string }> {
  return db.transaction(async (tx) => {
    const target = input.targetKind === 'question' ? await findQuestion(tx, input.targetId) : await findAnswer(tx, input.targetId);
    if (!target || !isPublic(target.status)) throw notFound(`The ${input.targetKind}`);
    await assertMayAct(tx, input.accountId, 'report', { merchantId: target.merchantId });
    const id = newId('rep');
    const inserted = await insertReport(tx, { id, ...input });
    if (!inserted) throw conflict(MESSAGES.already);
    return { reportId: id };
  });
}
