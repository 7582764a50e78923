import { expect } from 'chai';
import request from 'supertest';
import { createShop, setSuspension } from '../../server/merchants/onboarding.js';
import { signedInAgent } from '../helpers/test-app.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('install page, star badge and widget refusals', function () {
  let s: Awaited<ReturnType<typeof twoMerchants>>;
  let selfOrigin: string;

  const post = async (who: Agent, path: string, form: Record<string, string> = {}) =>
    who.agent
      .post(path)
      .type('form')
      .send({ _csrf: await who.csrf(), ...form });
  const frame = (query: Record<string, string>) => request(s.ctx.app).get(`/widget/frame?${new URLSearchParams(query)}`);
  const decoded = (html: string) =>
    html
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#x3D;/g, '=');

  before(async () => {
    s = await twoMerchants();
    selfOrigin = new URL(s.ctx.services.config.publicUrl).origin;
    await s.ctx.db.query(`INSERT INTO merchant_embed_origins (merchant_id, origin, created_at) VALUES ('m_test', 'https://shop-a.example', now())`);
    await publishedReview(s.ctx, s.a.product.id, 5);
    await publishedReview(s.ctx, s.a.product.id, 4);
  });
  after(() => s.ctx.close());

  it('when the owner opens the install page, then it shows the tag with the merchant id and first product, a product picker and the real frame as preview', async () => {
    const page = await s.managerA.agent.get('/merchant/m_test/install').expect(200);
    const text = decoded(page.text);
    expect(text).to.include(
      `<script async src="${s.ctx.services.config.publicUrl.replace(/\/$/, '')}/widget.js" data-candor-merchant="m_test" data-candor-product="`,
    );
    expect(text).to.match(/<option value="STOVE" selected>|<option value="TENT" selected>/);
    expect(text).to.include('<option value="TENT"');
    expect(text).to.include(`/widget/frame?merchant=m_test&amp;product=`);
    expect(text).to.include(`origin=${encodeURIComponent(selfOrigin)}`);
    expect(text).to.include('Copy the tag');
  });

  it('when the owner picks a product, dark theme, an accent and the badge, then the tag carries exactly those attributes', async () => {
    const page = await s.managerA.agent.get('/merchant/m_test/install?product=TENT&theme=dark&accent=%23AA3300&variant=badge').expect(200);
    expect(decoded(page.text)).to.include(
      'data-candor-merchant="m_test" data-candor-product="TENT" data-candor-theme="dark" data-candor-accent="#aa3300" data-candor-variant="badge"></script>',
    );
    const odd = await s.managerA.agent.get('/merchant/m_test/install?product=NOPE&theme=neon&accent=red').expect(200);
    expect(decoded(odd.text)).not.to.include('data-candor-theme');
    expect(decoded(odd.text)).not.to.include('data-candor-accent');
  });

  it("when the preview frame is asked for from Candor's own origin, then it may be framed by Candor and talks to it", async () => {
    const res = await frame({ merchant: 'm_test', product: 'TENT', origin: selfOrigin }).expect(200);
    expect(String(res.headers['content-security-policy'])).to.match(/frame-ancestors https:\/\/shop-a\.example 'self'/);
    expect(res.text).to.include(`data-parent-origin="${selfOrigin}"`);
  });

  it('when the badge variant is asked for, then the frame is a small badge with average, count and a link to the tab', async () => {
    const res = await frame({ merchant: 'm_test', product: 'TENT', origin: 'https://shop-a.example', variant: 'badge' }).expect(200);
    expect(res.text).to.include('class="candor-badge"');
    expect(res.text).to.include('4.5');
    expect(res.text).to.include('(2 reviews');
    expect(res.text).to.include(`href="/products/${s.a.product.slug}/reviews"`);
    expect(res.text).not.to.include('review-list');
  });

  it('when the owner checks a page on an origin not allowed, then it says "not allowed yet: add it", and adding it makes the check pass', async () => {
    const page = 'https://www.shop-a.example/products/tent?x=1';
    const check = await s.managerA.agent.get(`/merchant/m_test/install?${new URLSearchParams({ page })}`).expect(200);
    expect(decoded(check.text)).to.include('This page’s origin (https://www.shop-a.example) is not allowed yet: add it');
    expect(check.text).to.include('Add https://www.shop-a.example');
    const added = await post(s.managerA, '/merchant/m_test/install/origins', { page });
    expect(added.status).to.equal(303);
    const again = await s.managerA.agent.get(String(added.headers.location)).expect(200);
    expect(again.text).to.include('https://www.shop-a.example is allowed');
  });

  it("when a viewer, another merchant's owner or a customer uses the install routes, then managing is refused with 403", async () => {
    const viewer = await signedInAgent(s.ctx);
    await s.ctx.db.query(`INSERT INTO merchant_staff (merchant_id, account_id, can_manage, role) VALUES ('m_test', $1, true, 'viewer')`, [viewer.account.id]);
    const seen = await viewer.agent.get('/merchant/m_test/install?page=https://viewer.example').expect(200);
    expect(seen.text).to.include('Ask an owner of the shop to add it');
    expect((await post(viewer, '/merchant/m_test/install/origins', { page: 'https://viewer.example' })).status).to.equal(403);
    expect((await s.managerB.agent.get('/merchant/m_test/install')).status).to.equal(403);
    expect((await post(s.managerB, '/merchant/m_test/install/origins', { page: 'https://b.example' })).status).to.equal(403);
    expect((await s.customer.agent.get('/merchant/m_test/install')).status).to.equal(403);
    const origins = (await s.ctx.db.query<{ origin: string }>(`SELECT origin FROM merchant_embed_origins WHERE merchant_id = 'm_test'`)).rows.map(
      (r) => r.origin,
    );
    expect(origins).not.to.include('https://viewer.example');
    expect(origins).not.to.include('https://b.example');
  });

  it('when the frame is asked for on an origin not allowed, then the refusal is recorded once per window, listed on the install page and explained by /widget/status', async () => {
    for (let i = 0; i < 3; i++) await frame({ merchant: 'm_test', product: 'TENT', origin: 'https://stranger.example' }).expect(200);
    const rows = (await s.ctx.db.query<{ count: number; reason: string }>(`SELECT count, reason FROM widget_refusals WHERE merchant_id = 'm_test'`)).rows;
    expect(rows).to.deep.equal([{ count: 1, reason: 'origin-not-allowed' }]);
    const page = await s.managerA.agent.get('/merchant/m_test/install').expect(200);
    expect(page.text).to.include('refused on https://stranger.example: not in allowed origins');
    expect((await s.managerB.agent.get('/merchant/m_test_b/install')).text).not.to.include('stranger.example');

    const status = await request(s.ctx.app).get('/widget/status?merchant=m_test&origin=https://stranger.example').expect(200);
    expect(status.headers['access-control-allow-origin']).to.equal('*');
    expect(status.body).to.include({ allowed: false, reason: 'origin-not-allowed' });
    expect(status.body.message).to.include('not in allowed origins');
    const ok = await request(s.ctx.app).get('/widget/status?merchant=m_test&origin=https://shop-a.example').expect(200);
    expect(ok.body.allowed).to.equal(true);
    const unknown = await request(s.ctx.app).get('/widget/status?merchant=m_nobody&origin=https://shop-a.example').expect(200);
    expect(unknown.body.message).to.include('no merchant has the id m_nobody');
  });

  it('when a suspended shop opens its install page, asks for its frame or records an order, then each says it is suspended and nothing is embedded or invited', async () => {
    const owner = await signedInAgent(s.ctx);
    const shop = await createShop(s.ctx.db, {
      name: 'Suspended Lamps',
      websiteOrigin: 'https://suspended-lamps.example',
      category: 'Home',
      ownerId: owner.account.id,
      at: s.ctx.services.clock(),
      verified: true,
    });
    await s.ctx.db.query(`INSERT INTO products (id, merchant_id, slug, sku, name, description, category) VALUES ($1, $2, $3, 'LAMP', 'Lamp', '', 'home')`, [
      `p_${shop.id}`,
      shop.id,
      `lamp-${shop.id}`,
    ]);
    const created = await post(owner, `/merchant/${shop.id}/api-keys`, { label: 'backend' });
    const key = /cnd_[A-Za-z0-9_-]+/.exec(created.text)![0];
    await setSuspension(s.ctx.db, { adminId: null, merchantId: shop.id, suspend: true, reason: 'bought reviews', at: s.ctx.services.clock() });
    const page = await owner.agent.get(`/merchant/${shop.id}/install`).expect(200);
    expect(page.text).to.include('suspended by Candor: bought reviews');
    expect(page.text).not.to.include('data-install-preview');
    await frame({ merchant: shop.id, product: 'LAMP', origin: 'https://suspended-lamps.example' }).expect(403);
    const status = await request(s.ctx.app).get(`/widget/status?merchant=${shop.id}&origin=https://suspended-lamps.example`).expect(200);
    expect(status.body.reason).to.equal('suspended');
    const order = await request(s.ctx.app)
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${key}`)
      .send({ sku: 'LAMP', buyer_email: 'buyer@mail.example', ordered_at: '2026-05-30T09:00:00Z', external_ref: 'S-1' });
    expect(order.status).to.equal(403);
  });

  it('when an unverified shop opens its install page or its frame is asked for, then the page says why, shows no preview, and the refusal names the reason', async () => {
    const owner = await signedInAgent(s.ctx);
    const shop = await createShop(s.ctx.db, {
      name: 'Unverified Lamps',
      websiteOrigin: 'https://lamps.example',
      category: 'Home',
      ownerId: owner.account.id,
      at: s.ctx.services.clock(),
    });
    const page = await owner.agent.get(`/merchant/${shop.id}/install`).expect(200);
    expect(page.text).to.include('has not proved it owns its website');
    expect(page.text).not.to.include('data-install-preview');
    await frame({ merchant: shop.id, product: 'ANY', origin: 'https://lamps.example' }).expect(403);
    const status = await request(s.ctx.app).get(`/widget/status?merchant=${shop.id}&origin=https://lamps.example`).expect(200);
    expect(status.body.reason).to.equal('unverified');
    const after = await owner.agent.get(`/merchant/${shop.id}/install`).expect(200);
    expect(after.text).to.include('refused on https://lamps.example: the shop has not verified its website yet');
  });
});
