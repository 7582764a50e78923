import { expect } from 'chai';
import request from 'supertest';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { replyAsMerchant } from '../../server/merchants/replies.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { addOrder, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;

let n = 0;
/** A review through the real posting path; with `verified` it carries an order (and may carry the 0–10 answer). */
async function review(ctx: TestContext, productId: string, rating: number, opts: { verified: boolean; recommend?: number | null }) {
  const author = await signedInAgent(ctx);
  n++;
  const orderId = opts.verified ? await addOrder(ctx.db, author.account.id, productId, 'm_test', new Date('2026-05-20T10:00:00Z')) : null;
  const result = await submitReview(
    { db: ctx.db, integrity: ctx.services.integrity },
    {
      productId,
      orderId,
      draft: {
        rating,
        title: `Insight ${n}`,
        body: `Week ${n + 3} of daily use at the allotment; it held up and did what the listing promised.`,
        incentive: null,
        recommend: opts.recommend ?? null,
      },
      post: { accountId: author.account.id, ip: `203.0.${n % 200}.${(n * 11) % 250}`, userAgent: `Insight/${n}`, at: ctx.services.clock() },
    },
  );
  expect(result.verdict.decision, 'fixture review should publish').to.equal('published');
  return result.reviewId;
}

describe('merchant CSAT and NPS page and CSV exports', function () {
  let s: Setup;
  let unverifiedWithAnswer: string;
  let formulaTitle: string;

  before(async () => {
    s = await twoMerchants();
    // Verified: ratings 5, 4, 4, 2 → CSAT 3 of 4. Answers 10, 9, 7, 3 → 2 promoters, 1 passive, 1 detractor → NPS +25.
    await review(s.ctx, s.a.product.id, 5, { verified: true, recommend: 10 });
    await review(s.ctx, s.a.product.id, 4, { verified: true, recommend: 9 });
    await review(s.ctx, s.a.other.id, 4, { verified: true, recommend: 7 });
    formulaTitle = await review(s.ctx, s.a.other.id, 2, { verified: true, recommend: 3 });
    // Not verified: counts in neither figure, and its 0–10 answer is not even stored.
    unverifiedWithAnswer = await review(s.ctx, s.a.product.id, 1, { verified: false, recommend: 0 });
    await s.ctx.db.query(`UPDATE reviews SET title = '=HYPERLINK("http://evil.example","x")' WHERE id = $1`, [formulaTitle]);
    // The 2★ review is answered five hours after it was posted (the unverified 1★ is not answered).
    const scope = await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test');
    await replyAsMerchant(
      s.ctx.db,
      scope,
      formulaTitle,
      'We are sorry; the stove valve is being replaced.',
      new Date(s.ctx.services.clock().getTime() + 5 * 3_600_000),
    );
  });
  after(() => s.ctx.close());

  it('when an unverified review brings a 0–10 answer, then the answer is not stored', async () => {
    const row = await s.ctx.db.query<{ recommend_score: number | null }>('SELECT recommend_score FROM reviews WHERE id = $1', [unverifiedWithAnswer]);
    expect(row.rows[0]!.recommend_score).to.equal(null);
  });

  it('when a manager opens the page, then CSAT, NPS, counts, intervals and the three charts are shown', async () => {
    const res = await s.managerA.agent.get('/merchant/m_test/insights');
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/data-metric="csat">75%</);
    expect(res.text).to.include('3 of 4 verified reviews 4–5★');
    expect(res.text).to.match(/data-metric="nps">\+25</);
    expect(res.text).to.include('2 promoters, 1 passives, 1 detractors of 4 answers');
    expect(res.text).to.include('95% Wilson interval');
    expect(res.text.match(/<svg [^>]*class="chart"/g)).to.have.length(4);
    expect(res.text).to.match(/data-metric="response">5 h</);
    expect(res.text).to.include('aria-current="page" class="current">CSAT &amp; NPS');
  });

  it('when the page is asked for with filter-like parameters, then the figures do not change (no filter exists)', async () => {
    const plain = await s.managerA.agent.get('/merchant/m_test/insights');
    const filtered = await s.managerA.agent.get('/merchant/m_test/insights?rating=5&verified=0&from=2026-05-01&product=p_tent');
    const figures = (html: string) => [...html.matchAll(/data-metric="(\w+)">([^<]*)</g)].map((m) => m.slice(1));
    expect(figures(filtered.text)).to.deep.equal(figures(plain.text));
  });

  it('when another merchant, a customer or nobody asks, then the page and the exports are refused', async () => {
    for (const path of ['/merchant/m_test/insights', '/merchant/m_test/insights/reviews.csv', '/merchant/m_test/insights/metrics.csv']) {
      expect((await s.managerB.agent.get(path)).status, path).to.equal(403);
      expect((await s.customer.agent.get(path)).status, path).to.equal(403);
      const anonymous = await request(s.ctx.app).get(path).set('Accept', 'text/html');
      expect(anonymous.status, path).to.equal(302);
      expect(anonymous.headers.location).to.match(/^\/signin\?next=/);
    }
  });

  it('when a manager is removed from the team, then the page and the exports are refused at once', async () => {
    const former = await signedInAgent(s.ctx, { staffOf: 'm_test' });
    expect((await former.agent.get('/merchant/m_test/insights')).status).to.equal(200);
    await s.ctx.db.query('DELETE FROM merchant_staff WHERE merchant_id = $1 AND account_id = $2', ['m_test', former.account.id]);
    expect((await former.agent.get('/merchant/m_test/insights')).status).to.equal(403);
    expect((await former.agent.get('/merchant/m_test/insights/reviews.csv')).status).to.equal(403);
  });

  it('when a review is written without an invitation, then the 0–10 question is not asked', async () => {
    const form = await s.customer.agent.get('/products/tent/reviews/new');
    expect(form.status).to.equal(200);
    expect(form.text).not.to.include('recommend this shop');
  });

  it('when the reviews are exported, then it is a CSV attachment with formula-like text defused', async () => {
    const res = await s.managerA.agent.get('/merchant/m_test/insights/reviews.csv');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.equal('attachment; filename="candor-reviews-m_test.csv"');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).to.match(/^review_id,created_at,product,sku,rating,verified_purchase,recommend_0_10,/);
    expect(lines).to.have.length(6);
    const formulaLine = lines.find((l) => l.startsWith(formulaTitle))!;
    expect(formulaLine).to.include(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(formulaLine).to.include(',2,yes,3,');
  });

  it('when the metrics are exported, then each month and the all-time row carry counts and intervals', async () => {
    const res = await s.managerA.agent.get('/merchant/m_test/insights/metrics.csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines).to.have.length(1 + 12 + 1);
    // all-time: 4 verified, 3 satisfied, CSAT 75 % (Wilson 30.1–95.4), 4 answers: 2/1/1, NPS 25 (±~95);
    // 2 published 1–3★ reviews, 1 answered after 5 h, none resolved yet.
    expect(lines[0]).to.match(/,poor_reviews_1_3_stars,answered,resolved_by_author,median_hours_to_answer,median_hours_to_resolved$/);
    expect(lines.at(-1)).to.match(/^all,4,3,75,30\.1,95\.4,4,2,1,1,25,-?\d+(\.\d)?,100,2,1,0,5,$/);
    expect(lines.find((l) => l.startsWith('2026-06,'))).to.match(/^2026-06,4,3,75,.*,2,1,0,5,$/);
  });
});
