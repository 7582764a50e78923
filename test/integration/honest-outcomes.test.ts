import { expect } from 'chai';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const JSON_ACCEPT = 'application/json';
const BODY = 'Pitched it in the garden first; it held up through two nights of steady rain without a drop inside.';

async function reviewCount(ctx: TestContext, accountId: string): Promise<number> {
  return Number((await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [accountId])).rows[0]!.n);
}

describe('honest outcomes: retries and conflicts', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  it('when the review form is sent twice with its key (a retry after a timeout), then one review is stored and the retry gets the first outcome', async () => {
    const author = await signedInAgent(ctx);
    const form = await author.agent.get(`/products/${catalog.product.slug}/reviews/new`).expect(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.text)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const post = () =>
      author.agent
        .post(`/products/${catalog.product.slug}/reviews`)
        .type('form')
        .send({ _csrf: csrf, idempotencyKey: key, rating: '4', title: 'Dry through the rain', body: BODY });
    const first = await post();
    expect(first.status).to.equal(303);
    const second = await post();
    expect(second.status).to.equal(303);
    expect(second.headers.location).to.equal(first.headers.location);
    expect(second.headers['idempotent-replayed']).to.equal('true');
    expect(await reviewCount(ctx, author.account.id)).to.equal(1);
    // A new rendering of the form carries a new key.
    const again = await author.agent.get(`/products/${catalog.other.slug}/reviews/new`).expect(200);
    expect(/name="idempotencyKey" value="([^"]+)"/.exec(again.text)![1]).to.not.equal(key);
  });

  it('when a JSON client repeats a post with the same Idempotency-Key, then it gets the same review and status; the key on another product is refused', async () => {
    const author = await signedInAgent(ctx);
    const key = 'client-key-0001';
    const send = (slug: string) =>
      author.agent
        .post(`/products/${slug}/reviews`)
        .set('accept', JSON_ACCEPT)
        .set('Idempotency-Key', key)
        .send({ _csrf: undefined, rating: 5, title: 'Solid', body: BODY });
    const csrf = await author.csrf();
    const post = (slug: string) => send(slug).send({ _csrf: csrf });
    const first = await post(catalog.product.slug);
    expect(first.status, first.text).to.equal(201);
    const second = await post(catalog.product.slug);
    expect(second.status).to.equal(201);
    expect(second.body).to.deep.equal(first.body);
    expect(await reviewCount(ctx, author.account.id)).to.equal(1);
    const misuse = await post(catalog.other.slug);
    expect(misuse.status).to.equal(409);
    expect(await reviewCount(ctx, author.account.id)).to.equal(1);
    const bad = await author.agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('accept', JSON_ACCEPT)
      .set('Idempotency-Key', 'no spaces allowed here')
      .send({ _csrf: csrf, rating: 5, title: 'Solid', body: BODY });
    expect(bad.status).to.be.within(400, 422);
    expect(await reviewCount(ctx, author.account.id)).to.equal(1);
  });

  for (const [code, what] of [
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
  ] as const) {
    it(`when the database aborts a post with a ${what} (${code}), then the server retries it and the post succeeds once`, async () => {
      const seq = `fail_once_${code.toLowerCase()}`;
      // The first insert of a review fails the way PostgreSQL reports a lost lock race; a sequence is not rolled
      // back, so the second attempt passes.
      await ctx.db.query(`CREATE SEQUENCE ${seq}`);
      await ctx.db.query(`CREATE FUNCTION ${seq}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('${seq}') = 1 THEN RAISE EXCEPTION 'forced ${what}' USING ERRCODE = '${code}'; END IF;
          RETURN NEW;
        END $$`);
      await ctx.db.query(`CREATE TRIGGER ${seq} BEFORE INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION ${seq}()`);
      try {
        const author = await signedInAgent(ctx);
        const res = await author.agent
          .post(`/products/${catalog.product.slug}/reviews`)
          .set('accept', JSON_ACCEPT)
          .send({ _csrf: await author.csrf(), rating: 3, title: 'Retried', body: BODY });
        expect(res.status, res.text).to.equal(201);
        expect(await reviewCount(ctx, author.account.id)).to.equal(1);
        const attempts = Number((await ctx.db.query<{ n: number }>(`SELECT last_value::int AS n FROM ${seq}`)).rows[0]!.n);
        expect(attempts).to.equal(2);
        const verdicts = await ctx.db.query('SELECT 1 FROM verdicts WHERE target_id = $1', [res.body.id]);
        expect(verdicts.rows).to.have.length(1);
      } finally {
        await ctx.db.query(`DROP TRIGGER ${seq} ON reviews`);
      }
    });
  }
});
