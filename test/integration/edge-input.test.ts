import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;

/** Raw bytes on the wire: supertest would re-encode a path, so these go through http directly. */
describe('input at the edge: crafted bytes get an honest 4xx with a message, never a 500', function () {
  let s: Setup;
  let key = '';
  const counts = async () =>
    (
      await s.ctx.db.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM reviews) + (SELECT count(*) FROM comments) + (SELECT count(*) FROM reports) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM orders) AS n',
      )
    ).rows[0]!.n;
  before(async () => {
    s = await twoMerchants();
    key = (await createApiKey(s.ctx.db, await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test'), 'k', s.ctx.services.clock())).key;
  });
  after(() => s.ctx.close());

  it('when a path or query holds NUL, %ff, an overlong %c0%ae or an encoded lone surrogate, then 400 says so', async () => {
    for (const path of [
      '/products/%00/reviews',
      '/products/%ff/reviews',
      '/products/%c0%ae%c0%ae/reviews',
      '/api/v1/merchants/%00/products/x/reviews',
      '/api/v1/products/%ff/snippet',
      '/products/tent/reviews?sort=%00',
      '/products/tent/reviews?page=%ed%a0%80',
      '/%c0%ae%c0%ae/',
    ]) {
      const res = await request(s.ctx.app).get(path).set('accept', 'application/json');
      expect(res.status, path).to.equal(400);
      expect(JSON.stringify(res.body), path).to.match(/not allowed/);
    }
  });

  it('when a form field holds NUL, invalid UTF-8 or a lone surrogate, then 400 and nothing is stored', async () => {
    const before = await counts();
    const token = await s.customer.csrf();
    for (const body of [
      `_csrf=${encodeURIComponent(token)}&rating=5&title=Hi%00there&body=${'x'.repeat(40)}`,
      `_csrf=${encodeURIComponent(token)}&rating=5&title=%ff%fe&body=x`,
      `_csrf=${encodeURIComponent(token)}&title=%ed%a0%80`,
    ]) {
      const res = await s.customer.agent
        .post('/products/tent/reviews')
        .set('content-type', 'application/x-www-form-urlencoded')
        .set('accept', 'application/json')
        .send(body);
      expect(res.status, body).to.equal(400);
      expect(res.body.error).to.match(/not allowed/);
    }
    const json = await s.customer.agent
      .post('/products/tent/reviews')
      .set('x-csrf-token', token)
      .set('content-type', 'application/json')
      .send('{"rating":5,"title":"a\\ud800b","body":"x"}');
    expect(json.status).to.equal(400);
    const api = await request(s.ctx.app)
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${key}`)
      .send({ sku: 'TENT', buyer_email: 'b@mail.example', ordered_at: s.ctx.services.clock().toISOString(), external_ref: 'R1', note: 'thanks\u0000' });
    expect(api.status).to.equal(400);
    expect(api.body.detail).to.match(/not allowed/);
    expect(await counts()).to.equal(before);
  });

  it('when the body uses br-less unknown encoding, koi8-r, too many fields, bad gzip or deep JSON, then 415, 415, 413, 400, 400', async () => {
    const token = await s.customer.csrf();
    const post = () => s.customer.agent.post('/reviews/r_none/comments').set('accept', 'application/json');
    expect((await post().set('content-type', 'application/x-www-form-urlencoded').set('content-encoding', 'compress').send('a=1')).status).to.equal(415);
    const koi = await post().set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r').send('a=1');
    expect(koi.status).to.equal(415);
    expect(koi.body.error).to.match(/UTF-8/);
    const many = Array.from({ length: 1200 }, (_, i) => `f${i}=1`).join('&');
    const tooMany = await post().set('content-type', 'application/x-www-form-urlencoded').send(`_csrf=${token}&${many}`);
    expect(tooMany.status).to.equal(413);
    expect(tooMany.body.error).to.match(/too many fields/);
    const badGzip = await post().set('content-type', 'application/x-www-form-urlencoded').set('content-encoding', 'gzip').send(Buffer.from('not gzip at all'));
    expect(badGzip.status).to.equal(400);
    const goodGzip = await post()
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('content-encoding', 'gzip')
      .serialize(((b: Buffer) => b) as unknown as (obj: unknown) => string)
      .send(gzipSync(`_csrf=${encodeURIComponent(token)}&body=hello`));
    expect(goodGzip.status, JSON.stringify(goodGzip.body)).to.equal(404);
    const deep = '['.repeat(40) + ']'.repeat(40);
    const res = await post().set('x-csrf-token', token).set('content-type', 'application/json').send(deep);
    expect(res.status).to.equal(400);
    expect(res.body.error).to.match(/nested too deeply/);
    const big = await post()
      .set('content-type', 'application/json')
      .set('x-csrf-token', token)
      .send(JSON.stringify({ body: 'x'.repeat(70_000) }));
    expect(big.status).to.equal(413);
  });

  it('when an embed origin carries a ";", a path, a space or a wildcard, then it is refused with a message and frame-ancestors stays intact', async () => {
    const token = await s.managerA.csrf();
    for (const origin of [
      'https://shop.example;script-src *',
      'https://shop.example/page',
      'https://*.shop.example',
      'https://shop.example%3B',
      'https://sh op.example',
      'https://shop.example,https://evil.example',
      'https://shop.example.',
    ]) {
      const res = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ _csrf: token, origin });
      expect(res.status, origin).to.equal(422);
      expect(res.text, origin).to.include('scheme://host');
    }
    const ok = await s.managerA.agent.post('/merchant/m_test/origins').type('form').send({ _csrf: token, origin: 'HTTPS://Shop.Example:443/' });
    expect(ok.status).to.equal(303);
    const stored = (await s.ctx.db.query<{ origin: string }>(`SELECT origin FROM merchant_embed_origins WHERE merchant_id = 'm_test'`)).rows.map(
      (r) => r.origin,
    );
    expect(stored).to.deep.equal(['https://shop.example']);
  });
});
