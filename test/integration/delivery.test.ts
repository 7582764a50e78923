import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

describe('delivery: compression and static assets', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  it('when a browser accepts brotli or gzip, then the tab is sent compressed, each encoding with its own ETag', async () => {
    const path = `/products/${catalog.product.slug}/reviews`;
    const plain = await request(ctx.app).get(path).set('Accept-Encoding', 'identity').expect(200);
    const gzip = await request(ctx.app).get(path).set('Accept-Encoding', 'gzip').expect(200);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(gzip.headers['content-encoding']).to.equal('gzip');
    expect(gzip.headers.vary).to.match(/Accept-Encoding/i);
    expect(gzip.text).to.equal(plain.text); // supertest decompresses
    expect(gzip.headers.etag).not.to.equal(plain.headers.etag);
    const br = await request(ctx.app).get(path).set('Accept-Encoding', 'br, gzip').expect(200);
    expect(br.headers['content-encoding']).to.equal('br');
    expect(br.text).to.equal(plain.text); // decompressed by the client
    expect(Number(br.headers['content-length'])).to.be.lessThan(Buffer.byteLength(plain.text) / 2);
    await request(ctx.app)
      .get(path)
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', gzip.headers.etag as string)
      .expect(304);
  });

  it('when a page is not served from the cache, then it is still compressed', async () => {
    const res = await request(ctx.app).get('/how-we-check').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).to.equal('gzip');
  });

  it('when a page links its stylesheet and script, then they carry a content hash and are cacheable for a year', async () => {
    const page = await request(ctx.app).get('/').expect(200);
    const css = /href="(\/assets\/\w+\/styles\.css)"/.exec(page.text)?.[1];
    const js = /src="(\/assets\/\w+\/reviews-tab\.js)"/.exec(page.text)?.[1];
    expect(css, 'hashed stylesheet link').to.be.a('string');
    expect(js, 'hashed script link').to.be.a('string');
    const res = await request(ctx.app).get(css!).expect(200);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.text).to.equal(readFileSync(new URL('../../public/styles.css', import.meta.url), 'utf8'));
    await request(ctx.app).get(js!).expect(200);
  });

  it('when an asset is asked for under a hash that is not its current one, then it is not found', async () => {
    await request(ctx.app).get('/assets/AAAAAAAAAAAA/styles.css').expect(404);
    await request(ctx.app).get('/assets/AAAAAAAAAAAA/nothing.css').expect(404);
  });
});
