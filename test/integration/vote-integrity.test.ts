import { confirmAndSignIn } from '../helpers/account-mail.js';
import { expect } from 'chai';
import request from 'supertest';
import { csrfToken, signedInAgent } from '../helpers/test-app.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;

describe('votes and reports are integrity-checked', function () {
  let s: Setup;
  before(async () => {
    s = await twoMerchants();
  });
  after(() => s.ctx.close());

  it('when ten accounts made in one browser each vote "helpful", then one vote counts, the rest are kept for moderators, and the burst is queued', async () => {
    const honest = await publishedReview(s.ctx, s.a.product.id, 4);
    const stuffed = await publishedReview(s.ctx, s.a.product.id, 5);
    for (let i = 0; i < 2; i++) {
      const reader = await signedInAgent(s.ctx);
      const res = await reader.agent
        .post(`/reviews/${honest.reviewId}/helpful`)
        .set('accept', 'application/json')
        .send({ _csrf: await reader.csrf(), helpful: 'true' });
      expect(res.body.helpfulCount).to.equal(i + 1);
    }
    // One browser: the same device cookie, address and browser build for every sign-up.
    const browser = request.agent(s.ctx.app);
    browser.set('X-Forwarded-For', '203.0.113.50').set('User-Agent', 'StuffingBrowser/1.0');
    for (let i = 0; i < 10; i++) {
      const token = await csrfToken(browser, '/signup');
      const signup = await browser
        .post('/signup')
        .type('form')
        .send({ _csrf: token, displayName: `Voter ${i}`, email: `voter${i}@stuff.example`, password: 'a long enough password' });
      expect(signup.status).to.equal(303);
      await confirmAndSignIn(browser, s.ctx.db, `voter${i}@stuff.example`, 'a long enough password');
      const vote = await browser
        .post(`/reviews/${stuffed.reviewId}/helpful`)
        .set('accept', 'application/json')
        .send({ _csrf: await csrfToken(browser, '/'), helpful: 'true' });
      expect(vote.status).to.equal(200);
      await browser
        .post('/signout')
        .type('form')
        .send({ _csrf: await csrfToken(browser, '/') });
    }
    const votes = (
      await s.ctx.db.query<{ counted: boolean; link_reason: string | null }>('SELECT counted, link_reason FROM helpful_votes WHERE review_id = $1', [
        stuffed.reviewId,
      ])
    ).rows;
    expect(votes).to.have.length(10);
    expect(votes.filter((v) => v.counted)).to.have.length(1);
    expect(votes.filter((v) => !v.counted).every((v) => v.link_reason === 'device')).to.equal(true);

    const tab = await request(s.ctx.app).get(`/products/${s.a.product.slug}/reviews?sort=helpful`);
    const at = (id: string) => tab.text.indexOf(`id="review-${id}"`);
    expect(at(stuffed.reviewId)).to.be.greaterThan(-1);
    expect(at(honest.reviewId), 'the stuffed review does not rise above the honest one').to.be.greaterThan(-1).and.lessThan(at(stuffed.reviewId));
    const counts = (
      await s.ctx.db.query<{ id: string; helpful_count: number }>('SELECT id, helpful_count FROM reviews WHERE id = ANY($1)', [
        [honest.reviewId, stuffed.reviewId],
      ])
    ).rows;
    expect(Object.fromEntries(counts.map((c) => [c.id, c.helpful_count]))).to.deep.equal({ [honest.reviewId]: 2, [stuffed.reviewId]: 1 });

    const queued = (
      await s.ctx.db.query<{ reason: string; account_id: string | null }>(`SELECT reason, account_id FROM reports WHERE target_id = $1 AND status = 'open'`, [
        stuffed.reviewId,
      ])
    ).rows;
    expect(queued).to.deep.equal([{ reason: 'vote_burst', account_id: null }]);
    const mod = await signedInAgent(s.ctx, { role: 'moderator' });
    const queue = await mod.agent.get('/console?tab=reports');
    expect(queue.text).to.include('Burst of helpful votes');
    const item = await mod.agent.get(`/console/items/review/${stuffed.reviewId}`);
    expect(item.status).to.equal(200);
    expect(item.text).to.include('Helpful votes: 1 of 10 count').and.include('same device');
  });

  it('when merchant staff vote, report or comment on their own products’ reviews, then it is refused; elsewhere they may', async () => {
    const review = await publishedReview(s.ctx, s.a.product.id, 2);
    const other = await publishedReview(s.ctx, s.b.product.id, 2);
    const staff = s.managerA;
    const token = await staff.csrf();
    const json = (path: string, body: Record<string, string>) =>
      staff.agent
        .post(path)
        .set('accept', 'application/json')
        .send({ _csrf: token, ...body });
    for (const [path, body] of [
      [`/reviews/${review.reviewId}/helpful`, { helpful: 'true' }],
      [`/reviews/${review.reviewId}/report`, { reason: 'fake', note: '' }],
      [`/reviews/${review.reviewId}/comments`, { body: 'This customer is clearly wrong about our tent.' }],
    ] as const) {
      const res = await json(path, body);
      expect(res.status, path).to.equal(403);
      expect(res.body.error, path).to.match(/Staff of this product’s merchant cannot/);
    }
    expect((await json(`/reviews/${other.reviewId}/helpful`, { helpful: 'true' })).status).to.equal(200);
    const rows = (
      await s.ctx.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM helpful_votes WHERE review_id = $1) + (SELECT count(*) FROM reports WHERE target_id = $1) + (SELECT count(*) FROM comments WHERE review_id = $1) AS n`,
        [review.reviewId],
      )
    ).rows[0]!.n;
    expect(rows).to.equal(0);
  });

  it('when a suspended account votes, reports, comments or replies, then each is refused with the reason (appeals stay open: see the actor-policy unit test)', async () => {
    const review = await publishedReview(s.ctx, s.b.product.id, 3);
    const person = await signedInAgent(s.ctx);
    await s.ctx.db.query(`UPDATE accounts SET status = 'suspended' WHERE id = $1`, [person.account.id]);
    const token = await person.csrf();
    const json = (path: string, body: Record<string, string>) =>
      person.agent
        .post(path)
        .set('accept', 'application/json')
        .send({ _csrf: token, ...body });
    const vote = await json(`/reviews/${review.reviewId}/helpful`, { helpful: 'true' });
    expect(vote.status).to.equal(403);
    expect(vote.body.error).to.equal('Your account is suspended and cannot vote.');
    const report = await json(`/reviews/${review.reviewId}/report`, { reason: 'spam', note: '' });
    expect(report.status).to.equal(403);
    expect(report.body.error).to.match(/suspended and cannot report/);
    const comment = await json(`/reviews/${review.reviewId}/comments`, { body: 'A comment from a suspended account.' });
    expect(comment.status).to.equal(403);
    const reply = await json(`/reviews/${review.reviewId}/reply`, { body: 'A reply from a suspended account.' });
    expect(reply.status).to.equal(403);
    const n = (
      await s.ctx.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM helpful_votes WHERE account_id = $1) + (SELECT count(*) FROM reports WHERE account_id = $1) + (SELECT count(*) FROM comments WHERE account_id = $1) AS n`,
        [person.account.id],
      )
    ).rows[0]!.n;
    expect(n).to.equal(0);
  });
});
