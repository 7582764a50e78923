import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, csrfToken, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, moderator, publishedReview } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';

describe('appeals', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let mod: Awaited<ReturnType<typeof moderator>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    mod = await moderator(ctx);
  });
  after(() => ctx.close());

  it('when a held author opens their account page, then they see the plain-words reason and an appeal form', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const page = await held.agent.get('/account');
    expect(page.text).to.include('Held for a moderator');
    expect(page.text).to.include('The author is declared staff of this product&#x27;s merchant.');
    expect(page.text).to.include('action="/appeals"');
    expect(page.text).to.include(`name="targetId" value="${held.reviewId}"`);
  });

  it('when the author appeals, then the appeal joins the queue; a second appeal on the same review is refused with 409', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    const res = await held.agent
      .post('/appeals')
      .type('form')
      .send({ _csrf: await held.csrf(), targetId: held.reviewId, message: 'I paid for this myself before joining the company.' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/account#own-${held.reviewId}`);
    const queue = (await mod.agent.get('/console?tab=appeals').set('accept', JSON_ACCEPT)).body;
    expect(queue.counts.appeals).to.equal(1);
    expect(queue.items[0]).to.include({ id: held.reviewId, appealMessage: 'I paid for this myself before joining the company.' });
    const again = await held.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await held.csrf(), targetId: held.reviewId, message: 'Please, once more, look again.' });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.include('appealed this decision');
    const page = await held.agent.get('/account');
    expect(page.text).to.include('Your appeal is waiting for a moderator.');
    expect(page.text).not.to.include(`name="targetId" value="${held.reviewId}"`);
  });

  it('when someone else, or an anonymous visitor, appeals a review, or a published review is appealed, or the message is too short, then it is refused', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const stranger = await signedInAgent(ctx);
    const notYours = await stranger.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await stranger.csrf(), targetId: held.reviewId, message: 'This is not my review but I appeal.' });
    expect(notYours.status).to.equal(403);
    const anon = request.agent(ctx.app);
    const token = await csrfToken(anon, '/signin');
    const anonymous = await anon
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: token, targetId: held.reviewId, message: 'Anonymous appeal message here.' });
    expect(anonymous.status).to.equal(401);
    const pub = await publishedReview(ctx, { productId: catalog.other.id });
    const published = await pub.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await pub.csrf(), targetId: pub.reviewId, message: 'Nothing to appeal but trying anyway.' });
    expect(published.status).to.equal(409);
    const short = await held.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await held.csrf(), targetId: held.reviewId, message: 'no' });
    expect(short.status).to.equal(422);
    const count = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE target_id = $1', [held.reviewId])).rows[0]!;
    expect(count.n).to.equal(0);
  });

  it('when a moderator upholds an appeal, then the review is published, the appeal is won and the author sees the outcome with the note', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const filed = await held.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await held.csrf(), targetId: held.reviewId, message: 'I left the company a year ago.' });
    expect(filed.status).to.equal(201);
    const res = await mod.agent
      .post(`/console/appeals/${filed.body.id}/decision`)
      .type('form')
      .send({ _csrf: await mod.csrf(), outcome: 'won', version: '0', note: 'Confirmed with the merchant.' });
    expect(res.status).to.equal(303);
    const row = (await ctx.db.query<{ status: string; decided_by: string }>('SELECT status, decided_by FROM appeals WHERE id = $1', [filed.body.id])).rows[0]!;
    expect(row).to.deep.equal({ status: 'won', decided_by: mod.account.id });
    const page = await held.agent.get('/account');
    expect(page.text).to.include('Your appeal was successful: a moderator published your review.');
    expect(page.text).to.include('Confirmed with the merchant.');
    const audit = (
      await ctx.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE target_id = $1 AND action = 'moderator.publish'`, [
        held.reviewId,
      ])
    ).rows[0]!;
    expect(audit.details).to.include({ appealOutcome: 'won', appealId: filed.body.id });
    const again = await mod.agent
      .post(`/console/appeals/${filed.body.id}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), outcome: 'lost', version: 1, reason: 'insider' });
    expect(again.status).to.equal(409);
  });

  it('when a moderator turns down an appeal on a rejected review, then it stays rejected, the appeal is lost and the author sees the policy reason', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'reject', version: 0, reason: 'insider' })
      .expect(200);
    const before = await held.agent.get('/account');
    expect(before.text).to.include('Reason: Written by the seller’s people.');
    expect(before.text).to.include('action="/appeals"');
    const filed = await held.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await held.csrf(), targetId: held.reviewId, message: 'I am only a contractor, not staff.' });
    const noReason = await mod.agent
      .post(`/console/appeals/${filed.body.id}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), outcome: 'lost', version: 1 });
    expect(noReason.status).to.equal(422);
    const res = await mod.agent
      .post(`/console/appeals/${filed.body.id}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), outcome: 'lost', version: 1, reason: 'insider', note: 'Contractors count as staff.' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ before: 'rejected', after: 'rejected' });
    const page = await held.agent.get('/account');
    expect(page.text).to.include('A moderator looked again and kept the decision.');
    expect(page.text).to.include('Contractors count as staff.');
  });
});
