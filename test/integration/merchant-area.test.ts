import { expect } from 'chai';
import request from 'supertest';
import { hashApiKey } from '../../server/merchants/api-keys.js';
import { csrfToken, publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;

describe('merchant area', function () {
  let s: Setup;
  let reviewA: string;
  let reviewB: string;

  before(async () => {
    s = await twoMerchants();
    reviewA = (await publishedReview(s.ctx, s.a.product.id, 5)).reviewId;
    reviewB = (await publishedReview(s.ctx, s.b.product.id, 2)).reviewId;
  });
  after(() => s.ctx.close());

  describe('authorization', () => {
    it('when signed out, then /merchant redirects to sign-in', async () => {
      const res = await request(s.ctx.app).get('/merchant/m_test').set('accept', 'text/html');
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.match(/^\/signin\?next=/);
    });

    it('when a customer opens the area, then /merchant leads to adding a shop and a merchant id is refused with 403', async () => {
      const landing = await s.customer.agent.get('/merchant');
      expect(landing.status).to.equal(303);
      expect(landing.headers.location).to.equal('/shops/new');
      expect((await s.customer.agent.get('/merchant/m_test')).status).to.equal(403);
    });

    it('when a manager opens /merchant, then they land on their own merchant', async () => {
      const res = await s.managerA.agent.get('/merchant');
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/merchant/m_test');
    });

    it('when a manager opens every section of their merchant, then each renders', async () => {
      for (const path of ['', '/products', '/origins', '/staff', '/api-keys', '/replies', '/webhooks', `/products/${s.a.product.id}/edit`]) {
        const res = await s.managerA.agent.get(`/merchant/m_test${path}`);
        expect(res.status, path).to.equal(200);
        expect(res.text).to.include('Test Shop');
      }
    });

    it('when a manager of A calls ANY route of merchant B, then every one is refused with 403 and nothing changes', async () => {
      const token = await s.managerA.csrf();
      const gets = ['', '/products', '/origins', '/staff', '/api-keys', '/replies', '/webhooks', `/products/${s.b.product.id}/edit`];
      for (const path of gets) {
        const res = await s.managerA.agent.get(`/merchant/m_test_b${path}`);
        expect(res.status, `GET ${path}`).to.equal(403);
        expect(res.text).not.to.include('Test Shop_b');
      }
      const posts: [string, Record<string, string>][] = [
        ['/products', { sku: 'EVIL', name: 'Evil', category: 'x1' }],
        [`/products/${s.b.product.id}`, { sku: 'TENT_b', name: 'Renamed', category: 'camping' }],
        ['/origins', { origin: 'https://evil.example' }],
        ['/origins/delete', { origin: 'https://b.example' }],
        ['/staff', { email: s.managerA.account.email }],
        [`/staff/${s.managerB.account.id}/delete`, {}],
        ['/api-keys', { label: 'stolen' }],
        ['/api-keys/k_whatever/revoke', {}],
        [`/replies/${reviewB}`, { body: 'Not our review' }],
        ['/webhooks', { url: 'https://evil.example/hook' }],
        ['/webhooks/wh_x/delete', {}],
      ];
      for (const [path, body] of posts) {
        const res = await s.managerA.agent
          .post(`/merchant/m_test_b${path}`)
          .type('form')
          .send({ _csrf: token, ...body });
        expect(res.status, `POST ${path}`).to.equal(403);
      }
      const { rows } = await s.ctx.db.query<{ n: number }>(
        `SELECT (SELECT count(*)::int FROM products WHERE merchant_id = 'm_test_b' AND name = 'Renamed')
              + (SELECT count(*)::int FROM products WHERE sku = 'EVIL')
              + (SELECT count(*)::int FROM merchant_embed_origins WHERE merchant_id = 'm_test_b')
              + (SELECT count(*)::int FROM api_keys WHERE merchant_id = 'm_test_b')
              + (SELECT count(*)::int FROM webhook_endpoints WHERE merchant_id = 'm_test_b')
              + (SELECT count(*)::int FROM merchant_replies WHERE review_id = $1) AS n`,
        [reviewB],
      );
      expect(rows[0]!.n).to.equal(0);
    });

    it("when a manager of A aims A's routes at B's product or review ids, then they are not found", async () => {
      const token = await s.managerA.csrf();
      expect((await s.managerA.agent.get(`/merchant/m_test/products/${s.b.product.id}/edit`)).status).to.equal(404);
      const edit = await s.managerA.agent
        .post(`/merchant/m_test/products/${s.b.product.id}`)
        .type('form')
        .send({ _csrf: token, sku: 'X', name: 'Hijack', category: 'camping' });
      expect(edit.status).to.equal(404);
      const reply = await s.managerA.agent.post(`/merchant/m_test/replies/${reviewB}`).type('form').send({ _csrf: token, body: 'Hello from A' });
      expect(reply.status).to.equal(404);
      const revoke = await s.managerA.agent.post('/merchant/m_test/api-keys/k_doesnotexist/revoke').type('form').send({ _csrf: token });
      expect(revoke.status).to.equal(404);
    });

    it('when a merchant-area form is posted without a CSRF token, then it is refused', async () => {
      const res = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ origin: 'https://x.example' });
      expect(res.status).to.equal(403);
    });
  });

  describe('products', () => {
    it('when a manager adds and edits a product, then it gets a page and the edit is saved', async () => {
      const token = await s.managerA.csrf();
      const add = await s.managerA.agent
        .post('/merchant/m_test/products')
        .type('form')
        .send({ _csrf: token, sku: 'LAMP-1', name: 'Camp Lamp', category: 'Home', url: 'https://test-shop.example/lamp', description: 'Bright.' });
      expect(add.status).to.equal(303);
      const { rows } = await s.ctx.db.query<{ id: string; slug: string; category: string }>(`SELECT id, slug, category FROM products WHERE sku = 'LAMP-1'`);
      expect(rows[0]!.slug).to.equal('camp-lamp');
      expect(rows[0]!.category).to.equal('home');
      expect((await request(s.ctx.app).get('/products/camp-lamp/reviews')).status).to.equal(200);
      const edit = await s.managerA.agent
        .post(`/merchant/m_test/products/${rows[0]!.id}`)
        .type('form')
        .send({ _csrf: token, sku: 'LAMP-2', name: 'Camp Lamp 2', category: 'home', url: '' });
      expect(edit.status).to.equal(303);
      const after = await s.ctx.db.query<{ sku: string; url: string | null }>('SELECT sku, url FROM products WHERE id = $1', [rows[0]!.id]);
      expect(after.rows[0]).to.deep.equal({ sku: 'LAMP-2', url: null });
    });

    it('when the SKU is taken or fields are invalid, then the page says what to fix (4xx, not 500)', async () => {
      const token = await s.managerA.csrf();
      const dup = await s.managerA.agent
        .post('/merchant/m_test/products')
        .type('form')
        .send({ _csrf: token, sku: 'TENT', name: 'Another', category: 'camping' });
      expect(dup.status).to.equal(409);
      expect(dup.text).to.include('already uses this SKU');
      const bad = await s.managerA.agent
        .post('/merchant/m_test/products')
        .type('form')
        .send({ _csrf: token, sku: 'has space', name: 'X', category: 'c', url: 'ftp://x' });
      expect(bad.status).to.equal(422);
      expect(bad.text).to.include('SKU may contain');
      expect(bad.text).to.include('Product URL must start with http');
    });
  });

  describe('embed origins', () => {
    it('when a valid origin is added, then it is stored in canonical form and can be removed', async () => {
      const token = await s.managerA.csrf();
      const add = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ _csrf: token, origin: 'HTTPS://Shop.Example:443' });
      expect(add.status).to.equal(303);
      const page = await s.managerA.agent.get('/merchant/m_test/origins');
      expect(page.text).to.include('https://shop.example');
      const dup = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ _csrf: token, origin: 'https://shop.example' });
      expect(dup.status).to.equal(409);
      const del = await s.managerA.agent.post('/merchant/m_test/origins/delete').type('form').send({ _csrf: token, origin: 'https://shop.example' });
      expect(del.status).to.equal(303);
      const { rows } = await s.ctx.db.query(`SELECT 1 FROM merchant_embed_origins WHERE merchant_id = 'm_test'`);
      expect(rows).to.have.length(0);
    });

    for (const bad of [
      'https://shop.example/path',
      'shop.example',
      'ftp://shop.example',
      'https://*.shop.example',
      'https://user:pw@shop.example',
      'https://shop.example?x=1',
      'javascript:alert(1)',
    ]) {
      it(`when the origin is "${bad}", then it is refused with a clear message`, async () => {
        const token = await s.managerA.csrf();
        const res = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ _csrf: token, origin: bad });
        expect(res.status).to.equal(422);
        expect(res.text).to.match(/scheme:\/\/host|must start with https:\/\//);
      });
    }
  });

  describe('declared staff', () => {
    it('when a manager declares an account by email, then nothing changes until the person accepts; then it is staff (not a manager) and can be removed', async () => {
      const token = await s.managerB.csrf();
      const written = await publishedReview(s.ctx, s.b.product.id, 5);
      const author = { account_id: written.author.account.id, email: written.author.account.email };
      const add = await s.managerB.agent.post('/merchant/m_test_b/staff').type('form').send({ _csrf: token, email: author.email.toUpperCase() });
      expect(add.status).to.equal(303);
      const staffRows = async () =>
        (await s.ctx.db.query(`SELECT 1 FROM merchant_staff WHERE merchant_id = 'm_test_b' AND account_id = $1`, [author.account_id])).rows.length;
      expect(await staffRows(), 'not staff before accepting').to.equal(0);
      const tab = await s.customer.agent.get(`/products/${s.b.product.slug}/reviews`);
      expect(tab.text, 'no badge before accepting').not.to.include('Merchant staff');

      // The customer who was not invited cannot answer the invitation.
      const invitationId = (await s.ctx.db.query<{ id: string }>(`SELECT id FROM staff_invitations WHERE merchant_id = 'm_test_b' AND status = 'pending'`))
        .rows[0]!.id;
      const stranger = await s.customer.agent
        .post(`/account/staff-invitations/${invitationId}/accept`)
        .type('form')
        .send({ _csrf: await s.customer.csrf() });
      expect(stranger.status).to.equal(404);
      expect(await staffRows()).to.equal(0);

      const person = written.author.agent;
      const page = await person.get('/account');
      expect(page.text).to.include('Staff invitations').and.include('Test Shop_b');
      const accept = await person
        .post(`/account/staff-invitations/${invitationId}/accept`)
        .type('form')
        .send({ _csrf: await written.author.csrf() });
      expect(accept.status).to.equal(303);
      expect(await staffRows()).to.equal(1);
      const row = await s.ctx.db.query<{ can_manage: boolean }>(`SELECT can_manage FROM merchant_staff WHERE merchant_id = 'm_test_b' AND account_id = $1`, [
        author.account_id,
      ]);
      expect(row.rows[0]!.can_manage).to.equal(false);
      expect((await person.get('/merchant/m_test_b')).status, 'declared staff cannot manage').to.equal(403);
      expect((await s.customer.agent.get(`/products/${s.b.product.slug}/reviews`)).text).to.include('Merchant staff');
      const del = await s.managerB.agent.post(`/merchant/m_test_b/staff/${author.account_id}/delete`).type('form').send({ _csrf: token });
      expect(del.status).to.equal(303);
      expect(await staffRows()).to.equal(0);
    });

    it('when the email has no account, then the answer is the same as for one that has; a manager cannot be removed here', async () => {
      const token = await s.managerA.csrf();
      const none = await s.managerA.agent
        .post('/merchant/m_test/staff')
        .type('form')
        .set('accept', 'application/json')
        .send({ _csrf: token, email: 'nobody@nowhere.example' });
      const some = await s.managerA.agent
        .post('/merchant/m_test/staff')
        .type('form')
        .set('accept', 'application/json')
        .send({ _csrf: token, email: s.managerB.account.email });
      expect(none.status).to.equal(200);
      expect(none.body).to.deep.equal(some.body);
      const self = await s.managerA.agent.post(`/merchant/m_test/staff/${s.managerA.account.id}/delete`).type('form').send({ _csrf: token });
      expect(self.status).to.equal(404);
    });
  });

  describe('replies', () => {
    it("when a manager replies to their merchant's published review, then the reply shows on the reviews tab", async () => {
      const list = await s.managerA.agent.get('/merchant/m_test/replies');
      expect(list.text).to.include(`review-${reviewA}`);
      expect(list.text).not.to.include(`review-${reviewB}`);
      const token = await s.managerA.csrf();
      const res = await s.managerA.agent
        .post(`/merchant/m_test/replies/${reviewA}`)
        .type('form')
        .send({ _csrf: token, body: 'Thanks for the <b>honest</b> review!' });
      expect(res.status).to.equal(303);
      const tab = await request(s.ctx.app).get(`/products/${s.a.product.slug}/reviews`);
      expect(tab.text).to.include('Thanks for the &lt;b&gt;honest&lt;/b&gt; review!');
    });
  });

  describe('API keys', () => {
    it('when a key is created, then it is shown once, stored only as a sha256 hash, records its last use, and 401s after revocation', async () => {
      const token = await s.managerA.csrf();
      const created = await s.managerA.agent.post('/merchant/m_test/api-keys').type('form').send({ _csrf: token, label: 'Shop backend' });
      expect(created.status).to.equal(201);
      expect(created.headers['cache-control']).to.include('no-store');
      const key = /data-new-api-key>([^<]+)</.exec(created.text)![1]!;
      expect(key).to.match(/^cnd_[A-Za-z0-9_-]{43}$/);

      const page = await s.managerA.agent.get('/merchant/m_test/api-keys');
      expect(page.text).not.to.include(key);
      expect(page.text).to.include(key.slice(0, 10));

      const stored = await s.ctx.db.query<{ id: string; key_hash: string; last_used_at: Date | null }>(
        `SELECT id, key_hash, last_used_at FROM api_keys WHERE merchant_id = 'm_test'`,
      );
      expect(stored.rows[0]!.key_hash).to.equal(hashApiKey(key));
      const dump = JSON.stringify((await s.ctx.db.query('SELECT * FROM api_keys')).rows);
      expect(dump).not.to.include(key);
      expect(stored.rows[0]!.last_used_at).to.equal(null);

      const order = { sku: 'TENT', buyer_email: 'buyer@mail.example', ordered_at: '2026-05-20T10:00:00Z', external_ref: 'A-1' };
      const ok = await request(s.ctx.app).post('/api/v1/orders').set('authorization', `Bearer ${key}`).send(order);
      expect(ok.status).to.equal(201);
      const used = await s.ctx.db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [stored.rows[0]!.id]);
      expect(new Date(used.rows[0]!.last_used_at!).toISOString()).to.equal('2026-06-01T12:00:00.000Z');

      const revoke = await s.managerA.agent.post(`/merchant/m_test/api-keys/${stored.rows[0]!.id}/revoke`).type('form').send({ _csrf: token });
      expect(revoke.status).to.equal(303);
      const refused = await request(s.ctx.app)
        .post('/api/v1/orders')
        .set('authorization', `Bearer ${key}`)
        .send({ ...order, external_ref: 'A-2' });
      expect(refused.status).to.equal(401);
      expect(refused.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(refused.body.detail).to.include('revoked');
    });
  });

  describe('dashboard', () => {
    it('when the dashboard renders, then it has a server-side SVG chart and no inline style or script', async () => {
      const res = await s.managerA.agent.get('/merchant/m_test');
      expect(res.status).to.equal(200);
      expect(res.text).to.match(/<svg [^>]*class="chart ratings-chart"/);
      expect(res.text).to.match(/<rect class="chart-bar"[^>]+height="[\d.]+"/);
      expect(res.text).to.include('Jun 2026: 1 review, average 5.00');
      expect(res.text).not.to.match(/\sstyle=/);
      expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).to.match(/\/assets\/\w+\/merchant\.css/);
    });
  });

  it('csrf helper sanity', async () => {
    expect(await csrfToken(s.managerA.agent, '/merchant/m_test/origins')).to.be.a('string');
  });
});
