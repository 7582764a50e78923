import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { drainDueRechecks, writeDemoTemplate } from '../../server/demo/demo-template.js';
import { seedDemoData } from '../../server/demo/seed-demo.js';
import { openPglite, type Database } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';
import {
  DEMO_KEY_FILE,
  DEMO_TIME_SETTING,
  demoTemplateKey,
  serverCodeKey,
  shiftDemoTimes,
  startFromDemoTemplate,
} from '../../server/storage/pglite-template.js';
import { buildServices } from '../../server/wiring.js';

// The build loads the demo once into a template; a fresh start copies it and moves its times to the start's time.
// The copy must be what loading the demo at that start would have given: same reviews, same verdicts, same times.
describe('demo template: a fresh data directory copies the demo loaded at build time', function () {
  this.timeout(300_000);
  // The build late in the evening, the start days later in the morning: reviews move across midnight.
  const BUILT = new Date('2026-11-20T21:47:13.250Z');
  const STARTED = new Date('2026-12-06T09:05:41.500Z');
  let root: string;
  let template: string;
  let copy: Database;
  let seeded: Database;
  // The key of the code this test runs (the TypeScript sources): a server started from them accepts the template.
  const key = serverCodeKey();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'candor-demo-template-'));
    template = path.join(root, 'template');
    await writeDemoTemplate(template, { key, at: BUILT });
    // The same demo loaded directly at the start's time, as a start without a template does.
    seeded = await openPglite(undefined);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'a-secret-of-the-test-only' });
    await migrate(seeded, async () => {
      const services = buildServices({ config, db: seeded, logger: pino({ level: 'silent' }), clock: () => STARTED });
      await seedDemoData(services);
      // What the worker does right after such a start: the re-checks already due are made.
      await drainDueRechecks(seeded, services.integrity, STARTED);
    });
  });
  after(async () => {
    await copy?.close();
    await seeded?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('when the running code is not the code that built the template, then nothing is copied', () => {
    expect(demoTemplateKey(template)).to.equal(key);
    const dir = path.join(root, 'other-code');
    expect(startFromDemoTemplate(dir, template, () => `${key}-changed`)).to.equal(false);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).to.equal(false);
  });

  it('when a new directory is copied and its times moved, then it holds the same reviews, verdicts, daily counts and times as the demo loaded at that start', async () => {
    const dir = path.join(root, 'fresh');
    expect(startFromDemoTemplate(dir, template, () => key)).to.equal(true);
    expect(existsSync(path.join(dir, DEMO_KEY_FILE))).to.equal(false);
    // A directory that has a database is never copied over.
    expect(startFromDemoTemplate(dir, template, () => key)).to.equal(false);
    copy = await openPglite(dir, { fromTemplate: false });
    expect(await migrate(copy)).to.deep.equal([]);
    expect(await shiftDemoTimes(copy, STARTED)).to.equal(STARTED.getTime() - BUILT.getTime());
    // Moved once: the marker is gone, and a restart moves nothing.
    expect(await shiftDemoTimes(copy, new Date(STARTED.getTime() + 3_600_000))).to.equal(null);
    expect((await copy.query('SELECT 1 FROM instance_settings WHERE name = $1', [DEMO_TIME_SETTING])).rows).to.have.length(0);
    // No session secret travels with the template: each directory generates its own.
    expect((await copy.query(`SELECT 1 FROM instance_settings WHERE name = 'session_secret'`)).rows).to.have.length(0);

    const same = async (sql: string) => {
      const [a, b] = await Promise.all([copy.query(sql), seeded.query(sql)]);
      expect(a.rows.length).to.be.greaterThan(0);
      expect(a.rows).to.deep.equal(b.rows);
      return a.rows;
    };
    // The re-checks due at the build were made then: a first start (or a restart after it) has no queue to work off.
    const due = await copy.query<{ due: number; pending: number }>(
      `SELECT (SELECT count(*) FROM integrity_rechecks WHERE due_at <= $1)::int AS due,
              (SELECT count(*) FROM reassessment_jobs WHERE done_at IS NULL)::int AS pending`,
      [STARTED],
    );
    expect(due.rows[0]).to.deep.equal({ due: 0, pending: 0 });
    expect((await copy.query('SELECT 1 FROM reassessment_jobs LIMIT 1')).rows, 'the demo did queue re-checks').to.have.length(1);
    const reviews = await same(
      `SELECT r.account_id, r.product_id, r.rating, r.status, r.labels, r.created_at, r.updated_at, o.ordered_at,
              v.decision, v.labels AS verdict_labels, v.score, v.policy_version, v.decided_at
         FROM reviews r LEFT JOIN orders o ON o.id = r.order_id
         LEFT JOIN LATERAL (SELECT * FROM verdicts WHERE target_kind = 'review' AND target_id = r.id ORDER BY id DESC LIMIT 1) v ON true
        ORDER BY r.account_id, r.product_id`,
    );
    expect(reviews.length).to.be.within(120, 170);
    expect(reviews.filter((r) => r.status === 'held').length).to.be.greaterThan(2);
    await same('SELECT product_id, day::text, count, rating_sum, verified_count FROM product_daily ORDER BY 1, 2');
    await same('SELECT day::text, count FROM shop_daily ORDER BY 1');
    await same('SELECT merchant_id, day::text, count FROM merchant_daily ORDER BY 1, 2');
    await same('SELECT account_id, body, created_at FROM comments ORDER BY 1, 2, 3');
    await same('SELECT v.account_id, r.account_id AS author, v.created_at FROM helpful_votes v JOIN reviews r ON r.id = v.review_id ORDER BY 1, 2, 3');
    await same('SELECT id, email, created_at FROM accounts ORDER BY id');
    await same(`SELECT r.account_id, f.offered_at, f.answered_at FROM review_follow_ups f JOIN reviews r ON r.id = f.review_id ORDER BY 1`);
    // Nothing in the copy is dated after the start (times the database set itself, such as an audit entry, are the
    // build's own moments moved by the same amount).
    const newest = (await copy.query<{ at: Date }>('SELECT greatest((SELECT max(at) FROM audit_log), (SELECT max(created_at) FROM reviews)) AS at')).rows[0]!
      .at;
    expect(new Date(newest).getTime()).to.be.at.most(STARTED.getTime() + 120_000);
    expect(new Date(newest).getTime()).to.be.greaterThan(STARTED.getTime() - 3 * 86_400_000);
  });

  it('when the server starts on a new directory with demo data, then it serves the copy with times of its own start and a session secret of its own', async () => {
    const dir = path.join(root, 'server');
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', CANDOR_DATA_DIR: dir, CANDOR_DEMO_TEMPLATE_DIR: template },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const startedAt = Date.now();
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', () => output.includes('Demo sign-ins') && resolve());
        child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
      });
      expect(output).to.include('a copy of the demo data loaded by the build');
      expect(output).to.include('demo data moved to the current time');
      expect(output).not.to.include('"msg":"demo data loaded"');
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).to.equal(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const db = await openPglite(dir, { fromTemplate: false });
    try {
      const newest = (await db.query<{ at: Date }>('SELECT max(created_at) AS at FROM comments')).rows[0]!.at;
      // The demo's comments are the newest of it, written up to a day and a half before the load.
      expect(new Date(newest).getTime()).to.be.within(startedAt - 2 * 86_400_000, Date.now());
      const secrets = (await db.query<{ value: string; created_at: Date }>(`SELECT value, created_at FROM instance_settings WHERE name = 'session_secret'`))
        .rows;
      expect(secrets).to.have.length(1);
      expect(new Date(secrets[0]!.created_at).getTime()).to.be.within(startedAt - 60_000, Date.now());
    } finally {
      await db.close();
    }
  });
});
