import { expect } from 'chai';
import { pino } from 'pino';
import { createAccount } from '../../server/accounts/accounts.js';
import { outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { retrainTextModel } from '../../server/moderation/retrain.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { openPostgres, type Database } from '../../server/storage/database.js';
import { insertModeratorLabel } from '../../server/storage/moderation-repo.js';
import { buildServices } from '../../server/wiring.js';
import { startBackgroundWorker } from '../../server/workers/background-worker.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const LABELLED = [
  { text: 'Best product ever!!! Five stars, buy it now, amazing amazing amazing', fake: true },
  { text: 'Perfect perfect perfect, everyone must buy this, best seller, top quality', fake: true },
  { text: 'The left strap frayed after a month of daily commuting; otherwise it holds a laptop fine.', fake: false },
  { text: 'Arrived a day late. The lid seal is tight and it kept soup warm for about five hours.', fake: false },
];

/**
 * A second Candor instance on the same database: its own services and model (and on PostgreSQL its own connection
 * pool to the same schema), exactly what another process has in common with the first — nothing but the rows.
 */
function secondInstance(ctx: TestContext): { services: ReturnType<typeof buildServices>; db: Database; close(): Promise<void> } {
  const schema = ctx.db.kind === 'postgres' ? (ctx.db as Database & { schema?: string }).schema : undefined;
  const db = schema ? openPostgres(process.env.DATABASE_URL!, { schema, max: 3 }) : ctx.db;
  const services = buildServices({ config: ctx.services.config, db, logger: pino({ level: 'silent' }), clock: ctx.services.clock });
  return { services, db, close: async () => (db !== ctx.db ? db.close() : undefined) };
}

describe('one model for every process', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('when one instance retrains (in a worker thread), then the other switches to the new model within its poll and records its version in verdicts', async () => {
    const catalog = await seedCatalog(ctx.db);
    const mod = await createAccount(ctx.db, {
      id: 'a_mod_model',
      displayName: 'Mod',
      email: 'mod.model@candor.example',
      passwordHash: null,
      role: 'moderator',
      ip: null,
      userAgent: null,
      at: new Date('2024-01-01T00:00:00Z'),
    });
    for (const [i, l] of LABELLED.entries()) {
      await insertModeratorLabel(ctx.db, {
        kind: 'review',
        id: `r_label_${i}`,
        text: l.text,
        fake: l.fake,
        decision: l.fake ? 'reject' : 'publish',
        reason: null,
        moderatorId: mod.id,
        at: new Date('2026-05-01T00:00:00Z'),
      });
    }
    const other = secondInstance(ctx);
    const worker = startBackgroundWorker(
      { ...other.services, outbox: outboxDepsFrom(other.services) },
      {
        reassessMs: 60_000,
        outboxMs: 60_000,
        modelPollMs: 25,
        maintenanceMs: 60_000,
        retention: { rateLimitMs: 1, sentOutboxMs: 1, finishedJobsMs: 1 },
      },
    );
    try {
      expect(other.services.integrity.currentModel()).to.equal(null);
      const trained = await retrainTextModel({ db: ctx.db, clock: ctx.services.clock, integrity: ctx.services.integrity }, { trainedBy: mod.id });
      expect(ctx.services.integrity.currentModel()?.version).to.equal(trained.version);

      // The other instance learns of it from the row alone: wait for that state (bounded), not for a fixed time.
      const started = Date.now();
      while (other.services.integrity.currentModel()?.version !== trained.version && Date.now() - started < 20_000) await worker.tick();
      expect(other.services.integrity.currentModel()?.version).to.equal(trained.version);

      const author = await createAccount(ctx.db, {
        id: 'a_after_model',
        displayName: 'After',
        email: 'after@mail.example',
        passwordHash: null,
        ip: '10.9.8.7',
        userAgent: 'After/1',
        at: new Date('2025-01-01T00:00:00Z'),
      });
      const posted = await submitReview(
        { db: other.db, integrity: other.services.integrity },
        {
          productId: catalog.product.id,
          draft: { rating: 4, title: 'Decent tent', body: 'Good for summer trips; the vestibule is small but fine for two pairs of boots.', incentive: null },
          post: { accountId: author.id, ip: '10.9.8.7', userAgent: 'After/1', at: new Date('2026-05-30T10:00:00Z') },
        },
      );
      expect(posted.verdict.modelVersion).to.equal(trained.version);
      const stored = (await ctx.db.query<{ model_version: string }>('SELECT model_version FROM verdicts WHERE target_id = $1', [posted.reviewId])).rows;
      expect(stored.map((r) => r.model_version)).to.deep.equal([trained.version]);
    } finally {
      await worker.stop();
      await other.close();
    }
  });
});
