import { expect } from 'chai';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import { textStatKeys } from '../../server/integrity/text-fingerprint.js';
import { loadTextKeyStats } from '../../server/storage/text-stats-repo.js';

const FIRST = { title: 'Okay tent', body: 'Fine for summer but the flysheet flaps a lot in strong wind at night.' };
const SECOND = { title: 'Worse in autumn', body: 'After a windy autumn weekend two pegs bent and the flysheet tore at a seam.' };

describe('text key statistics in storage', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  const scopeDocs = async (scope: string) =>
    (await ctx.db.query<{ docs: number }>('SELECT docs FROM text_scope_docs WHERE scope = $1', [scope])).rows[0]?.docs ?? 0;

  it('when a review is posted and then edited, then its keys are counted once in its product and category, the old text taken out, and a re-check does not count the review itself', async () => {
    const productId = catalog.product.id;
    const before = await scopeDocs(`p:${productId}`);
    const { agent, csrf } = await signedInAgent(ctx);
    const created = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 3, ...FIRST });
    expect(created.status).to.equal(201);
    const id = created.body.id as string;
    const firstKeys = textStatKeys(`${FIRST.title}\n${FIRST.body}`, defaultPolicy.text.chance);
    const secondKeys = textStatKeys(`${SECOND.title}\n${SECOND.body}`, defaultPolicy.text.chance);
    const onlyFirst = firstKeys.find((k) => !secondKeys.includes(k))!;
    const shared = firstKeys.find((k) => secondKeys.includes(k));
    expect(await scopeDocs(`p:${productId}`)).to.equal(before + 1);
    let stats = await loadTextKeyStats(ctx.db, 'not-this-review', productId, firstKeys);
    expect(stats.productKeyDocs[onlyFirst]).to.equal(1);
    // A re-check of the review itself sees the other reviews only.
    stats = await loadTextKeyStats(ctx.db, id, productId, firstKeys);
    expect(stats.productDocs).to.equal(before);
    expect(stats.productKeyDocs[onlyFirst] ?? 0).to.equal(0);

    const edited = await agent
      .post(`/reviews/${id}`)
      .set('Accept', 'application/json')
      .send({ _csrf: await csrf(), rating: 2, ...SECOND });
    expect(edited.status).to.equal(200);
    expect(await scopeDocs(`p:${productId}`)).to.equal(before + 1);
    stats = await loadTextKeyStats(ctx.db, 'not-this-review', productId, [...firstKeys, ...secondKeys]);
    expect(stats.productKeyDocs[onlyFirst] ?? 0).to.equal(0);
    expect(stats.productKeyDocs[secondKeys[0]!]).to.equal(1);
    if (shared) expect(stats.productKeyDocs[shared]).to.equal(1);
    expect(stats.category).to.be.a('string');
    expect(stats.categoryDocs).to.be.at.least(stats.productDocs);
  });
});
