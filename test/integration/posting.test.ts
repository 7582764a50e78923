import { expect } from 'chai';
import { addOrder, createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const BODY = 'Pitched it in the rain on the first night and it stayed completely dry inside.';

describe('posting reviews, comments, votes and reports', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  it('when a customer posts a valid review, then it is checked, published with its verdict and audit entry, and shown in the tab', async () => {
    const { agent, account, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('User-Agent', 'CandorTest/1.0 (posting)')
      .type('form')
      .send({ _csrf: await csrf(), rating: '4', title: 'Dry all night', body: BODY });
    expect(res.status).to.equal(303);
    const review = (
      await ctx.db.query<{ id: string; status: string; ip: string; user_agent: string }>(
        'SELECT id, status, ip, user_agent FROM reviews WHERE account_id = $1',
        [account.id],
      )
    ).rows[0]!;
    expect(review.status).to.equal('published');
    expect(review.ip).to.be.a('string').and.not.empty;
    expect(review.user_agent).to.equal('CandorTest/1.0 (posting)');
    expect(await count(`SELECT count(*)::int AS n FROM verdicts WHERE target_id = $1 AND decision = 'published'`, [review.id])).to.equal(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND before_state = 'pending' AND after_state = 'published'`, [review.id]),
    ).to.equal(1);
    const tab = await agent.get(`/products/${catalog.product.slug}/reviews`);
    expect(tab.text).to.include('Dry all night');
  });

  it('when the body is too short or the rating is missing, then the form says what is wrong and nothing is stored', async () => {
    const { agent, account, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .type('form')
      .send({ _csrf: await csrf(), title: 'Short', body: 'Too short' });
    expect(res.status).to.equal(422);
    expect(res.text).to.include('Choose a star rating from 1 to 5.');
    expect(res.text).to.include('Review must be at least 20 characters.');
    expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [account.id])).to.equal(0);
  });

  it('when a title is longer than 120 characters or the body longer than 5000, then the JSON error names the limit', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 3, title: 'x'.repeat(121), body: 'y'.repeat(5001) });
    expect(res.status).to.equal(422);
    expect(res.body.details).to.include('Title must be at most 120 characters.');
    expect(res.body.details).to.include('Review must be at most 5000 characters.');
  });

  it('when the incentive box is ticked without a kind, then the author is asked what they received', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 5, title: 'Free sample', body: BODY, incentive: 'on' });
    expect(res.status).to.equal(422);
    expect(res.body.details).to.include('Say what you received for this review.');
  });

  it('when a reviewer discloses a free product, then the review is published with the incentivized badge', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({
        _csrf: await csrf(),
        rating: 4,
        title: 'Got it free',
        body: 'The stove boils a litre in about four minutes and packs small.',
        incentive: 'on',
        incentiveKind: 'free_product',
      });
    expect(res.status).to.equal(201);
    expect(res.body.status).to.equal('published');
    expect(res.body.labels).to.include('incentivized');
    const tab = await agent.get(`/products/${catalog.other.slug}/reviews`);
    expect(tab.text).to.include('Incentivized: Received the product free');
  });

  it('when an account reviews the same product twice, then the second is refused with 409 and the first is kept', async () => {
    const { agent, account, csrf } = await signedInAgent(ctx);
    const send = async () =>
      agent
        .post(`/products/${catalog.product.slug}/reviews`)
        .set('Accept', 'application/json')
        .send({ _csrf: await csrf(), rating: 5, title: 'Great tent', body: 'Roomy for two people with space for bags in the porch.' });
    expect((await send()).status).to.equal(201);
    const second = await send();
    expect(second.status).to.equal(409);
    expect(second.body.error).to.match(/already reviewed/);
    expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [account.id])).to.equal(1);
  });

  it('when the author edits a review, then it is re-checked like a new post and another verdict is recorded', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const created = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 3, title: 'Okay tent', body: 'Fine for summer but the fly flaps a lot in wind.' });
    const id = created.body.id as string;
    const edited = await agent
      .post(`/reviews/${id}`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 2, title: 'Worse in autumn', body: 'After a windy autumn weekend two pegs bent and the fly tore at a seam.' });
    expect(edited.status).to.equal(200);
    const verdicts = (await ctx.db.query<{ trigger: string }>('SELECT trigger FROM verdicts WHERE target_id = $1 ORDER BY id', [id])).rows;
    expect(verdicts.map((v) => v.trigger)).to.deep.equal(['submit', 'edit']);
    const row = (await ctx.db.query<{ rating: number; title: string }>('SELECT rating, title FROM reviews WHERE id = $1', [id])).rows[0]!;
    expect(row).to.deep.equal({ rating: 2, title: 'Worse in autumn' });
  });

  it('when someone else tries to edit a review, then it is refused with 403', async () => {
    const author = await signedInAgent(ctx);
    const created = await author.agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await author.csrf(), rating: 4, title: 'Nice stove', body: 'Simmers well, which most small stoves cannot do.' });
    const intruder = await signedInAgent(ctx);
    const res = await intruder.agent
      .post(`/reviews/${created.body.id}`)
      .set('Accept', 'application/json')
      .send({ _csrf: await intruder.csrf(), rating: 1, title: 'Hacked', body: 'This text should never replace the author review.' });
    expect(res.status).to.equal(403);
  });

  it('when a verified buyer posts, then the review carries the verified badge', async () => {
    const buyer = await signedInAgent(ctx);
    await addOrder(ctx.db, buyer.account.id, catalog.other.id, catalog.merchant.id, new Date('2026-05-20T10:00:00Z'));
    const res = await buyer.agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await buyer.csrf(), rating: 5, title: 'Verified stove', body: 'Used it on a week-long trip; reliable every morning.' });
    expect(res.status).to.equal(201);
    const tab = await buyer.agent.get(`/products/${catalog.other.slug}/reviews?verified=1`);
    expect(tab.text).to.include('Verified stove');
    expect(tab.text).to.include('Verified purchase');
  });

  describe('comments, votes, reports and replies', () => {
    let reviewId: string;
    let author: Awaited<ReturnType<typeof signedInAgent>>;

    before(async () => {
      author = await signedInAgent(ctx);
      const res = await author.agent
        .post(`/products/${catalog.other.slug}/reviews`)
        .set('Accept', 'application/json')
        .send({ _csrf: await author.csrf(), rating: 2, title: 'Clogged jet', body: 'The jet clogged on day three and needed a needle to clear it.' });
      reviewId = res.body.id;
    });

    it('when a customer comments and another replies to the comment, then both show; a reply to a reply is refused', async () => {
      const commenter = await signedInAgent(ctx);
      const first = await commenter.agent
        .post(`/reviews/${reviewId}/comments`)
        .set('Accept', 'application/json')
        .send({ _csrf: await commenter.csrf(), body: 'Same happened to mine.' });
      expect(first.status).to.equal(201);
      expect(first.body.status).to.equal('published');
      const reply = await author.agent
        .post(`/reviews/${reviewId}/comments`)
        .set('Accept', 'application/json')
        .send({ _csrf: await author.csrf(), body: 'Did a needle fix it for you too?', parentId: first.body.id });
      expect(reply.status).to.equal(201);
      const nested = await commenter.agent
        .post(`/reviews/${reviewId}/comments`)
        .set('Accept', 'application/json')
        .send({ _csrf: await commenter.csrf(), body: 'Yes it did.', parentId: reply.body.id });
      expect(nested.status).to.equal(422);
      expect(nested.body.error).to.match(/top-level comment/);
      const tab = await commenter.agent.get(`/products/${catalog.other.slug}/reviews`);
      expect(tab.text).to.include('Same happened to mine.');
      expect(tab.text).to.include('Did a needle fix it for you too?');
    });

    it('when a customer votes helpful twice and then withdraws, then the count goes 1, 1, 0', async () => {
      const voter = await signedInAgent(ctx);
      const vote = async (helpful: string) =>
        (
          await voter.agent
            .post(`/reviews/${reviewId}/helpful`)
            .set('Accept', 'application/json')
            .send({ _csrf: await voter.csrf(), helpful })
        ).body;
      expect((await vote('true')).helpfulCount).to.equal(1);
      expect((await vote('true')).helpfulCount).to.equal(1);
      expect((await vote('false')).helpfulCount).to.equal(0);
    });

    it('when authors vote on their own review, then it is refused with 403', async () => {
      const res = await author.agent
        .post(`/reviews/${reviewId}/helpful`)
        .set('Accept', 'application/json')
        .send({ _csrf: await author.csrf(), helpful: 'true' });
      expect(res.status).to.equal(403);
      expect(res.body.error).to.match(/own review/);
    });

    it('when a customer reports a review, then a report joins the queue; a second report by the same person is refused', async () => {
      const reporter = await signedInAgent(ctx);
      const send = async () =>
        reporter.agent
          .post(`/reviews/${reviewId}/report`)
          .set('Accept', 'application/json')
          .send({ _csrf: await reporter.csrf(), reason: 'off_topic', note: 'About another stove' });
      expect((await send()).status).to.equal(201);
      expect((await send()).status).to.equal(409);
      expect(await count(`SELECT count(*)::int AS n FROM reports WHERE target_id = $1 AND status = 'open'`, [reviewId])).to.equal(1);
    });

    it('when a report has an unknown reason, then it is refused with a message', async () => {
      const reporter = await signedInAgent(ctx);
      const res = await reporter.agent
        .post(`/reviews/${reviewId}/report`)
        .set('Accept', 'application/json')
        .send({ _csrf: await reporter.csrf(), reason: 'i-dont-like-it' });
      expect(res.status).to.equal(422);
      expect(res.body.details).to.include('Choose a reason for the report.');
    });

    it('when merchant staff reply, then one public reply shows; other people cannot reply', async () => {
      const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
      const res = await staff.agent
        .post(`/reviews/${reviewId}/reply`)
        .set('Accept', 'application/json')
        .send({ _csrf: await staff.csrf(), body: 'Sorry about that — we have sent you a new jet.' });
      expect(res.status).to.equal(200);
      const again = await staff.agent
        .post(`/reviews/${reviewId}/reply`)
        .set('Accept', 'application/json')
        .send({ _csrf: await staff.csrf(), body: 'Updated: a new jet is on its way.' });
      expect(again.status).to.equal(200);
      expect(await count('SELECT count(*)::int AS n FROM merchant_replies WHERE review_id = $1', [reviewId])).to.equal(1);
      const customer = await signedInAgent(ctx);
      const forged = await customer.agent
        .post(`/reviews/${reviewId}/reply`)
        .set('Accept', 'application/json')
        .send({ _csrf: await customer.csrf(), body: 'Pretending to be the shop' });
      expect(forged.status).to.equal(403);
      const tab = await customer.agent.get(`/products/${catalog.other.slug}/reviews`);
      expect(tab.text).to.include('Updated: a new jet is on its way.');
      expect(tab.text).to.include('Reply from Test Shop');
    });
  });

  it('when a signed-out visitor posts, then they are asked to sign in and nothing is stored', async () => {
    const before = await count('SELECT count(*)::int AS n FROM reviews');
    const res = await (await import('supertest'))
      .default(ctx.app)
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ rating: 5 });
    expect([401, 403]).to.include(res.status);
    expect(await count('SELECT count(*)::int AS n FROM reviews')).to.equal(before);
  });
});
