import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { pino } from 'pino';
import { drainOutbox, type OutboxDeps } from '../../server/outbox/outbox-worker.js';
import type { WebhookPoster } from '../../server/webhooks/webhook-poster.js';
import { verifyWebhookSignature } from '../../server/merchants/webhooks.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
interface Delivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

describe('webhooks', function () {
  let s: Setup;
  let now: Date;
  const deliveries: Delivery[] = [];
  let failNext = 0;
  const poster: WebhookPoster = async (url, body, headers) => {
    if (failNext > 0) {
      failNext--;
      throw new Error('webhook endpoint answered 503');
    }
    deliveries.push({ url, body, headers });
  };
  const deps = (): OutboxDeps => ({
    db: s.ctx.db,
    clock: () => now,
    mail: { kind: 'dev', send: async () => undefined },
    mailFrom: 'x@y.example',
    postWebhook: poster,
    logger: pino({ level: 'silent' }),
  });
  let secretA = '';

  before(async () => {
    s = await twoMerchants();
    now = s.ctx.services.clock();
    // A review published before any endpoint exists must not be delivered later.
    await publishedReview(s.ctx, s.a.product.id, 4);
    now = new Date(now.getTime() + 1000);
    s.ctx.services.clock = () => now;
  });
  after(() => s.ctx.close());

  it('when a webhook URL is not http(s), then it is refused with a message', async () => {
    const token = await s.managerA.csrf();
    for (const url of ['ftp://shop.example/hook', 'not a url', 'https://user:pw@shop.example/hook', 'javascript:alert(1)']) {
      const res = await s.managerA.agent.post('/merchant/m_test/webhooks').type('form').send({ _csrf: token, url });
      expect(res.status, url).to.equal(422);
      expect(res.text).to.include('http:// or https:// URL');
    }
  });

  it('when both merchants register URLs, then each sees only its own endpoint and secret', async () => {
    const tokenA = await s.managerA.csrf();
    expect(
      (await s.managerA.agent.post('/merchant/m_test/webhooks').type('form').send({ _csrf: tokenA, url: 'https://a.example/hooks/candor' })).status,
    ).to.equal(303);
    const tokenB = await s.managerB.csrf();
    expect(
      (await s.managerB.agent.post('/merchant/m_test_b/webhooks').type('form').send({ _csrf: tokenB, url: 'https://b.example/hooks/candor' })).status,
    ).to.equal(303);
    const page = await s.managerA.agent.get('/merchant/m_test/webhooks');
    secretA = /(whsec_[A-Za-z0-9_-]+)/.exec(page.text)![1]!;
    expect(page.text).to.include('https://a.example/hooks/candor');
    expect(page.text).not.to.include('https://b.example');
  });

  it("when a review is published, then only its merchant's endpoint gets a review.published delivery with a verifiable signature", async () => {
    now = new Date(now.getTime() + 60_000);
    const { reviewId } = await publishedReview(s.ctx, s.a.product.id, 5);
    await drainOutbox(deps());
    expect(deliveries).to.have.length(1);
    const d = deliveries[0]!;
    expect(d.url).to.equal('https://a.example/hooks/candor');
    expect(d.headers['candor-event']).to.equal('review.published');
    const event = JSON.parse(d.body);
    expect(event).to.include({ type: 'review.published' });
    expect(event.data.review).to.include({ id: reviewId, rating: 5, verified_purchase: false });
    expect(event.data.sku).to.equal('TENT');

    // Verified the way a merchant would: HMAC-SHA256 over "t.body" with the secret from the merchant area.
    const sig = d.headers['candor-signature']!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig)!;
    expect(v1).to.equal(createHmac('sha256', secretA).update(`${t}.${d.body}`).digest('hex'));
    expect(verifyWebhookSignature(secretA, sig, d.body, Number(t))).to.equal(true);
    expect(verifyWebhookSignature(secretA, sig, d.body.replace('"rating":5', '"rating":1'), Number(t)), 'tampered body').to.equal(false);
    expect(verifyWebhookSignature('whsec_other', sig, d.body, Number(t)), 'wrong secret').to.equal(false);
    expect(verifyWebhookSignature(secretA, sig, d.body, Number(t) + 3600), 'replayed an hour later').to.equal(false);

    await drainOutbox(deps());
    expect(deliveries, 'no duplicate on the next pass').to.have.length(1);
  });

  it('when the merchant replies, then a reply.published delivery follows', async () => {
    const reviewId = JSON.parse(deliveries[0]!.body).data.review.id;
    const token = await s.managerA.csrf();
    expect((await s.managerA.agent.post(`/merchant/m_test/replies/${reviewId}`).type('form').send({ _csrf: token, body: 'Thank you!' })).status).to.equal(303);
    await drainOutbox(deps());
    expect(deliveries).to.have.length(2);
    const event = JSON.parse(deliveries[1]!.body);
    expect(event.type).to.equal('reply.published');
    expect(event.data.reply.body).to.equal('Thank you!');
  });

  it('when the endpoint fails, then the delivery is retried from the outbox with backoff and shown in the merchant area', async () => {
    failNext = 1;
    now = new Date(now.getTime() + 60_000);
    await publishedReview(s.ctx, s.a.other.id, 3);
    expect((await drainOutbox(deps())).retrying).to.equal(1);
    const page = await s.managerA.agent.get('/merchant/m_test/webhooks');
    expect(page.text).to.include('webhook endpoint answered 503');
    expect((await drainOutbox(deps())).sent, 'not due yet').to.equal(0);
    now = new Date(now.getTime() + 30_000);
    expect((await drainOutbox(deps())).sent).to.equal(1);
    expect(deliveries).to.have.length(3);
    expect(JSON.parse(deliveries[2]!.body).data.sku).to.equal('STOVE');
  });
});
