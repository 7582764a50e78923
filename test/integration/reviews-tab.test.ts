import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { addOrder, createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const TEXTS = [
  'The fly pitches first, so the inner stays dry when you set up in rain.',
  'Packed size fits sideways in a 40 litre pack with room to spare.',
  'Two people and two packs is tight; fine for one with gear inside.',
  'The vestibule zip snagged twice on the first night out on the moor.',
  'Condensation was heavy on a still night by the loch, wiped it with a cloth.',
  'Poles feel sturdy and the hubs clip in without any fiddling at all.',
  'Footprint is sold separately which is annoying at this price point.',
  'Kept us warm and dry through a gale on the coastal path in March.',
  'Guy lines tangle easily; I replaced them with reflective cord.',
  'Stakes bent in stony ground, bring a few spare titanium ones.',
  'Colour is darker than the photos, which I actually prefer camping wild.',
  'Set it up in the garden in eight minutes on the first try.',
];

describe('the reviews tab', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  const ratings = [5, 5, 5, 4, 4, 3, 2, 1, 1, 5, 4, 2];

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    for (let i = 0; i < ratings.length; i++) {
      const account = await createAccount(ctx.db, {
        id: `a_tab_${i}`,
        displayName: `Reviewer ${i}`,
        email: `reviewer${i}@home${i}.example`,
        passwordHash: null,
        ip: `81.${10 + i}.${i * 3}.${i + 1}`,
        userAgent: `Browser/${i}.${i * 7}`,
        at: new Date('2025-01-10T10:00:00Z'),
      });
      const orderId = i % 2 === 0 ? await addOrder(ctx.db, account.id, catalog.product.id, catalog.merchant.id, new Date(Date.UTC(2026, 2, 1 + i))) : null;
      await submitReview(deps, {
        productId: catalog.product.id,
        orderId,
        draft: { rating: ratings[i]!, title: `Review number ${i}`, body: TEXTS[i]!, incentive: null },
        post: { accountId: account.id, ip: `81.${10 + i}.${i * 3}.${i + 1}`, userAgent: `Browser/${i}.${i * 7}`, at: new Date(Date.UTC(2026, 3, 1 + i * 2)) },
      });
    }
    await ctx.db.query(`UPDATE reviews SET helpful_count = 50 WHERE title = 'Review number 7'`);
  });
  after(() => ctx.close());

  const titles = (html: string) => [...html.matchAll(/<h3 class="review-title">([^<]+)<\/h3>/g)].map((m) => m[1]);

  it('when a shopper opens the tab, then the summary shows the average, the count and a per-star histogram', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(res.status).to.equal(200);
    const average = (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1);
    expect(res.text).to.include(`${average}<span class="out-of"> / 5</span>`);
    expect(res.text).to.include('12 reviews');
    // What a screen reader says for each histogram link: visible text plus the visually hidden words.
    const spoken = res.text
      .replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ ([:,])/g, '$1');
    expect(spoken).to.include('5 stars: 4 reviews, 33%');
    expect(spoken).to.include('1 star: 2 reviews, 17%');
    expect(spoken).to.include('3 stars: 1 review, 8%');
  });

  it('when sorted by newest, then the first page holds the 10 newest and page 2 the rest', async () => {
    const first = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(titles(first.text)).to.have.length(10);
    expect(titles(first.text)[0]).to.equal('Review number 11');
    const second = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?page=2`);
    expect(titles(second.text)).to.deep.equal(['Review number 1', 'Review number 0']);
    expect(second.text).to.include('Page 2 of 2');
  });

  it('when sorted by lowest, highest or most helpful, then the order follows', async () => {
    const lowest = titles((await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?sort=lowest`)).text);
    expect(lowest.slice(0, 2)).to.have.members(['Review number 7', 'Review number 8']);
    const highest = titles((await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?sort=highest`)).text);
    expect(highest.slice(0, 4)).to.have.members(['Review number 0', 'Review number 1', 'Review number 2', 'Review number 9']);
    const helpful = titles((await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?sort=helpful`)).text);
    expect(helpful[0]).to.equal('Review number 7');
  });

  it('when filtered by stars or verified purchases, then only matching reviews show', async () => {
    const twoStars = titles((await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?stars=2`)).text);
    expect(twoStars).to.have.members(['Review number 6', 'Review number 11']);
    const verified = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?verified=1`);
    expect(titles(verified.text)).to.have.length(6);
    expect(titles(verified.text).every((t) => Number(t!.split(' ')[2]) % 2 === 0)).to.equal(true);
  });

  it('when the page is requested without JavaScript, then every control is a plain link or form', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(res.text).to.include('<form class="review-controls" method="get"');
    expect(res.text).to.include('rel="next"');
    expect(res.text).to.include(`href="/products/${catalog.product.slug}/reviews/new"`);
  });

  it('when an account posts the same text on a second product, then it is held, and only its author sees it with the reason', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const body = 'Absolutely brilliant piece of kit, I use it every weekend and it never lets me down, buy it now.';
    const first = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 5, title: 'Brilliant', body });
    expect(first.body.status).to.equal('published');
    const second = await agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 5, title: 'Brilliant', body });
    expect(second.body.status).to.not.equal('published');
    expect(second.body.labels).to.include('duplicate');
    const own = await agent.get(`/products/${catalog.other.slug}/reviews`);
    expect(own.text).to.include('Only you can see this review');
    expect(own.text).to.match(/This account already posted (exactly|nearly)/);
    const account = await agent.get('/account');
    expect(account.text).to.match(/Held for a moderator|Not published/);
    const stranger = await request(ctx.app).get(`/products/${catalog.other.slug}/reviews`);
    expect(stranger.text).to.not.include('never lets me down');
    const other = await signedInAgent(ctx);
    expect((await other.agent.get(`/products/${catalog.other.slug}/reviews`)).text).to.not.include('never lets me down');
  });

  it('when an account posts reviews faster than a person could write them, then the later ones are held', async () => {
    const account = await createAccount(ctx.db, {
      id: 'a_fast',
      displayName: 'Fast',
      email: 'fast@fast.example',
      passwordHash: null,
      ip: '81.200.1.1',
      userAgent: 'Fast/1',
      at: new Date('2025-01-01T00:00:00Z'),
    });
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    const decisions: string[] = [];
    for (let i = 0; i < 8; i++) {
      const product = `p_fast_${i}`;
      await ctx.db.query(`INSERT INTO products (id, merchant_id, slug, sku, name) VALUES ($1, $2, $1, $1, $1)`, [product, catalog.merchant.id]);
      const result = await submitReview(deps, {
        productId: product,
        draft: { rating: 4, title: `Quick ${i}`, body: `${TEXTS[i]} Also item ${i} arrived in a box of a different colour ${i * 13}.`, incentive: null },
        post: { accountId: account.id, ip: '81.200.1.1', userAgent: 'Fast/1', at: new Date(Date.UTC(2026, 4, 1, 12, 0, i * 10)) },
      });
      decisions.push(result.verdict.decision);
      if (i > 2) expect(result.verdict.reasons.map((r) => r.signal).join(' ')).to.match(/rate|fast|speed|burst/i);
    }
    expect(decisions[0]).to.equal('published');
    expect(decisions.slice(3).every((d) => d !== 'published')).to.equal(true);
  });

  it('when the same review is posted at 1 star and at 5 stars by otherwise identical accounts, then both get the same verdict', async () => {
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    const verdicts = [];
    for (const rating of [1, 5]) {
      const account = await createAccount(ctx.db, {
        id: `a_rating_${rating}`,
        displayName: 'R',
        email: `rating${rating}@r${rating}.example`,
        passwordHash: null,
        ip: `62.1.${rating}.9`,
        userAgent: `RatingBrowser/${rating}`,
        at: new Date('2024-06-01T00:00:00Z'),
      });
      const result = await submitReview(deps, {
        productId: catalog.other.id,
        draft: {
          rating,
          title: 'My honest view',
          body: `Used the stove on ${rating === 1 ? 'a cold' : 'a chilly'} trip in the hills for a week of cooking.`,
          incentive: null,
        },
        post: { accountId: account.id, ip: `62.1.${rating}.9`, userAgent: `RatingBrowser/${rating}`, at: new Date(Date.UTC(2026, 4, 20 + rating)) },
      });
      verdicts.push(result.verdict.decision);
    }
    expect(verdicts).to.deep.equal(['published', 'published']);
  });
});
