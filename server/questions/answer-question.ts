import { assertMayAct } from '../accounts/actor-policy.js';
import { notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Verdict } from '../integrity/types.js';
import { newId } from '../storage/ids.js';
import { answererStanding, findQuestion, insertPendingAnswer, type AnswerBadge } from '../storage/question-repo.js';
import { checkAndSettle, recordPostIdentifiers } from '../reviews/integrity-gate.js';
import type { PostContext, SubmitDeps } from '../reviews/submit-review.js';
import { textSubmission } from '../reviews/text-submission.js';

/**
 * Anyone signed in may answer a published question. The badge is decided here, from facts the answerer cannot
 * choose: staff of the product's merchant always answer as "Seller" (so an insider cannot pass as a customer
 * through this door); otherwise a verified order of the product earns "Owns it". An insider who is not declared
 * staff (same office network, the merchant's e-mail domain…) gets no badge and is the pipeline's insider check to
 * hold, exactly as for reviews.
 */
export async function answerQuestion(
  deps: SubmitDeps,
  input: { questionId: string; body: string; post: PostContext },
): Promise<{ answerId: string; badge: AnswerBadge | null; verdict: Verdict }> {
  return deps.db.transaction(async (tx) => {
    const question = await findQuestion(tx, input.questionId);
    if (!question || !isPublic(question.status)) throw notFound('The question');
    const account = await assertMayAct(tx, input.post.accountId, 'review', { merchantId: question.merchantId });
    const standing = await answererStanding(tx, account.id, question.productId, question.merchantId);
    const badge: AnswerBadge | null = standing.staff || account.staffOf.includes(question.merchantId) ? 'seller' : standing.owns ? 'owner' : null;
    const id = newId('qa');
    await insertPendingAnswer(tx, {
      id,
      questionId: question.id,
      accountId: account.id,
      body: input.body,
      badge,
      ip: input.post.ip,
      userAgent: input.post.userAgent,
      at: input.post.at,
    });
    await recordPostIdentifiers(tx, account.id, input.post);
    const submission = textSubmission(
      'answer',
      { id, accountId: account.id, productId: question.productId, merchantId: question.merchantId, body: input.body },
      input.post,
      { disclosedInsider: badge === 'seller' },
    );
    const verdict = await checkAndSettle(tx, deps.integrity, submission, 'submit');
    return { answerId: id, badge, verdict };
  });
}
