import type { Submission } from '../integrity/types.js';
import type { PostContext } from './submit-review.js';

/**
 * What the integrity pipeline sees of a comment, a question or an answer: text by an account about a product,
 * with no rating, order or incentive (those belong to reviews), from the address and browser it was posted with.
 */
export function textSubmission(
  kind: 'comment' | 'question' | 'answer',
  item: { id: string; accountId: string; productId: string; merchantId: string; body: string },
  post: PostContext,
  extra: Pick<Submission, 'disclosedInsider'> = {},
): Submission {
  return {
    id: item.id,
    kind,
    ...extra,
    accountId: item.accountId,
    productId: item.productId,
    merchantId: item.merchantId,
    orderId: null,
    orderAt: null,
    rating: null,
    title: '',
    body: item.body,
    at: post.at,
    ip: post.ip,
    userAgent: post.userAgent,
    incentive: null,
  };
}
