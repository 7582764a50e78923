import { expect } from 'chai';
import request from 'supertest';
import { UserFacingError } from '../../server/domain-errors.js';
import { defaultPolicy, rewardGrammarLimits } from '../../server/integrity/policy.js';
import { pumpNotifications } from '../../server/mail/notifications.js';
import { followUpInbox, offerFollowUp, publicFollowUpFigures } from '../../server/merchants/follow-ups.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { answerFollowUp } from '../../server/reviews/follow-up-answer.js';
import { signedInAgent } from '../helpers/test-app.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
const limits = rewardGrammarLimits(defaultPolicy);

async function refusal(p: Promise<unknown>): Promise<UserFacingError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('follow-up on poor experiences', function () {
  let s: Setup;
  let poor: Awaited<ReturnType<typeof publishedReview>>;
  let otherPoor: Awaited<ReturnType<typeof publishedReview>>;
  let good: string;
  let poorOfB: string;

  before(async () => {
    s = await twoMerchants();
    poor = await publishedReview(s.ctx, s.a.product.id, 2);
    otherPoor = await publishedReview(s.ctx, s.a.product.id, 3);
    good = (await publishedReview(s.ctx, s.a.product.id, 5)).reviewId;
    poorOfB = (await publishedReview(s.ctx, s.b.product.id, 1)).reviewId;
    // The test clock is fixed: give the two poor reviews distinct ages so "oldest first" has one right answer.
    const now = s.ctx.services.clock().getTime();
    await s.ctx.db.query('UPDATE reviews SET created_at = $2 WHERE id = $1', [poor.reviewId, new Date(now - 2 * 86_400_000)]);
    await s.ctx.db.query('UPDATE reviews SET created_at = $2 WHERE id = $1', [otherPoor.reviewId, new Date(now - 86_400_000)]);
  });
  after(() => s.ctx.close());

  const scopeA = () => openMerchantScope(s.ctx.db, s.managerA.account.id, s.a.merchant.id);
  const offer = async (reviewId: string, note: string, reply = 'We are sorry the strap broke.') =>
    offerFollowUp(s.ctx.db, await scopeA(), { reviewId, reply, makeGood: 'refund', note, at: s.ctx.services.clock() }, limits);

  it('when the inbox opens, then it lists only unanswered 1–3★ reviews of this merchant, oldest first, with time waiting', async () => {
    const inbox = await followUpInbox(s.ctx.db, await scopeA(), new Date(s.ctx.services.clock().getTime() + 3_600_000));
    expect(inbox.map((r) => r.id)).to.deep.equal([poor.reviewId, otherPoor.reviewId]);
    expect(inbox[0]!.waitingMs).to.equal(2 * 86_400_000 + 3_600_000);
  });

  it('when the refund is conditioned on removing the review, then it is refused with 422 and nothing is written', async () => {
    const error = await refusal(offer(poor.reviewId, 'Refund issued once you remove your review.'));
    expect(error.status).to.equal(422);
    const { rows } = await s.ctx.db.query<{ n: number }>(
      'SELECT (SELECT count(*)::int FROM merchant_replies WHERE review_id = $1) + (SELECT count(*)::int FROM review_follow_ups WHERE review_id = $1) AS n',
      [poor.reviewId],
    );
    expect(rows[0]!.n).to.equal(0);
  });

  it('when the merchant answers a 5★ review or a review of another merchant here, then it is refused', async () => {
    expect((await refusal(offer(good, 'Sorry.'))).status).to.equal(422);
    expect((await refusal(offer(poorOfB, 'Sorry.'))).status).to.equal(404);
  });

  it('when a manager of another merchant opens this scope, then it is refused with 403', async () => {
    expect((await refusal(openMerchantScope(s.ctx.db, s.managerB.account.id, s.a.merchant.id))).status).to.equal(403);
  });

  it('when the merchant offers a neutral refund, then the reply is public, the author is e-mailed and the review leaves the inbox', async () => {
    await offer(poor.reviewId, 'Full refund sent today.');
    const inbox = await followUpInbox(s.ctx.db, await scopeA(), s.ctx.services.clock());
    expect(inbox.map((r) => r.id)).to.deep.equal([otherPoor.reviewId]);
    // The e-mail is queued from the audit entry by the notifications pump (run by the outbox worker).
    const { services } = s.ctx;
    await pumpNotifications(
      s.ctx.db,
      { publicUrl: services.config.publicUrl, unsubscribeKey: services.unsubscribeKey, invitationKey: services.invitationKey },
      services.clock(),
    );
    const mail = await s.ctx.db.query<{ payload: { to: string; subject: string; text: string } | string }>(
      `SELECT payload FROM outbox WHERE dedupe_key LIKE $1`,
      [`notify:%:review-answered:${poor.author.account.id}`],
    );
    expect(mail.rows).to.have.length(1);
    const payload = typeof mail.rows[0]!.payload === 'string' ? JSON.parse(mail.rows[0]!.payload) : mail.rows[0]!.payload;
    expect(payload.to).to.equal(poor.author.account.email);
    expect(payload.subject).to.include('answered your review');
    expect(payload.text).to.include('offers: refund');
  });

  it('when someone other than the author answers, then it is refused with 403', async () => {
    const error = await refusal(
      answerFollowUp(s.ctx.db, { accountId: s.customer.account.id, reviewId: poor.reviewId, outcome: 'resolved', note: '', at: s.ctx.services.clock() }),
    );
    expect(error.status).to.equal(403);
  });

  it('when the author confirms it resolved, then the share resolved counts it and the rating and text are unchanged', async () => {
    const before = (await s.ctx.db.query<{ rating: number; body: string }>('SELECT rating, body FROM reviews WHERE id = $1', [poor.reviewId])).rows[0]!;
    await answerFollowUp(s.ctx.db, {
      accountId: poor.author.account.id,
      reviewId: poor.reviewId,
      outcome: 'resolved',
      note: 'Money arrived.',
      at: s.ctx.services.clock(),
    });
    const after = (await s.ctx.db.query<{ rating: number; body: string }>('SELECT rating, body FROM reviews WHERE id = $1', [poor.reviewId])).rows[0]!;
    expect(after).to.deep.equal(before);
    const figures = await publicFollowUpFigures(s.ctx.db, s.a.merchant.id);
    expect(figures).to.include({ poor: 2, answered: 1, resolved: 1 });
    expect(figures.resolvedShare).to.equal(0.5);
    expect(figures.medianResponseHours).to.equal(48);
  });
  describe('over HTTP', () => {
    it("when managers of A, B, a customer and a removed manager open A's inbox, then only A's current manager sees it", async () => {
      const res = await s.managerA.agent.get('/merchant/m_test/follow-ups');
      expect(res.status).to.equal(200);
      expect(res.text).to.include(`review-${otherPoor.reviewId}`);
      expect((await s.managerB.agent.get('/merchant/m_test/follow-ups')).status).to.equal(403);
      expect((await s.customer.agent.get('/merchant/m_test/follow-ups')).status).to.equal(403);
      const removed = await signedInAgent(s.ctx, { staffOf: s.a.merchant.id });
      expect((await removed.agent.get('/merchant/m_test/follow-ups')).status).to.equal(200);
      await s.ctx.db.query('DELETE FROM merchant_staff WHERE account_id = $1', [removed.account.id]);
      expect((await removed.agent.get('/merchant/m_test/follow-ups')).status).to.equal(403);
      const post = await removed.agent
        .post(`/merchant/m_test/follow-ups/${otherPoor.reviewId}`)
        .type('form')
        .send({ _csrf: await removed.csrf(), reply: 'Sorry about it.' });
      expect(post.status).to.equal(403);
    });

    it("when a manager of B posts an answer to A's review, then it is refused with 403 and no reply exists", async () => {
      const res = await s.managerB.agent
        .post(`/merchant/m_test/follow-ups/${otherPoor.reviewId}`)
        .type('form')
        .send({ _csrf: await s.managerB.csrf(), reply: 'Sorry about it.' });
      expect(res.status).to.equal(403);
      expect((await s.ctx.db.query('SELECT 1 FROM merchant_replies WHERE review_id = $1', [otherPoor.reviewId])).rows).to.have.length(0);
    });

    it('when the form offers a refund for changing the rating, then the page shows the refusal with 422', async () => {
      const res = await s.managerA.agent
        .post(`/merchant/m_test/follow-ups/${otherPoor.reviewId}`)
        .type('form')
        .send({ _csrf: await s.managerA.csrf(), reply: 'Sorry about it.', makeGood: 'refund', note: 'Refund once you update your rating to 5 stars' });
      expect(res.status).to.equal(422);
      expect(res.text).to.include('cannot depend on the review');
    });

    it('when the form sends an unknown make-good kind, then it is refused with 422 and named', async () => {
      const res = await s.managerA.agent
        .post(`/merchant/m_test/follow-ups/${otherPoor.reviewId}`)
        .type('form')
        .send({ _csrf: await s.managerA.csrf(), reply: 'Sorry about it.', makeGood: 'bribe' });
      expect(res.status).to.equal(422);
      expect(res.text).to.include('Choose what you offer');
    });

    it('when A answers neutrally and the author says not resolved, then the inbox is empty and only the author could answer', async () => {
      const res = await s.managerA.agent
        .post(`/merchant/m_test/follow-ups/${otherPoor.reviewId}`)
        .type('form')
        .send({ _csrf: await s.managerA.csrf(), reply: 'Sorry about it.', makeGood: 'replacement', note: 'A new one ships Monday.' });
      expect(res.status).to.equal(303);
      expect((await s.managerA.agent.get('/merchant/m_test/follow-ups')).text).not.to.include(`review-${otherPoor.reviewId}`);
      const stranger = await s.customer.agent
        .post(`/reviews/${otherPoor.reviewId}/follow-up`)
        .type('form')
        .send({ _csrf: await s.customer.csrf(), outcome: 'resolved' });
      expect(stranger.status).to.equal(403);
      const author = await otherPoor.author.agent
        .post(`/reviews/${otherPoor.reviewId}/follow-up`)
        .type('form')
        .send({ _csrf: await otherPoor.author.csrf(), outcome: 'not_resolved', note: 'Still waiting.' });
      expect(author.status).to.equal(303);
      expect(author.headers.location).to.include(`/products/${s.a.product.slug}/reviews`);
      const row = (await s.ctx.db.query<{ outcome: string }>('SELECT outcome FROM review_follow_ups WHERE review_id = $1', [otherPoor.reviewId])).rows[0]!;
      expect(row.outcome).to.equal('not_resolved');
    });

    it('when the author confirms after an anonymous visitor loaded the cached tab, then the next anonymous load shows "Resolved"', async () => {
      const path = `/products/${s.a.product.slug}/reviews`;
      await s.ctx.db.query(`UPDATE review_follow_ups SET outcome = NULL WHERE review_id = $1`, [otherPoor.reviewId]);
      const before = await request(s.ctx.app).get(path);
      expect(before.text.match(/Resolved by the merchant on/g) ?? []).to.have.length(1);
      await answerFollowUp(s.ctx.db, {
        accountId: otherPoor.author.account.id,
        reviewId: otherPoor.reviewId,
        outcome: 'resolved',
        note: '',
        at: s.ctx.services.clock(),
      });
      const after = await request(s.ctx.app).get(path);
      expect(after.text.match(/Resolved by the merchant on/g) ?? []).to.have.length(2);
      expect(after.text).to.include(
        'Of this shop&#x27;s 2 published 1–3★ reviews, it answers them in a median of 36 hours; 2 were confirmed resolved by the reviewer.',
      );
      await s.ctx.db.query(`UPDATE review_follow_ups SET outcome = 'not_resolved' WHERE review_id = $1`, [otherPoor.reviewId]);
    });

    it('when the widget frame shows the reviews, then "Resolved" appears under the same review as on the tab, and only there', async () => {
      const res = await request(s.ctx.app).get(`/widget/frame?${new URLSearchParams({ merchant: 'm_test', product: 'TENT' })}`);
      expect(res.status).to.equal(200);
      const card = (id: string) => res.text.slice(res.text.indexOf(`id="review-${id}"`)).split('<li class="review')[0]!;
      expect(card(poor.reviewId)).to.match(/data-resolved>Resolved by the merchant on \w+/);
      expect(card(otherPoor.reviewId)).not.to.include('Resolved by the merchant');
      expect(res.text.match(/data-resolved/g) ?? []).to.have.length(1);
    });

    it('when the tab is shown, then "Resolved" appears only under the review whose author confirmed it, and the answer form only to an author who has not answered', async () => {
      const tab = await s.customer.agent.get(`/products/${s.a.product.slug}/reviews`);
      expect(tab.status).to.equal(200);
      const card = (id: string) => tab.text.slice(tab.text.indexOf(`id="review-${id}"`)).split('<li class="review')[0]!;
      expect(card(poor.reviewId)).to.match(/Resolved by the merchant on \w+/);
      expect(card(otherPoor.reviewId)).to.include('Offered: replacement');
      expect(card(otherPoor.reviewId)).not.to.include('Resolved by the merchant');
      expect(tab.text).not.to.include('follow-up-answer');
      await s.ctx.db.query(`UPDATE review_follow_ups SET outcome = NULL WHERE review_id = $1`, [otherPoor.reviewId]);
      const own = await otherPoor.author.agent.get(`/products/${s.a.product.slug}/reviews`);
      expect(own.text).to.include(`action="/reviews/${otherPoor.reviewId}/follow-up"`);
    });
  });
});
