import type { PublicProductQuestions, PublicQuestionRow } from '../../questions/public-questions.js';

export function publicQuestionJson(q: PublicQuestionRow) {
  return {
    id: q.id,
    body: q.body,
    author: q.authorName,
    created_at: q.createdAt.toISOString(),
    answers: q.answers.map((a) => ({
      id: a.id,
      body: a.body,
      author: a.authorName,
      badge: a.badge,
      helpful_count: a.helpfulCount,
      created_at: a.createdAt.toISOString(),
    })),
  };
}

export function questionListJson(data: PublicProductQuestions, url: string) {
  return {
    merchant_id: data.merchant.id,
    sku: data.product.sku,
    product_name: data.product.name,
    url,
    total: data.total,
    page: data.page,
    per_page: data.perPage,
    questions: data.questions.map(publicQuestionJson),
  };
}
