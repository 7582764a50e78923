import { notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import { findMerchant, findMerchantProductBySku, type MerchantProduct, type MerchantSummary } from '../storage/merchant-repo.js';
import { listPublishedQuestions, type PublicQuestionRow } from '../storage/public-questions-repo.js';

export type { PublicQuestionRow };

export interface PublicProductQuestions {
  merchant: MerchantSummary;
  product: MerchantProduct;
  questions: PublicQuestionRow[];
  total: number;
  page: number;
  perPage: number;
}

/** What the public API shows of a product's questions and answers: published ones only, whoever asks. */
export async function loadPublicQuestions(
  db: Database,
  input: { merchantId: string; sku: string; page: number; perPage: number },
): Promise<PublicProductQuestions> {
  const merchant = await findMerchant(db, input.merchantId);
  if (!merchant) throw notFound('The merchant');
  const product = await findMerchantProductBySku(db, input.merchantId, input.sku);
  if (!product) throw notFound(`A product with SKU "${input.sku}"`);
  const { rows, total } = await listPublishedQuestions(db, product.id, { limit: input.perPage, offset: (input.page - 1) * input.perPage });
  return { merchant, product, questions: rows, total, page: input.page, perPage: input.perPage };
}
