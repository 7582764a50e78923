import type { ProductRecord } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findWidgetProduct, loadEmbedPolicy } from '../reviews/widget-reviews.js';
import type { PostContext, SubmitDeps } from '../reviews/submit-review.js';
import { notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import { findQuestion } from '../storage/question-repo.js';
import type { AnswerBadge } from '../storage/question-repo.js';
import { askQuestion } from './ask-question.js';
import { answerQuestion } from './answer-question.js';

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

const ANSWER_MESSAGES = {
  published: 'Thank you! Your answer is published under the question.',
  held: 'Thank you. Your answer is waiting for a moderator before others can see it.',
  rejected: 'Your answer was not published: it did not pass our checks. Your Candor account page says why.',
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

export interface WidgetQuestion {
  id: string;
  body: string;
}

/**
 * The question an "Answer" button in the widget points at: published, and a question about this very product of
 * this merchant (a crafted address cannot answer another shop's question through this shop's widget).
 */
export async function loadWidgetAnswerState(
  db: Database,
  input: { merchantId: string; sku: string; questionId: string },
): Promise<{ product: ProductRecord; question: WidgetQuestion }> {
  const { product } = await loadWidgetAskState(db, input);
  const question = await findQuestion(db, input.questionId);
  if (!question || !isPublic(question.status) || question.productId !== product.id) throw notFound('The question');
  return { product, question: { id: question.id, body: question.body } };
}

/**
 * Answering from the widget's popup: the tab's use case (answerQuestion) does the rest, so the badge ("Owns it",
 * "Seller"), the integrity pipeline and moderation are exactly the tab's.
 */
export async function answerFromWidget(
  deps: SubmitDeps,
  input: { merchantId: string; sku: string; questionId: string; body: string; post: PostContext },
): Promise<{
  product: ProductRecord;
  question: WidgetQuestion;
  answerId: string;
  badge: AnswerBadge | null;
  state: keyof typeof ANSWER_MESSAGES;
  message: string;
}> {
  const { product, question } = await loadWidgetAnswerState(deps.db, input);
  const result = await answerQuestion(deps, { questionId: question.id, body: input.body, post: input.post });
  const state = result.verdict.decision;
  return { product, question, answerId: result.answerId, badge: result.badge, state, message: ANSWER_MESSAGES[state] };
}
