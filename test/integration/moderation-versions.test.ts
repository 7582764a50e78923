import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { defaultPolicy } from '../../server/integrity/policy.js';
import type { Verdict } from '../../server/integrity/types.js';
import { recordVerdict } from '../../server/storage/review-repo.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, linkedNearDuplicates, moderator, publishedReview, versionOf } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';

const INTEGRITY_DIR = path.resolve(import.meta.dirname, '../../server/integrity');

/** Every signal name the pipeline can emit: the policy's weights plus every literal name passed to signalResult. */
function signalKinds(): string[] {
  const names = new Set(Object.keys(defaultPolicy.weights));
  const files = readdirSync(INTEGRITY_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const source = readFileSync(path.join(INTEGRITY_DIR, file), 'utf8');
    for (const m of source.matchAll(/signalResult\(\s*\w+,\s*'([a-z0-9-]+)'/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

describe('what a moderator decides is what they saw', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let mod: Awaited<ReturnType<typeof moderator>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    mod = await moderator(ctx);
  });
  after(() => ctx.close());

  it('when the author edits a held review after the moderator opened it, then the decision on the old version gets 409 showing the new text and nothing is published', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const page = await mod.agent.get(`/console/items/review/${held.reviewId}`).expect(200);
    const seen = Number(/name="version" value="(\d+)"/.exec(page.text)![1]);
    expect(seen).to.equal(await versionOf(ctx, held.reviewId));

    const csrf = await held.csrf();
    await held.agent
      .post(`/reviews/${held.reviewId}`)
      .type('form')
      .send({
        _csrf: csrf,
        rating: '5',
        title: 'Changed after review',
        body: 'Now this text says <b>something else</b> entirely, written after the moderator looked at it.',
      })
      .expect(303);
    expect(await versionOf(ctx, held.reviewId)).to.be.greaterThan(seen);

    const res = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .type('form')
      .send({ _csrf: await mod.csrf(), action: 'publish', version: String(seen) });
    expect(res.status).to.equal(409);
    expect(res.text).to.include('This item changed after you opened it');
    expect(res.text).to.include('Changed after review');
    // The new text is shown escaped, like every user text.
    expect(res.text).to.include('&lt;b&gt;something else&lt;/b&gt;');
    const json = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'publish', version: seen });
    expect(json.status).to.equal(409);
    expect(json.body.error).to.include('something else');
    const row = (await ctx.db.query<{ status: string }>('SELECT status FROM reviews WHERE id = $1', [held.reviewId])).rows[0]!;
    expect(row.status).to.not.equal('published');
    expect((await ctx.db.query('SELECT 1 FROM moderator_labels WHERE target_id = $1', [held.reviewId])).rows).to.have.length(0);
  });

  it('when a verdict carries evidence of any JSON shape for every signal kind, then the item page renders each of them', async () => {
    const kinds = signalKinds();
    expect(kinds.length).to.be.greaterThan(15);
    expect(kinds).to.include.members(['templated-across-products', 'near-duplicate-text', 'shared-identity']);
    const other = await publishedReview(ctx, { productId: catalog.other.id });
    // Shapes seen in stored verdicts (strings, numbers, {phrase, accounts} objects, id lists, maps) and ones a new
    // signal might record (nested arrays, nulls, booleans, lists of objects where ids were expected).
    const shapes = (i: number): Record<string, unknown> => ({
      sharedPhrases: i % 2 ? [{ phrase: 'bone dry in a storm', accounts: 3 }, 'pitched in five minutes'] : ['bone dry in a storm'],
      reviews: i % 3 ? [other.reviewId, { id: 'r_object', similarity: 0.9 }] : [other.reviewId],
      accounts: i % 2 ? ['a_unknown'] : [{ id: 'a_unknown' }],
      links: { a_unknown: ['ip', 'ua'] },
      excerpt: i % 2 ? 'Leave 5 stars and get a refund <script>x</script>' : 42,
      count: i,
      ratio: 0.125,
      nested: { deep: [1, { deeper: null }, [true, false]] },
      none: null,
      empty: [],
    });
    for (const [i, kind] of kinds.entries()) {
      const held = await heldInsiderReview(ctx, {
        merchantId: catalog.merchant.id,
        productId: catalog.product.id,
        at: new Date(Date.parse('2026-05-21T10:00:00Z') + i * 3_600_000),
        body: `Review number ${i} for the ${kind} check, long enough to be a real review of the tent.`,
      });
      const verdict: Verdict = {
        decision: 'held',
        labels: ['paid'],
        score: 0.9,
        reasons: [
          { signal: kind, family: 'text', label: 'paid', weight: 0.5, summary: `Evidence for ${kind}`, evidence: shapes(i) },
          // An older stored verdict may hold evidence that is not even an object.
          { signal: kind, family: 'text', label: null, weight: 0, summary: 'legacy', evidence: ['x', 1] as unknown as Record<string, unknown> },
        ],
        reopen: [],
        policyVersion: defaultPolicy.version,
        modelVersion: null,
      };
      await recordVerdict(ctx.db, { kind: 'review', id: held.reviewId }, verdict, 'reassessment', new Date('2026-05-22T10:00:00Z'));
      const res = await mod.agent.get(`/console/items/review/${held.reviewId}`);
      expect(res.status, `${kind}: ${res.text.slice(0, 300)}`).to.equal(200);
      expect(res.text).to.include(`<code>${kind}</code>`);
      expect(res.text).to.include('bone dry in a storm');
      expect(res.text).to.not.include('<script>x</script>');
    }
  });

  it('when linked accounts post near-identical text through the pipeline, then the held item page renders their real evidence', async () => {
    const pair = await linkedNearDuplicates(ctx, { productId: catalog.other.id });
    for (const id of [pair.firstId, pair.secondId]) {
      const res = await mod.agent.get(`/console/items/review/${id}`);
      expect(res.status).to.equal(200);
    }
    const signals = (await ctx.db.query<{ reasons: unknown }>('SELECT reasons FROM verdicts WHERE target_id = $1', [pair.secondId])).rows;
    expect(signals.length).to.be.greaterThan(0);
  });
});
