import { expect } from 'chai';
import { submitReview } from '../../server/reviews/submit-review.js';
import { createTestContext, csrfToken, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

/** Two merchants (m_test and m_test_b) with two products each, a manager for each, and a customer. */
export async function twoMerchants(options: Parameters<typeof createTestContext>[0] = {}) {
  const ctx = await createTestContext(options);
  const a = await seedCatalog(ctx.db, '');
  const b = await seedCatalog(ctx.db, '_b');
  const managerA = await signedInAgent(ctx, { staffOf: a.merchant.id });
  const managerB = await signedInAgent(ctx, { staffOf: b.merchant.id });
  const customer = await signedInAgent(ctx);
  return { ctx, a, b, managerA, managerB, customer };
}

let n = 0;
/** A published review written directly through the use case (the integrity pipeline still decides). */
export async function publishedReview(ctx: TestContext, productId: string, rating = 4) {
  const author = await signedInAgent(ctx);
  n++;
  const result = await submitReview(
    { db: ctx.db, integrity: ctx.services.integrity },
    {
      productId,
      draft: {
        rating,
        title: `Honest take ${n}`,
        body: `I used it for ${n + 2} weekends of hiking; it did what it said and packed down small.`,
        incentive: null,
      },
      post: { accountId: author.account.id, ip: `198.51.${n % 200}.${(n * 13) % 250}`, userAgent: `Reviewer/${n}`, at: ctx.services.clock() },
    },
  );
  expect(result.verdict.decision, 'fixture review should publish').to.equal('published');
  return { reviewId: result.reviewId, author };
}

export { csrfToken };
