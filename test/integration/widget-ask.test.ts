import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { insertPendingReview, setReviewState } from '../../server/storage/review-repo.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const SHOP = 'https://shop.example';

const frame = (merchant: string, product: string, extra: Record<string, string> = {}) =>
  `/widget/frame?${new URLSearchParams({ merchant, product, origin: SHOP, ...extra })}`;
const escapedHref = (href: string) => href.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');

describe('widget: asking a question and the reviewer record', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let unverified: Awaited<ReturnType<typeof seedCatalog>>;
  let authorId: string;
  const ask = (merchant = catalog.merchant.id, product = catalog.product.sku) => `/widget/ask?${new URLSearchParams({ merchant, product, origin: SHOP })}`;
  const questionCount = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM product_questions')).rows[0]!.n;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    unverified = await seedCatalog(ctx.db, '_new');
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2), ($3, $2)', [
      catalog.merchant.id,
      SHOP,
      unverified.merchant.id,
    ]);
    await ctx.db.query('UPDATE merchants SET verified_at = NULL WHERE id = $1', [unverified.merchant.id]);
    const author = await createAccount(ctx.db, {
      displayName: 'Widget Author',
      email: 'widget.author@mail.example',
      passwordHash: null,
      ip: '100.64.9.9',
      userAgent: 'Test',
      at: new Date('2025-01-15T00:00:00Z'),
    });
    authorId = author.id;
    for (const [i, product] of [catalog.product, catalog.other].entries()) {
      const id = `r_record_${i}`;
      await insertPendingReview(ctx.db, {
        id,
        productId: product.id,
        merchantId: catalog.merchant.id,
        accountId: author.id,
        orderId: null,
        rating: 4,
        title: `Widget review ${i}`,
        body: 'Sturdy poles, quick to pitch, and it stayed dry through a wet weekend.',
        incentive: null,
        ip: null,
        userAgent: null,
        at: new Date('2026-05-01T10:00:00Z'),
      });
      await setReviewState(ctx.db, id, 'published', [], 0);
    }
  });
  after(() => ctx.close());

  it('when the frame is shown, then each review carries its author’s compact record linking to the profile', async () => {
    const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
    const record = /<p class="reviewer-record compact"[^>]*>([\s\S]*?)<\/p>/.exec(res.text)?.[1] ?? '';
    expect(record).to.include(`href="/reviewers/${authorId}"`);
    expect(record).to.include('target="_blank"');
    expect(record.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).to.include('2 reviews 0% verified 0 helpful since Jan 2025');
  });

  it('when the frame is shown, then "Ask a question" opens Candor’s ask popup for this product and shop', async () => {
    const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
    expect(res.text).to.include(`href="${escapedHref(ask())}"`);
    expect(res.text).to.match(/data-candor-ask>Ask a question<\/a>/);
  });

  it('when nobody is signed in, then the popup goes to sign-in and comes back, keeping its opener and layout', async () => {
    const res = await request(ctx.app).get(ask()).set('Accept', 'text/html').expect(302);
    expect(res.headers.location).to.equal(`/signin?next=${encodeURIComponent(ask())}`);
    expect(res.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
    const signin = await request(ctx.app)
      .get(res.headers.location as string)
      .expect(200);
    expect(signin.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
    expect(signin.text).to.include('widget-popup.js');
  });

  it('when a signed-in shopper asks in the popup, then the question is stored, the popup reports it and the frame shows it', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const form = await agent.get(ask()).expect(200);
    expect(form.text).to.include(`action="${escapedHref(ask())}"`);
    expect(form.text).to.match(/name="_csrf" value="[^"]+"/);
    const body = 'Will the inner tent fit a wide sleeping mat on each side?';
    const res = await agent
      .post(ask())
      .type('form')
      .send({ _csrf: await csrf(), body })
      .expect(201);
    expect(res.text).to.include('data-candor-asked="published"');
    const stored = (await ctx.db.query<{ product_id: string; status: string }>('SELECT product_id, status FROM product_questions WHERE body = $1', [body]))
      .rows;
    expect(stored).to.deep.equal([{ product_id: catalog.product.id, status: 'published' }]);
    const after = await request(ctx.app)
      .get(frame(catalog.merchant.id, catalog.product.sku, { asked: 'published' }))
      .expect(200);
    expect(after.text).to.include(body);
    expect(after.text).to.include('Thank you! Your question is published below.');
  });

  it('when the question is too short, then the form comes back with what to fix and nothing is stored', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const before = await questionCount();
    const res = await agent
      .post(ask())
      .type('form')
      .send({ _csrf: await csrf(), body: 'ok?' })
      .expect(422);
    expect(res.text).to.include('role="alert"');
    expect(res.text).to.include('Question');
    expect(await questionCount()).to.equal(before);
  });

  it('when the CSRF token is missing or nobody is signed in, then nothing is stored', async () => {
    const before = await questionCount();
    const { agent } = await signedInAgent(ctx);
    await agent.post(ask()).type('form').send({ body: 'Is it warm enough for winter camping?' }).expect(403);
    const anonymous = await request(ctx.app).post(ask()).type('form').send({ body: 'Is it warm enough for winter camping?' });
    expect(anonymous.status).to.be.oneOf([401, 403]);
    expect(await questionCount()).to.equal(before);
  });

  it('when the shop has not proved its website or the SKU is unknown, then the popup refuses with the reason', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const refused = await agent.get(ask(unverified.merchant.id, unverified.product.sku));
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('has not proved it owns its website');
    await agent
      .post(ask(unverified.merchant.id, unverified.product.sku))
      .type('form')
      .send({ _csrf: await csrf(), body: 'Is this shop real and trustworthy?' })
      .expect(403);
    expect((await agent.get(ask(catalog.merchant.id, 'NOPE'))).status).to.equal(404);
  });
});
