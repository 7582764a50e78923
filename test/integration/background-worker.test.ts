import { expect } from 'chai';
import { createAccount, makeMerchantStaff } from '../../server/accounts/accounts.js';
import { drainReassessments, REASSESSMENT_BATCH, runReassessments } from '../../server/reviews/integrity-gate.js';
import { replyToReview } from '../../server/reviews/merchant-reply.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { deleteExpired } from '../../server/storage/maintenance-repo.js';
import { enqueueOutbox, listOutbox, markOutboxSent } from '../../server/storage/outbox-repo.js';
import { claimReassessmentJobs, enqueueReassessment, insertPendingReview, setReviewState } from '../../server/storage/review-repo.js';
import { startBackgroundWorker } from '../../server/workers/background-worker.js';
import { outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RING_TEXTS = [
  'Best tent I have ever owned, bone dry in a storm and pitched in five minutes, worth every single penny',
  'Best tent I have ever owned! Bone dry in a storm, pitched in five minutes, worth every penny',
  'This is the best tent I have ever owned, bone dry in a storm and pitched in five minutes. Worth every penny',
];
const UA = 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0.1.2';

async function count(ctx: TestContext, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n);
}

async function ringMember(ctx: TestContext, productId: string, id: string, i: number, at: Date) {
  const account = await createAccount(ctx.db, {
    id,
    displayName: `Happy camper ${i}`,
    email: `${id}@quickmail.example`,
    passwordHash: null,
    ip: '203.0.113.77',
    userAgent: UA,
    at: new Date(at.getTime() - 30 * 60_000),
  });
  return submitReview(
    { db: ctx.db, integrity: ctx.services.integrity },
    {
      productId,
      draft: { rating: 5, title: 'Amazing', body: RING_TEXTS[i % RING_TEXTS.length]!, incentive: null },
      post: { accountId: account.id, ip: '203.0.113.77', userAgent: UA, at },
    },
  );
}

describe('background work: re-check jobs, maintenance, notices', function () {
  this.timeout(120_000);

  describe('the re-check queue', () => {
    let ctx: TestContext;
    let catalog: Awaited<ReturnType<typeof seedCatalog>>;
    beforeEach(async () => {
      ctx = await createTestContext();
      catalog = await seedCatalog(ctx.db);
    });
    afterEach(() => ctx.close());

    it('when a post implicates an earlier review, then the post only queues the job and the worker moves the review later', async () => {
      const base = Date.parse('2026-05-10T20:00:00Z');
      const first = await ringMember(ctx, catalog.product.id, 'a_w0', 0, new Date(base));
      const second = await ringMember(ctx, catalog.product.id, 'a_w1', 1, new Date(base + 15 * 60_000));
      expect(second.verdict.reopen).to.include(first.reviewId);
      // The poster's request is over: the earlier review is untouched and its re-check waits in the queue.
      expect(await count(ctx, "SELECT count(*)::int AS n FROM reviews WHERE id = $1 AND status = 'published'", [first.reviewId])).to.equal(1);
      expect(await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs WHERE review_id = $1 AND done_at IS NULL', [first.reviewId])).to.equal(1);

      const worker = startBackgroundWorker(
        { ...ctx.services, outbox: outboxDepsFrom(ctx.services) },
        {
          reassessMs: 10,
          outboxMs: 60_000,
          modelPollMs: 60_000,
          maintenanceMs: 60_000,
          retention: { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY },
        },
      );
      try {
        // Wait for the state the worker produces (no fixed sleep): the queue empty and the review held.
        for (let i = 0; i < 500 && (await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs WHERE done_at IS NULL')) > 0; i++) await worker.tick();
      } finally {
        await worker.stop();
      }
      const row = (await ctx.db.query<{ status: string; labels: string[] }>('SELECT status, labels FROM reviews WHERE id = $1', [first.reviewId])).rows[0]!;
      expect(row.status).to.equal('held');
    });

    it('when a review is queued again while its job is pending, then it keeps one pending job; once claimed, new evidence queues a new one', async () => {
      const base = Date.parse('2026-05-10T20:00:00Z');
      const first = await ringMember(ctx, catalog.other.id, 'a_d0', 0, new Date(base));
      await drainReassessments(ctx.db, ctx.services.integrity, new Date(base));
      const at = new Date(base + HOUR);
      expect(await enqueueReassessment(ctx.db, [first.reviewId], 'test', at)).to.equal(1);
      expect(await enqueueReassessment(ctx.db, [first.reviewId, first.reviewId], 'test again', new Date(base + 2 * HOUR))).to.equal(0);
      expect(await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs WHERE review_id = $1 AND done_at IS NULL', [first.reviewId])).to.equal(1);
      // A claimed job is running: evidence arriving now needs a check after it, so it gets a job of its own.
      const claimed = await ctx.db.query('UPDATE reassessment_jobs SET started_at = now() WHERE review_id = $1 AND done_at IS NULL RETURNING id', [
        first.reviewId,
      ]);
      expect(claimed.rows).to.have.length(1);
      expect(await enqueueReassessment(ctx.db, [first.reviewId], 'after claim', new Date(base + 3 * HOUR))).to.equal(1);
    });

    it('when 500 fake posts arrive in a burst, each naming every earlier one, then the queue holds one job per implicated review, not their square', async () => {
      // The worst case for the queue: every post's verdict re-opens every earlier post of the burst (124,750 names
      // in all). Which reviews a verdict names is the integrity core's call; the queue must stay linear whatever it is.
      const BURST = 500;
      const base = Date.parse('2026-05-12T08:00:00Z');
      const owner = await createAccount(ctx.db, {
        id: 'a_burst',
        displayName: 'Burst',
        email: 'burst@quickmail.example',
        passwordHash: null,
        ip: null,
        userAgent: null,
        at: new Date(base - DAY),
      });
      const ids: string[] = [];
      let named = 0;
      for (let i = 0; i < BURST; i++) {
        const id = `r_burst_${String(i).padStart(3, '0')}`;
        const at = new Date(base + i * 20_000);
        await ctx.db.transaction(async (tx) => {
          await insertPendingReview(tx, {
            id,
            productId: catalog.product.id,
            merchantId: catalog.merchant.id,
            accountId: owner.id,
            orderId: null,
            rating: 5,
            title: 'Amazing',
            body: RING_TEXTS[i % 3]!,
            incentive: null,
            ip: null,
            userAgent: null,
            at,
          });
          await setReviewState(tx, id, 'published', [], 0);
          await enqueueReassessment(tx, ids, `implicated by ${id}`, at);
        });
        named += ids.length;
        ids.push(id);
      }
      expect(named).to.equal((BURST * (BURST - 1)) / 2);
      expect(await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs')).to.equal(BURST - 1);
      expect(await count(ctx, 'SELECT count(*)::int AS n FROM (SELECT review_id FROM reassessment_jobs GROUP BY review_id HAVING count(*) > 1) d')).to.equal(0);
      // A worker takes them in batches, oldest first.
      const batch = await claimReassessmentJobs(ctx.db, REASSESSMENT_BATCH, new Date(base + BURST * 20_000));
      expect(batch.map((j) => j.reviewId)).to.deep.equal(ids.slice(0, REASSESSMENT_BATCH));
      expect(await claimReassessmentJobs(ctx.db, BURST, new Date(base + BURST * 20_000))).to.have.length(BURST - 1 - REASSESSMENT_BATCH);
    });

    it('when ring posts go through the pipeline, then the re-checks they cause stay within one job per review per hold', async () => {
      const RING = 24;
      const base = Date.parse('2026-05-14T08:00:00Z');
      let named = 0;
      for (let i = 0; i < RING; i++) {
        const posted = await ringMember(ctx, catalog.other.id, `a_r${i}`, i, new Date(base + i * 60_000));
        named += posted.verdict.reopen.length;
      }
      const queued = await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs');
      expect(named, 'the ring verdicts name earlier members').to.be.greaterThan(RING);
      expect(queued).to.be.at.most(RING);
      const drained = await drainReassessments(ctx.db, ctx.services.integrity, new Date(base + RING * 60_000));
      expect(drained.processed).to.equal(await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs'));
      // Each review waits at most once before the drain and is queued again at most once per review moved to held.
      expect(drained.processed).to.be.at.most(RING + drained.moved * RING);
      expect(await count(ctx, 'SELECT count(*)::int AS n FROM reassessment_jobs WHERE done_at IS NULL')).to.equal(0);
    });
  });

  describe('a published review moved back to held', () => {
    let ctx: TestContext;
    after(() => ctx?.close());

    it('when a re-check holds a published review with a merchant reply, then its author and the merchant who replied get an e-mail', async () => {
      ctx = await createTestContext();
      const catalog = await seedCatalog(ctx.db);
      const owner = await createAccount(ctx.db, {
        id: 'a_owner',
        displayName: 'Shop Owner',
        email: 'owner@test-shop.example',
        passwordHash: null,
        ip: null,
        userAgent: null,
        at: new Date('2024-01-01T00:00:00Z'),
      });
      await makeMerchantStaff(ctx.db, catalog.merchant.id, owner.id, true);
      const base = Date.parse('2026-05-10T20:00:00Z');
      const first = await ringMember(ctx, catalog.product.id, 'a_n0', 0, new Date(base));
      expect(first.verdict.decision).to.equal('published');
      await replyToReview(ctx.db, { reviewId: first.reviewId, accountId: owner.id, body: 'Thank you!', at: new Date(base + 60_000) });
      await ringMember(ctx, catalog.product.id, 'a_n1', 1, new Date(base + 15 * 60_000));
      expect((await listOutbox(ctx.db, { kind: 'email', limit: 10 })).length).to.equal(0);

      const pass = await runReassessments(ctx.db, ctx.services.integrity, { now: new Date(base + 16 * 60_000) });
      expect(pass.moved).to.be.greaterThan(0);
      const mail = await listOutbox(ctx.db, { kind: 'email', limit: 10 });
      const to = mail.map((m) => (m.payload as { to: string }).to).sort();
      expect(to).to.deep.equal(['a_n0@quickmail.example', 'owner@test-shop.example']);
      const authorMail = mail.find((m) => (m.payload as { to: string }).to === 'a_n0@quickmail.example')!;
      expect((authorMail.payload as { subject: string }).subject).to.match(/checked again/);
      // Like every notice: a kind the person can switch off, with a one-click unsubscribe (RFC 8058) for that kind.
      for (const m of mail) {
        const payload = m.payload as { headers?: Record<string, string>; notification?: { kind: string } };
        expect(payload.headers?.['List-Unsubscribe-Post']).to.equal('List-Unsubscribe=One-Click');
        expect(payload.headers?.['List-Unsubscribe']).to.match(/^<https?:\/\/[^>]+\/unsubscribe\/[^>]+>$/);
      }
      expect(mail.map((m) => (m.payload as { notification: { kind: string } }).notification.kind).sort()).to.deep.equal([
        'merchant-reply-hidden',
        'review-held',
      ]);
      // Held again means a moderator decides next: the version moved, so a decision taken on the old page is refused.
      const version = await count(ctx, 'SELECT version AS n FROM reviews WHERE id = $1', [first.reviewId]);
      // Published at version 0; the re-check's state change bumped it.
      expect(version).to.equal(1);
    });
  });

  describe('maintenance', () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext();
    });
    after(() => ctx.close());

    it('when maintenance runs, then expired sessions, old rate-limit windows, old delivered mail and old finished jobs go, and nothing current does', async () => {
      const now = new Date('2026-06-01T12:00:00Z');
      const catalog = await seedCatalog(ctx.db, '_mt');
      const review = await ringMember(ctx, catalog.product.id, 'a_m0', 0, new Date('2026-05-01T12:00:00Z'));
      await ctx.db.query(`INSERT INTO sessions (sid, sess, expires_at) VALUES ('old', '{}', $1), ('live', '{}', $2)`, [
        new Date(now.getTime() - HOUR),
        new Date(now.getTime() + DAY),
      ]);
      await ctx.db.query(`INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ('old', 3, $1), ('live', 3, $2)`, [
        new Date(now.getTime() - 2 * DAY),
        new Date(now.getTime() + 60_000),
      ]);
      for (const [key, sentAt] of [
        ['old-mail', new Date(now.getTime() - 40 * DAY)],
        ['new-mail', new Date(now.getTime() - DAY)],
      ] as const) {
        await enqueueOutbox(ctx.db, { kind: 'email', merchantId: null, dedupeKey: key, payload: { to: 'x@example.org', subject: key, text: '' }, at: sentAt });
        const id = (await ctx.db.query<{ id: number }>('SELECT id FROM outbox WHERE dedupe_key = $1', [key])).rows[0]!.id;
        await markOutboxSent(ctx.db, id, sentAt);
      }
      await enqueueOutbox(ctx.db, {
        kind: 'email',
        merchantId: null,
        dedupeKey: 'unsent',
        payload: { to: 'x@example.org', subject: 'unsent', text: '' },
        at: new Date(now.getTime() - 90 * DAY),
      });
      await ctx.db.query(
        `INSERT INTO reassessment_jobs (review_id, reason, as_of, started_at, done_at) VALUES
         ($1, 'old', $2, $2, $2), ($1, 'recent', $3, $3, $3)`,
        [review.reviewId, new Date(now.getTime() - 10 * DAY), new Date(now.getTime() - HOUR)],
      );
      await ctx.db.query(`INSERT INTO reassessment_jobs (review_id, reason, as_of, created_at) VALUES ($1, 'waiting', $2, $2)`, [
        review.reviewId,
        new Date(now.getTime() - 30 * DAY),
      ]);

      const deleted = await deleteExpired(ctx.db, now, { rateLimitMs: DAY, sentOutboxMs: 30 * DAY, finishedJobsMs: 7 * DAY });
      expect(deleted).to.deep.equal({ sessions: 1, rateLimits: 1, outbox: 1, jobs: 1 });
      expect((await ctx.db.query<{ sid: string }>('SELECT sid FROM sessions')).rows.map((r) => r.sid)).to.deep.equal(['live']);
      expect((await ctx.db.query<{ key: string }>('SELECT key FROM rate_limit_hits')).rows.map((r) => r.key)).to.deep.equal(['live']);
      expect((await ctx.db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM outbox ORDER BY dedupe_key')).rows.map((r) => r.dedupe_key)).to.deep.equal([
        'new-mail',
        'unsent',
      ]);
      expect(
        (await ctx.db.query<{ reason: string }>('SELECT reason FROM reassessment_jobs WHERE review_id = $1 ORDER BY reason', [review.reviewId])).rows.map(
          (r) => r.reason,
        ),
      ).to.deep.equal(['recent', 'waiting']);
    });

    it('when another process is already running maintenance, then this one skips the round instead of waiting', async function () {
      if (ctx.db.kind !== 'postgres') {
        // PGlite has one process per data directory (data-dir-lock.test.ts): there is nobody to skip for; the
        // advisory lock is still taken, so this asserts it is granted and released.
        expect(await deleteExpired(ctx.db, new Date(), { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY })).to.not.equal(null);
        expect(await deleteExpired(ctx.db, new Date(), { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY })).to.not.equal(null);
        return;
      }
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const other = ctx.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(7246312)');
        locked();
        await held;
      });
      await isLocked;
      expect(await deleteExpired(ctx.db, new Date(), { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY })).to.equal(null);
      release();
      await other;
      expect(await deleteExpired(ctx.db, new Date(), { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY })).to.not.equal(null);
    });
  });
});
