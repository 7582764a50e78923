import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, moderator, publishedReview, report } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';
const at = (iso: string) => new Date(iso);

describe('transparency report', () => {
  let ctx: TestContext;
  let report05: {
    months: Record<string, unknown>[];
    totals: Record<string, unknown>;
    byRating: Record<string, unknown>[];
    byReason: Record<string, unknown>[];
  };

  before(async () => {
    ctx = await createTestContext({ now: at('2026-06-01T12:00:00Z') });
    const { merchant, product, other } = await seedCatalog(ctx.db);
    const mod = await moderator(ctx);
    // Everything is submitted first, then decided, so no later submission re-opens a decision.
    const a = await publishedReview(ctx, { productId: product.id, rating: 1, at: at('2026-05-03T10:00:00Z') });
    const b = await publishedReview(ctx, { productId: other.id, rating: 2, at: at('2026-05-04T10:00:00Z') });
    const c = await heldInsiderReview(ctx, { merchantId: merchant.id, productId: product.id, rating: 5, at: at('2026-05-05T10:00:00Z') });
    const d = await heldInsiderReview(ctx, {
      merchantId: merchant.id,
      productId: other.id,
      rating: 4,
      at: at('2026-05-06T10:00:00Z'),
      title: 'Stove is fine',
      body: 'Simmers well and the piezo lighter works in the wind, though the pot supports are a bit narrow.',
    });
    const e = await publishedReview(ctx, { productId: product.id, rating: 3, at: at('2026-05-07T10:00:00Z') });
    const f = await heldInsiderReview(ctx, {
      merchantId: merchant.id,
      productId: product.id,
      rating: 5,
      at: at('2026-05-09T10:00:00Z'),
      title: 'Tent of the year',
      body: 'Set it up alone in four minutes in a gale and it did not budge once through the whole night.',
    });
    void a;
    void b;
    void f;
    const decide = async (when: string, path: string, body: Record<string, unknown>) => {
      ctx.services.clock = () => at(when);
      await mod.agent
        .post(path)
        .set('accept', JSON_ACCEPT)
        .send({ _csrf: await mod.csrf(), ...body })
        .expect(200);
    };
    await decide('2026-05-05T14:00:00Z', `/console/items/review/${c.reviewId}/decision`, { action: 'reject', version: 0, reason: 'insider' });
    ctx.services.clock = () => at('2026-05-06T11:00:00Z');
    const appeal = await d.agent
      .post('/appeals')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await d.csrf(), targetId: d.reviewId, message: 'I bought it before I worked there.' });
    await decide('2026-05-06T12:00:00Z', `/console/appeals/${appeal.body.id}/decision`, { outcome: 'won', version: 0 });
    await report(ctx, e.reviewId, 'offensive');
    await decide('2026-05-08T10:00:00Z', `/console/items/review/${e.reviewId}/decision`, { action: 'remove', version: 0, reason: 'offensive' });
    ctx.services.clock = () => at('2026-06-01T12:00:00Z');
    report05 = (await request(ctx.app).get('/transparency.json').expect(200)).body;
  });
  after(() => ctx.close());

  it('when the month is reported, then received, published, held, rejected and removed match what happened', () => {
    const may = report05.months.find((m) => m.month === '2026-05')!;
    expect(may).to.include({ received: 6, published: 3, held: 1, rejected: 1, removed: 1 });
    expect(report05.months).to.have.length(12);
    expect(report05.months.at(-1)!.month).to.equal('2026-06');
  });

  it('when decisions were made by people and by the checks, then the automatic share, the median wait and the false-hold rate are computed from them', () => {
    const may = report05.months.find((m) => m.month === '2026-05')!;
    // Final: A, B (automatic), C, D, E (people) → 2 of 5.
    expect(may).to.include({ decided: 5, decidedAutomatically: 2, automaticShare: 0.4 });
    // Moderator waits: C 4 h, D 2 h, E 24 h → median 4 h.
    expect(may.medianHoursToModerator).to.equal(4);
    // Held at some point: C, D, F; appeals won: D → 1/3.
    expect(may).to.include({ everHeld: 3, appealsWon: 1, falseHoldRate: 0.333 });
  });

  it('when broken down by star rating and by reason, then negative reviews are visibly published and reasons map to the policy list', () => {
    const byRating = Object.fromEntries(report05.byRating.map((r) => [r.rating, r]));
    expect(byRating[1]).to.include({ received: 1, published: 1, publishedShare: 1 });
    expect(byRating[2]).to.include({ received: 1, published: 1 });
    expect(byRating[3]).to.include({ received: 1, removed: 1 });
    expect(byRating[5]).to.include({ received: 2, held: 1, rejected: 1 });
    const insider = report05.byReason.find((r) => r.reason === 'insider')!;
    expect(insider).to.include({ held: 1, rejected: 1, removed: 0, label: 'Written by the seller’s people' });
    expect(insider.policy).to.be.a('string').and.not.empty;
    expect(report05.byReason.find((r) => r.reason === 'offensive')).to.include({ removed: 1 });
  });

  it('when anyone opens /transparency, then the page shows the numbers, readable SVG charts and the policy reasons, without inline styles or scripts', async () => {
    const res = await request(ctx.app).get('/transparency');
    expect(res.status).to.equal(200);
    expect((res.text.match(/<svg /g) ?? []).length).to.equal(3);
    expect(res.text).to.include('aria-label="Outcome share per star rating"');
    expect(res.text).to.include('40%');
    expect(res.text).to.include('33.3%');
    expect(res.text).to.include('4 h');
    expect(res.text).to.include('id="reason-insider"');
    expect(res.text).to.include('href="/transparency.json"');
    expect(res.text).not.to.match(/style="/);
    const json = await request(ctx.app).get('/transparency').set('accept', JSON_ACCEPT);
    expect(json.body.months).to.have.length(12);
  });
});
