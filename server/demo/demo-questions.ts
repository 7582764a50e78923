import { answerQuestion } from '../questions/answer-question.js';
import { askQuestion } from '../questions/ask-question.js';
import type { SubmitDeps } from '../reviews/submit-review.js';

export interface DemoPoster {
  id: string;
  ip: string;
  ua: string;
}

/**
 * A few questions on the demo tent, asked and answered through the same use cases as the web app: one answered by
 * a customer who bought the tent ("Owns it") and by the shop's team ("Seller"). Returns how many were stored.
 */
export async function seedDemoQuestions(
  deps: SubmitDeps,
  input: { productSlug: string; asker: DemoPoster; owner: DemoPoster | null; other: DemoPoster; staff: DemoPoster; at: (minutesAgo: number) => Date },
): Promise<number> {
  const post = (who: DemoPoster, minutesAgo: number) => ({ accountId: who.id, ip: who.ip, userAgent: who.ua, at: input.at(minutesAgo) });
  let stored = 0;
  const first = await askQuestion(deps, { productSlug: input.productSlug, body: 'Can one person pitch it alone in wind?', post: post(input.asker, 600) }).catch(
    () => null,
  );
  if (first) {
    stored++;
    if (input.owner) {
      if (
        await answerQuestion(deps, {
          questionId: first.questionId,
          body: 'Yes. Peg the windward corners first and the rest follows; about ten minutes on my own.',
          post: post(input.owner, 400),
        }).catch(() => null)
      )
        stored++;
    }
    if (
      await answerQuestion(deps, {
        questionId: first.questionId,
        body: 'It is designed for solo pitching: the fly and inner go up together with two poles.',
        post: post(input.staff, 300),
      }).catch(() => null)
    )
      stored++;
  }
  const second = await askQuestion(deps, {
    productSlug: input.productSlug,
    body: 'Does it fit two sleeping mats side by side?',
    post: post(input.other, 200),
  }).catch(() => null);
  if (second) stored++;
  return stored;
}
