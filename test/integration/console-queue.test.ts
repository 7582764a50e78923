import { expect } from 'chai';
import { insertMerchant, insertProduct } from '../../server/storage/catalog-repo.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';
import { heldInsiderComment, heldInsiderReview, hoursAfter, moderator, publishedReview, report } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';

describe('console queue', () => {
  let ctx: TestContext;
  let mod: Awaited<ReturnType<typeof moderator>>;
  const ids: Record<string, string> = {};
  const NOW = new Date('2026-06-01T12:00:00Z');

  before(async () => {
    ctx = await createTestContext({ now: NOW });
    const a = await seedCatalog(ctx.db);
    await insertMerchant(ctx.db, { id: 'm_other', slug: 'other-shop', name: 'Other Shop', domain: 'other.example' });
    await insertProduct(ctx.db, {
      id: 'p_kettle',
      merchantId: 'm_other',
      slug: 'kettle',
      sku: 'KETTLE',
      name: 'Kettle',
      description: 'A kettle.',
      category: 'kitchen',
      url: null,
    });
    ids.old = (await heldInsiderReview(ctx, { merchantId: a.merchant.id, productId: a.product.id, at: hoursAfter(NOW, -24 * 20) })).reviewId;
    ids.recent = (
      await heldInsiderReview(ctx, {
        merchantId: 'm_other',
        productId: 'p_kettle',
        at: hoursAfter(NOW, -2),
        title: 'Kettle is great',
        body: 'Boils a full litre in under two minutes and the handle never gets hot to the touch.',
      })
    ).reviewId;
    const pub = await publishedReview(ctx, { productId: a.other.id, at: hoursAfter(NOW, -48) });
    ids.published = pub.reviewId;
    await report(ctx, pub.reviewId, 'offensive');
    await report(ctx, pub.reviewId, 'fake');
    ids.comment = (await heldInsiderComment(ctx, { merchantId: a.merchant.id, reviewId: pub.reviewId, at: hoursAfter(NOW, -1) })).commentId;
    mod = await moderator(ctx);
  });
  after(() => ctx.close());

  const queue = async (query: string) => (await mod.agent.get(`/console${query}`).set('accept', JSON_ACCEPT).expect(200)).body;

  it('when the queue opens, then held reviews are listed newest first with counts for every tab', async () => {
    const body = await queue('');
    expect(body.tab).to.equal('reviews');
    expect(body.items.map((i: { id: string }) => i.id)).to.deep.equal([ids.recent, ids.old]);
    expect(body.counts).to.deep.equal({ reviews: 2, comments: 1, reports: 1, appeals: 0 });
  });

  it('when sorted by score, then the highest combined score comes first', async () => {
    // Both insiders score alike; spread them so the order is observable.
    await ctx.db.query('UPDATE reviews SET score = CASE WHEN id = $1 THEN 0.99 ELSE 0.4 END WHERE id = ANY($2::text[])', [ids.old, [ids.old, ids.recent]]);
    const body = await queue('?sort=score');
    expect(body.items[0].id).to.equal(ids.old);
  });

  it('when filtered by merchant, product, label or age, then only matching items are listed and the counts follow the filters', async () => {
    expect((await queue('?merchant=m_other')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.recent]);
    expect((await queue('?product=p_tent')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.old]);
    expect((await queue('?label=insider')).items).to.have.length(2);
    expect((await queue('?label=paid')).items).to.have.length(0);
    expect((await queue('?age=day')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.recent]);
    expect((await queue('?age=older')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.old]);
    expect((await queue('?age=week')).counts.reviews).to.equal(1);
  });

  it('when the comments tab opens, then held comments are listed', async () => {
    const body = await queue('?tab=comments');
    expect(body.items.map((i: { id: string }) => i.id)).to.deep.equal([ids.comment]);
    expect(body.items[0].kind).to.equal('comment');
  });

  it('when the reports tab opens, then reported published content is listed once with its report count and reasons', async () => {
    const body = await queue('?tab=reports&sort=score');
    expect(body.items).to.have.length(1);
    expect(body.items[0]).to.include({ id: ids.published, reportCount: 2 });
    expect(body.items[0].reportReasons).to.deep.equal(['fake', 'offensive']);
  });

  it('when the queue page is rendered, then it shows tabs with counts, filters, keyboard hints and CSRF-protected decision forms', async () => {
    const res = await mod.agent.get('/console');
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/Held reviews <span class="count" data-count="reviews">2<\/span>/);
    expect(res.text).to.include('name="merchant"');
    expect(res.text).to.include('name="age"');
    expect(res.text).to.match(/<script src="\/assets\/\w+\/console\.js" defer><\/script>/);
    expect(res.text).to.match(/href="\/assets\/\w+\/console\.css"/);
    const forms = res.text.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
    expect(forms.length).to.be.greaterThan(0);
    for (const form of forms) expect(form).to.include('name="_csrf"');
    expect(res.text).not.to.match(/style="/);
    expect(res.text).not.to.match(/<script>(?!<\/script>)/);
  });

  it('when a filter value is malformed, then the answer is 422 with a message', async () => {
    const res = await mod.agent.get('/console?age=forever').set('accept', JSON_ACCEPT);
    expect(res.status).to.equal(422);
    expect(res.body.details.join(' ')).to.include('age');
  });
});
