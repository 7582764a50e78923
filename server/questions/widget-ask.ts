import type { ProductRecord } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findWidgetProduct, loadEmbedPolicy } from '../reviews/widget-reviews.js';
import type { PostContext, SubmitDeps } from '../reviews/submit-review.js';
import { askQuestion } from './ask-question.js';

/**
 * Asking from the widget: the frame on the shop's page has no Candor session (it is a third-party frame), so the
 * question is asked in a popup on Candor's own site, addressed like the widget (merchant id, SKU). A shop that may
 * not show the widget (unverified, suspended) cannot collect questions through it either.
 */

const MESSAGES = {
  published: 'Thank you! Your question is published; answers will appear under it.',
  held: 'Thank you. Your question is waiting for a moderator before others can see it.',
  rejected: 'Your question was not published: it did not pass our checks. Your Candor account page says why.',
} as const;

export async function loadWidgetAskState(db: Database, input: { merchantId: string; sku: string }): Promise<{ product: ProductRecord }> {
  await loadEmbedPolicy(db, input.merchantId);
  return { product: await findWidgetProduct(db, input.merchantId, input.sku) };
}

export async function askFromWidget(
  deps: SubmitDeps,
  input: { merchantId: string; sku: string; body: string; post: PostContext },
): Promise<{ product: ProductRecord; questionId: string; state: keyof typeof MESSAGES; message: string }> {
  const { product } = await loadWidgetAskState(deps.db, input);
  const result = await askQuestion(deps, { productSlug: product.slug, body: input.body, post: input.post });
  const state = result.verdict.decision;
  return { product, questionId: result.questionId, state, message: MESSAGES[state] };
}
