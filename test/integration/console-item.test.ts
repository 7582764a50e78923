import { expect } from 'chai';
import { highlightFields } from '../../server/moderation/highlight.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { deps, heldInsiderReview, linkedNearDuplicates, moderator, T0 } from './console-fixtures.js';

function decodeEntities(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}

describe('console item view', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let mod: Awaited<ReturnType<typeof moderator>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    mod = await moderator(ctx);
  });
  after(() => ctx.close());

  it('when a moderator opens a held near-duplicate, then the resembling review, the marked shared phrases, the linked account and what links them are shown', async () => {
    const pair = await linkedNearDuplicates(ctx, { productId: catalog.product.id });
    const res = await mod.agent.get(`/console/items/review/${pair.secondId}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Reviews it resembles (1)');
    expect(res.text).to.include(`/console/items/review/${pair.firstId}`);
    expect(res.text).to.include('<mark>my whole family loves sleeping in it every weekend and I recommend it to everyone</mark>');
    expect(res.text).to.include('Same IP address: <code>192.0.2.44</code>');
    expect(res.text).to.include('Same subnet: <code>192.0.2.0/24</code>');
    expect(res.text).to.include('(created together)');
    expect(res.text).to.include('E-mail pattern');
    expect(res.text).to.include('<svg');
    expect(res.text).to.include('Rating timeline');
  });

  it('when a moderator opens a held item, then every value every signal recorded as evidence appears on the page', async () => {
    const pair = await linkedNearDuplicates(ctx, { productId: catalog.other.id, at: new Date('2026-05-25T10:00:00Z') });
    const json = (await mod.agent.get(`/console/items/review/${pair.secondId}`).set('accept', 'application/json').expect(200)).body;
    const html = decodeEntities((await mod.agent.get(`/console/items/review/${pair.secondId}`)).text);
    const reasons = json.verdict.reasons as { signal: string; summary: string; evidence: Record<string, unknown> }[];
    expect(reasons.length).to.be.greaterThan(1);
    const leaves = (v: unknown): string[] =>
      v === null || v === undefined
        ? []
        : Array.isArray(v)
          ? v.flatMap(leaves)
          : typeof v === 'object'
            ? Object.entries(v as object).flatMap(([k, x]) => [k, ...leaves(x)])
            : [String(v)];
    for (const r of reasons) {
      expect(html, r.signal).to.include(r.signal);
      expect(html, r.signal).to.include(r.summary);
      for (const [key, value] of Object.entries(r.evidence)) {
        expect(html, `${r.signal}.${key}`).to.include(`<dt>${key}</dt>`);
        for (const leaf of leaves(value)) expect(html, `${r.signal}.${key} = ${leaf}`).to.include(leaf);
      }
    }
  });

  it('when an insider or a rating-conditioned reward is held, then the evidence is quoted', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const insider = await mod.agent.get(`/console/items/review/${held.reviewId}`);
    expect(insider.text).to.include('Incentive and insider evidence');
    expect(decodeEntities(insider.text)).to.include("The author is declared staff of this product's merchant.");
    expect(insider.text).to.include('declared staff of Test Shop');

    const author = await signedInAgent(ctx);
    const result = await submitReview(deps(ctx), {
      productId: catalog.other.id,
      draft: {
        rating: 5,
        title: 'Five stars as agreed',
        body: 'The seller promised a full refund if I leave a 5 star review, so here it is. The stove works fine.',
        incentive: null,
      },
      post: { accountId: author.account.id, ip: '10.99.1.1', userAgent: 'Quote/1', at: T0 },
    });
    expect(result.verdict.decision).to.equal('held');
    const page = decodeEntities((await mod.agent.get(`/console/items/review/${result.reviewId}`)).text);
    const excerpt = result.verdict.reasons.find((r) => r.signal === 'rating-conditioned-reward')!.evidence.excerpt as string;
    expect(page).to.include(`<blockquote>“${excerpt}”</blockquote>`);
  });

  it('when user text contains markup, then the item view escapes it', async () => {
    const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
    const result = await submitReview(deps(ctx), {
      productId: catalog.other.id,
      draft: {
        rating: 4,
        title: '<script>alert(1)</script>',
        body: 'Nice <img src=x onerror=alert(2)> stove, really works well for two people on long trips.',
        incentive: null,
      },
      post: { accountId: staff.account.id, ip: '10.98.1.1', userAgent: 'Esc/1', at: T0 },
    });
    const res = await mod.agent.get(`/console/items/review/${result.reviewId}`);
    expect(res.text).not.to.include('<script>alert(1)</script>');
    expect(res.text).not.to.include('<img src=x');
    expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    const queue = await mod.agent.get('/console');
    expect(queue.text).not.to.include('<script>alert(1)</script>');
  });

  it('when a phrase runs from the title into the body, then both parts are marked and the text is unchanged', () => {
    const out = highlightFields('Amazing tent!', 'Honestly the best, really.', ['amazing tent honestly the best']);
    expect(out.title.map((s) => s.text).join('')).to.equal('Amazing tent!');
    expect(out.body.map((s) => s.text).join('')).to.equal('Honestly the best, really.');
    expect(out.title.filter((s) => s.mark).map((s) => s.text)).to.deep.equal(['Amazing tent!']);
    expect(out.body.filter((s) => s.mark).map((s) => s.text)).to.deep.equal(['Honestly the best']);
  });
});
