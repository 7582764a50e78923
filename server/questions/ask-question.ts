import { assertMayAct } from '../accounts/actor-policy.js';
import { notFound } from '../domain-errors.js';
import type { Verdict } from '../integrity/types.js';
import { findProductBySlug } from '../storage/catalog-repo.js';
import { newId } from '../storage/ids.js';
import { insertPendingQuestion } from '../storage/question-repo.js';
import { checkAndSettle, recordPostIdentifiers } from '../reviews/integrity-gate.js';
import type { PostContext, SubmitDeps } from '../reviews/submit-review.js';
import { textSubmission } from '../reviews/text-submission.js';

/** A question about a product: checked by the same pipeline as reviews before anyone else sees it. */
export async function askQuestion(
  deps: SubmitDeps,
  input: { productSlug: string; body: string; post: PostContext },
): Promise<{ questionId: string; verdict: Verdict }> {
  return deps.db.transaction(async (tx) => {
    const product = await findProductBySlug(tx, input.productSlug);
    if (!product) throw notFound('The product');
    // Suspended accounts may not post; staff may ask (the insider check weighs it, as it does their reviews).
    const account = await assertMayAct(tx, input.post.accountId, 'review', { merchantId: product.merchantId });
    const id = newId('q');
    await insertPendingQuestion(tx, {
      id,
      productId: product.id,
      merchantId: product.merchantId,
      accountId: account.id,
      body: input.body,
      ip: input.post.ip,
      userAgent: input.post.userAgent,
      at: input.post.at,
    });
    await recordPostIdentifiers(tx, account.id, input.post);
    const submission = textSubmission(
      'question',
      { id, accountId: account.id, productId: product.id, merchantId: product.merchantId, body: input.body },
      input.post,
    );
    const verdict = await checkAndSettle(tx, deps.integrity, submission, 'submit');
    return { questionId: id, verdict };
  });
}
