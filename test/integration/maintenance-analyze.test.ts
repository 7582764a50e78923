import { expect } from 'chai';
import { createAccount } from '../../server/accounts/accounts.js';
import { outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { openPostgres, type Database } from '../../server/storage/database.js';
import { ANALYZED_REVIEWS_SETTING, analyzeIfGrown, type AnalyzeRule } from '../../server/storage/maintenance-repo.js';
import { insertPendingReview } from '../../server/storage/review-repo.js';
import { startBackgroundWorker } from '../../server/workers/background-worker.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const DAY = 86_400_000;
// Small numbers, so a test grows the data past them with a handful of reviews.
const RULE: AnalyzeRule = { minReviews: 3, growth: 1.5 };

// The server takes the planner statistics again as the data grows (PGlite has no autovacuum), one process at a time.
describe('maintenance: planner statistics once the reviews have grown', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let added = 0;

  beforeEach(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    added = 0;
  });
  afterEach(() => ctx.close());

  async function addReviews(n: number) {
    for (let i = 0; i < n; i++) {
      const id = `a_grow_${++added}`;
      await createAccount(ctx.db, {
        id,
        displayName: `Grower ${added}`,
        email: `${id}@mail.example`,
        passwordHash: null,
        ip: null,
        userAgent: null,
        at: new Date(),
      });
      await insertPendingReview(ctx.db, {
        id: `r_grow_${added}`,
        productId: catalog.product.id,
        merchantId: catalog.merchant.id,
        accountId: id,
        orderId: null,
        rating: 1 + (added % 5),
        title: 'Fine',
        body: `Review number ${added} of a growing shop.`,
        incentive: null,
        ip: null,
        userAgent: null,
        at: new Date(),
      });
    }
  }

  /** The planner's row estimate for reviews: -1 until statistics were taken (PostgreSQL 14+). */
  async function plannerReviews(db: Database = ctx.db): Promise<number> {
    return Number((await db.query<{ n: number }>(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'reviews'::regclass`)).rows[0]!.n);
  }

  it('when the reviews have grown past the rule, then the statistics are taken once, and again only after the next growth', async () => {
    await addReviews(2);
    expect(await analyzeIfGrown(ctx.db, RULE)).to.equal(null);
    expect(await plannerReviews()).to.equal(-1);
    await addReviews(1);
    expect(await analyzeIfGrown(ctx.db, RULE)).to.deep.equal({ reviews: 3, previous: 0 });
    expect(await plannerReviews()).to.equal(3);
    expect(await analyzeIfGrown(ctx.db, RULE)).to.equal(null);
    // 3 → 5: by 2 only (the rule wants 3 more, and half as many again).
    await addReviews(2);
    expect(await analyzeIfGrown(ctx.db, RULE)).to.equal(null);
    expect(await plannerReviews()).to.equal(3);
    await addReviews(1);
    expect(await analyzeIfGrown(ctx.db, RULE)).to.deep.equal({ reviews: 6, previous: 3 });
    expect(await plannerReviews()).to.equal(6);
    const stored = (await ctx.db.query<{ value: string }>('SELECT value FROM instance_settings WHERE name = $1', [ANALYZED_REVIEWS_SETTING])).rows[0];
    expect(stored?.value).to.equal('6');
  });

  it('when two processes look at the same time, then one of them takes the statistics and the other skips', async () => {
    await addReviews(3);
    // A second process on the same database: its own connections (PGlite has one process per data directory, see
    // data-dir-lock.test.ts, so there the second look comes from the same process, after the first).
    const schema = (ctx.db as Database & { schema?: string }).schema;
    const other = ctx.db.kind === 'postgres' ? openPostgres(process.env.DATABASE_URL!, { schema, max: 2 }) : ctx.db;
    try {
      const runs = await Promise.all([analyzeIfGrown(ctx.db, RULE), analyzeIfGrown(other, RULE)]);
      expect(runs.filter((run) => run !== null)).to.deep.equal([{ reviews: 3, previous: 0 }]);
      expect(await plannerReviews(other)).to.equal(3);
      expect(await Promise.all([analyzeIfGrown(ctx.db, RULE), analyzeIfGrown(other, RULE)])).to.deep.equal([null, null]);
    } finally {
      if (other !== ctx.db) await other.close();
    }
  });

  it('when the background worker runs its round, then it takes the statistics of a grown database', async () => {
    await addReviews(4);
    const worker = startBackgroundWorker(
      { ...ctx.services, outbox: outboxDepsFrom(ctx.services) },
      {
        reassessMs: 60_000,
        outboxMs: 60_000,
        modelPollMs: 60_000,
        maintenanceMs: 60_000,
        analyzeMs: 0,
        analyze: RULE,
        retention: { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY },
      },
    );
    try {
      await worker.tick();
    } finally {
      await worker.stop();
    }
    expect(await plannerReviews()).to.equal(4);
  });
});
