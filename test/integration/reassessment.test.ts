import { expect } from 'chai';
import { createAccount } from '../../server/accounts/accounts.js';
import { drainReassessments } from '../../server/reviews/integrity-gate.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { appendAudit } from '../../server/storage/audit-repo.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const RING_TEXTS = [
  'Best tent I have ever owned, bone dry in a storm and pitched in five minutes, worth every single penny',
  'Best tent I have ever owned! Bone dry in a storm, pitched in five minutes, worth every penny',
  'This is the best tent I have ever owned, bone dry in a storm and pitched in five minutes. Worth every penny',
];

async function postRing(ctx: TestContext, productId: string, prefix: string, beforeEach?: (i: number, reviewIds: string[]) => Promise<void>) {
  const deps = { db: ctx.db, integrity: ctx.services.integrity };
  const base = Date.parse('2026-05-10T20:00:00Z');
  const results = [];
  for (let i = 0; i < RING_TEXTS.length; i++) {
    await beforeEach?.(
      i,
      results.map((r) => r.reviewId),
    );
    const account = await createAccount(ctx.db, {
      id: `${prefix}_${i}`,
      displayName: `Happy camper ${i}`,
      email: `${prefix}.camper${i}@quickmail.example`,
      passwordHash: null,
      ip: `203.0.113.${prefix.length + 70}`,
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0.1.2',
      at: new Date(base - 30 * 60_000 + i * 5 * 60_000),
    });
    results.push(
      await submitReview(deps, {
        productId,
        draft: { rating: 5, title: 'Amazing', body: RING_TEXTS[i]!, incentive: null },
        post: {
          accountId: account.id,
          ip: `203.0.113.${prefix.length + 70}`,
          userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0.1.2',
          at: new Date(base + i * 15 * 60_000),
        },
      }),
    );
    // The background worker's turn (it never runs inside the poster's request).
    await drainReassessments(ctx.db, ctx.services.integrity, new Date(base + i * 15 * 60_000));
  }
  return results;
}

describe('later evidence re-opens earlier verdicts', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    await createAccount(ctx.db, {
      id: 'a_moderator_test',
      displayName: 'Mod',
      email: 'mod@candor.example',
      passwordHash: null,
      role: 'moderator',
      ip: null,
      userAgent: null,
      at: new Date('2024-01-01T00:00:00Z'),
    });
  });
  after(() => ctx.close());

  it('when a ring becomes visible, then its earlier published review is moved to held with the reason and an audit entry', async () => {
    const results = await postRing(ctx, catalog.product.id, 'a_ring');
    expect(results[0]!.verdict.decision).to.equal('published');
    expect(results[1]!.verdict.decision).to.equal('held');
    expect(results[1]!.verdict.reopen).to.include(results[0]!.reviewId);

    const first = (await ctx.db.query<{ status: string; labels: string[] }>('SELECT status, labels FROM reviews WHERE id = $1', [results[0]!.reviewId]))
      .rows[0]!;
    expect(first.status).to.equal('held');
    expect(first.labels).to.include('sockpuppet');
    const audit = (
      await ctx.db.query<{ action: string; before_state: string; after_state: string; reason: string; actor_id: string | null }>(
        'SELECT action, before_state, after_state, reason, actor_id FROM audit_log WHERE target_id = $1 ORDER BY id',
        [results[0]!.reviewId],
      )
    ).rows;
    expect(audit.map((a) => a.action)).to.deep.equal(['integrity.submit', 'integrity.reassessment']);
    expect(audit[1]).to.include({ before_state: 'published', after_state: 'held', actor_id: null });
    expect(audit[1]!.reason).to.match(/sockpuppet/);
    const verdicts = (
      await ctx.db.query<{ trigger: string; decision: string }>('SELECT trigger, decision FROM verdicts WHERE target_id = $1 ORDER BY id', [
        results[0]!.reviewId,
      ])
    ).rows;
    expect(verdicts).to.deep.equal([
      { trigger: 'submit', decision: 'published' },
      { trigger: 'reassessment', decision: 'held' },
    ]);
    const jobs = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reassessment_jobs WHERE done_at IS NULL')).rows[0]!.n;
    expect(jobs).to.equal(0);
  });

  it('when a moderator has already decided a review, then later evidence does not overrule them', async () => {
    // A database of its own: the first ring must not already be known.
    const own = await createTestContext();
    try {
      const ownCatalog = await seedCatalog(own.db);
      await createAccount(own.db, {
        id: 'a_moderator_test',
        displayName: 'Mod',
        email: 'mod@candor.example',
        passwordHash: null,
        role: 'moderator',
        ip: null,
        userAgent: null,
        at: new Date('2024-01-01T00:00:00Z'),
      });
      const results = await postRing(own, ownCatalog.product.id, 'a_decided', async (i, ids) => {
        // A moderator looked at the first review and published it before the rest of the ring arrived.
        if (i === 1) {
          await appendAudit(own.db, {
            at: new Date('2026-05-10T20:05:00Z'),
            actorId: 'a_moderator_test',
            action: 'moderator.publish',
            targetKind: 'review',
            targetId: ids[0]!,
            beforeState: 'published',
            afterState: 'published',
            reason: 'looked genuine',
          });
        }
      });
      expect(results[1]!.verdict.decision).to.equal('held');
      const first = (await own.db.query<{ status: string }>('SELECT status FROM reviews WHERE id = $1', [results[0]!.reviewId])).rows[0]!;
      expect(first.status).to.equal('published');
    } finally {
      await own.close();
    }
  });
});
