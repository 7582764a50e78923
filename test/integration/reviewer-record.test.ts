import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { setHelpfulVote } from '../../server/reviews/helpful-vote.js';
import { loadReviewsTab } from '../../server/reviews/reviews-tab.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import type { Database } from '../../server/storage/database.js';
import { addOrder, createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const TEXTS = [
  'The fly pitches first, so the inner stays dry when you set up in rain.',
  'The burner simmers low enough for porridge without scorching the pan.',
  'Packed size fits sideways in a 40 litre pack with room to spare.',
  'Lit first time at altitude and boiled a litre in under four minutes.',
  'Guy lines tangle easily; I replaced them with reflective cord.',
  'Stakes bent in stony ground, bring a few spare titanium ones.',
  'Colour is darker than the photos, which I actually prefer camping wild.',
  'Set it up in the garden in eight minutes on the first try.',
  'Condensation was heavy on a still night by the loch, wiped it with a cloth.',
  'Poles feel sturdy and the hubs clip in without any fiddling at all.',
  'Kept us warm and dry through a gale on the coastal path in March.',
  'The vestibule zip snagged twice on the first night out on the moor.',
  'Footprint is sold separately which is annoying at this price point.',
  'Two people and two packs is tight; fine for one with gear inside.',
  'Pitched it on a campsite in Wales, the ventilation kept frost off the inner.',
  'The carry bag has compression straps, which made cycling with it easy.',
  'Pegs are aluminium hooks; on soft grass they held through a windy night.',
  'My daughter and I used it at a festival and it stayed clean and quiet.',
];

/** Counts the statements a use case sends, without changing what they do. */
function countingDatabase(db: Database): { db: Database; count: () => number } {
  let n = 0;
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === 'query') {
        return (...args: Parameters<Database['query']>) => {
          n++;
          return target.query(...args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: wrapped, count: () => n };
}

describe('the reviewer track record and profile', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let second: Awaited<ReturnType<typeof seedCatalog>>;
  let text = 0;
  let person = 0;
  const at = (day: number) => new Date(Date.UTC(2026, 3, day, 10));
  const deps = () => ({ db: ctx.db, integrity: ctx.services.integrity });

  const newAccount = async (name: string, created = new Date('2025-02-14T09:00:00Z')) => {
    person++;
    return createAccount(ctx.db, {
      displayName: name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@home${person}.example`,
      passwordHash: null,
      ip: `82.${20 + person}.${person * 3}.${person + 1}`,
      userAgent: `Browser/${person}.${person * 7}`,
      at: created,
    });
  };
  const post = async (accountId: string, productId: string, merchantId: string, opts: { verified?: boolean; day: number; rating?: number }) => {
    const orderId = opts.verified ? await addOrder(ctx.db, accountId, productId, merchantId, at(opts.day - 1)) : null;
    const n = text++;
    const result = await submitReview(deps(), {
      productId,
      orderId,
      draft: { rating: opts.rating ?? 4, title: `Review text ${n}`, body: TEXTS[n]!, incentive: null },
      post: { accountId, ip: `83.${30 + n}.${n * 5}.${n + 2}`, userAgent: `Browser/${n}.${n * 3}`, at: at(opts.day) },
    });
    expect(result.verdict.decision, `review ${n}`).to.equal('published');
    return result.reviewId;
  };
  const vote = async (reviewId: string, day: number) => {
    const voter = await newAccount(`Voter ${person + 1}`, new Date('2024-06-01T00:00:00Z'));
    await setHelpfulVote(ctx.db, {
      reviewId,
      helpful: true,
      post: { accountId: voter.id, ip: `90.${person}.${person * 2}.${person + 3}`, userAgent: `VoterBrowser/${person}`, device: `dev-${person}`, at: at(day) },
    });
  };
  const tab = (slug = catalog.product.slug) => request(ctx.app).get(`/products/${slug}/reviews`);
  const recordOf = (html: string, reviewId: string) => {
    const card = html.slice(html.indexOf(`id="review-${reviewId}"`));
    const match = /<p class="reviewer-record"[^>]*>([\s\S]*?)<\/p>/.exec(card.slice(0, card.indexOf('</li>') + 1 || undefined));
    return match
      ? match[1]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      : null;
  };

  let alice: { id: string };
  let aliceTentReview: string;
  let aliceHeldReview: string;

  before(async () => {
    ctx = await createTestContext({ now: new Date('2026-05-01T12:00:00Z') });
    catalog = await seedCatalog(ctx.db);
    second = await seedCatalog(ctx.db, '2');
    alice = await newAccount('Alice Walker', new Date('2024-03-05T08:00:00Z'));
    aliceTentReview = await post(alice.id, catalog.product.id, catalog.merchant.id, { verified: true, day: 2 });
    await post(alice.id, catalog.other.id, catalog.merchant.id, { day: 3 });
    aliceHeldReview = await post(alice.id, second.product.id, second.merchant.id, { verified: true, day: 4 });
    await vote(aliceTentReview, 5);
    await vote(aliceTentReview, 6);
    await vote(aliceHeldReview, 7);
    // A moderator holds the third review after it collected a vote: neither it nor its vote may count any more.
    await ctx.db.query(`UPDATE reviews SET status = 'held' WHERE id = $1`, [aliceHeldReview]);
  });
  after(() => ctx.close());

  it('when a shopper opens the tab, then each review shows its author’s figures from published reviews only', async () => {
    const res = await tab();
    expect(res.status).to.equal(200);
    const record = recordOf(res.text, aliceTentReview);
    expect(record).to.include('Member since Mar 2024');
    expect(record).to.include('2 published reviews');
    expect(record).to.include('50% verified purchases');
    expect(record).to.include('2 helpful votes received');
    expect(res.text).to.include(`href="/reviewers/${alice.id}"`);
  });

  it('when the author publishes elsewhere or gets a vote, then the cached tab shows the new figures at once', async () => {
    const first = await tab();
    expect(recordOf(first.text, aliceTentReview)).to.include('2 published reviews');
    await post(alice.id, second.other.id, second.merchant.id, { verified: true, day: 8 });
    await vote(aliceTentReview, 9);
    const after = await tab();
    const record = recordOf(after.text, aliceTentReview);
    expect(record).to.include('3 published reviews');
    expect(record).to.include('67% verified purchases');
    expect(record).to.include('3 helpful votes received');
  });

  it('when anyone opens the profile, then it lists the published reviews and never the held one', async () => {
    const res = await request(ctx.app).get(`/reviewers/${alice.id}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Reviews by Alice Walker');
    expect(res.text).to.include(`id="review-${aliceTentReview}"`);
    expect(res.text).not.to.include(`id="review-${aliceHeldReview}"`);
    expect(res.text).not.to.include(TEXTS[2]!);
    expect((res.text.match(/<li class="review"/g) ?? []).length).to.equal(3);
    expect(res.text).to.match(/<dt>Published reviews<\/dt><dd>3<\/dd>/);
  });

  it('when the id is unknown, malformed or has nothing published, then the profile is a 404', async () => {
    expect((await request(ctx.app).get('/reviewers/a_nobody_here')).status).to.equal(404);
    expect((await request(ctx.app).get('/reviewers/%3Cscript%3E')).status).to.equal(404);
    const quiet = await newAccount('Quiet Person');
    expect((await request(ctx.app).get(`/reviewers/${quiet.id}`)).status).to.equal(404);
  });

  it('when the account was deleted, then its profile is a 404 and the tab shows no record or link for it', async () => {
    const bob = await newAccount('Bob Gone');
    const bobReview = await post(bob.id, catalog.product.id, catalog.merchant.id, { day: 10 });
    expect((await request(ctx.app).get(`/reviewers/${bob.id}`)).status).to.equal(200);
    expect(recordOf((await tab()).text, bobReview)).to.include('1 published review');
    await ctx.db.query(`UPDATE accounts SET deleted_at = $2 WHERE id = $1`, [bob.id, new Date('2026-04-20T00:00:00Z')]);
    expect((await request(ctx.app).get(`/reviewers/${bob.id}`)).status).to.equal(404);
    const page = await tab();
    expect(recordOf(page.text, bobReview)).to.equal(null);
    expect(page.text).not.to.include(`/reviewers/${bob.id}`);
  });

  it('when the API lists reviews, then each carries its author’s record, and a deleted author’s is null', async () => {
    const res = await request(ctx.app).get(`/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`);
    expect(res.status).to.equal(200);
    const byId = new Map(res.body.reviews.map((r: { id: string; reviewer: unknown }) => [r.id, r.reviewer]));
    expect(byId.get(aliceTentReview)).to.deep.equal({
      profile_url: `${ctx.services.config.publicUrl.replace(/\/$/, '')}/reviewers/${alice.id}`,
      member_since: '2024-03-05T08:00:00.000Z',
      published_reviews: 3,
      verified_share: 0.667,
      helpful_votes: 3,
    });
    expect([...byId.values()]).to.include(null);
  });

  it('when a page holds ten reviews by ten reviewers, then loading it sends as many queries as for one reviewer', async () => {
    const lone = await seedCatalog(ctx.db, '3');
    const writer = await newAccount('Lone Writer');
    await post(writer.id, lone.product.id, lone.merchant.id, { day: 11 });
    const busy = await seedCatalog(ctx.db, '4');
    for (let i = 0; i < 10; i++) {
      const account = await newAccount(`Crowd ${i}`);
      await post(account.id, busy.product.id, busy.merchant.id, { day: 12 + i * 2, rating: 2 + (i % 4) });
    }
    const load = async (slug: string) => {
      const counting = countingDatabase(ctx.db);
      const loaded = await loadReviewsTab(counting.db, { slug, viewerId: null, sort: 'newest', stars: null, verifiedOnly: false, page: 1 });
      return { reviews: loaded.reviews.length, queries: counting.count() };
    };
    const one = await load(lone.product.slug);
    const many = await load(busy.product.slug);
    expect(one.reviews).to.equal(1);
    expect(many.reviews).to.equal(10);
    expect(many.queries).to.equal(one.queries);
  });
});
