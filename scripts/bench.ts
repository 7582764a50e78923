// npm run bench -- [--reviews 100000] [--duration 10] [--million] [--replay-100k] [--no-growth] [--smoke]
//
// Candor's speed measured from outside, as ratios to a bare Express 5 "hello world" started in the same run on the
// same machine (these machines are shared and noisy: only ratios taken in one run mean anything).
//   1. Bulk-loads a realistic catalogue (100k reviews by default) into a fresh PGlite directory, or into a fresh
//      schema of the PostgreSQL server named by DATABASE_URL (no server is started by hand).
//   2. Starts Candor (production settings) and the hello world on 127.0.0.1; autocannon at 50 and 100
//      connections on the widget JSON API, the widget frame and the reviews tab (page 1 and a filtered page).
//   3. Posts reviews over HTTP through the whole pipeline with 1 and 8 concurrent posters.
//   4. Growth: one integrity check at 10k / N (/1M with --million) reviews, replay throughput at 2k / 20k
//      (/100k with --replay-100k), server RSS after the load, start-up to the first 200 (existing data, fresh demo).
// Writes bench/results.json (one entry per database) and bench/chart-<database>.svg. --smoke: a ~20-second run on a small catalogue that fails
// only on errors or 5xx answers, never on speed (CI runs it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPglite, openPostgres, type Database } from '../server/storage/database.js';
import { migrate } from '../server/storage/migrate.js';
import { fillCatalogue } from './bench/catalogue.js';
import { ratioChartSvg } from './bench/chart.js';
import { timeIntegrityChecks } from './bench/integrity-checks.js';
import { runLoad, type LoadResult } from './bench/load.js';
import { createPosterAccounts, measurePosting, type PostingResult } from './bench/posting.js';
import { freePort, rssMb, startNode, type Started } from './bench/processes.js';
import { measureReplay, type ReplayThroughput } from './bench/replay-throughput.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run bench -- [--reviews N ≥ 2000] [--duration SECONDS] [--million] [--replay-100k] [--no-growth] [--smoke]';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string' },
    duration: { type: 'string' },
    million: { type: 'boolean', default: false },
    'replay-100k': { type: 'boolean', default: false },
    'no-growth': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke!;
const reviews = Number(values.reviews ?? (smoke ? 2000 : 100_000));
const durationSec = Number(values.duration ?? (smoke ? 2 : 10));
if (!Number.isInteger(reviews) || reviews < 2000 || !(durationSec > 0)) {
  console.error(USAGE);
  process.exit(2);
}
const CONNECTIONS = smoke ? [10] : [50, 100];
const POSTERS = smoke ? [1, 2] : [1, 8];
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const databaseUrl = process.env.DATABASE_URL || null;

/** Where a Candor server keeps its data: a PGlite directory, or a schema on the PostgreSQL server. */
interface Target {
  env: NodeJS.ProcessEnv;
  /** The database, migrated. */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function newTarget(name: string): Promise<Target> {
  if (!databaseUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), `candor-bench-${name}-`));
    const open = async () => {
      const db = await openPglite(dir);
      await migrate(db);
      return db;
    };
    return { env: { CANDOR_DATA_DIR: dir }, open, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${name}_${process.pid}_${Date.now().toString(36)}`;
  const admin = openPostgres(databaseUrl, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    env: { DATABASE_URL: url.toString() },
    open: async () => {
      // Migrated through a pool of two: migrate() holds its advisory lock (shared by every schema on the server)
      // on one connection while it applies the migrations on another; with one connection it would wait forever.
      const migrating = openPostgres(databaseUrl, { schema, max: 2 });
      try {
        await migrate(migrating);
      } finally {
        await migrating.close();
      }
      // One connection: the bulk load uses temporary tables, which belong to one connection.
      return openPostgres(databaseUrl, { schema, max: 1 });
    },
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/**
 * What `npm start` runs: the compiled server (built at the start of the bench, as prestart does) through its start
 * script, which sets the memory settings (scripts/start-server.sh) and execs the `node` found first on the PATH: this
 * bench's own.
 */
const CANDOR_START = { command: '/bin/sh', args: [path.join(ROOT, 'scripts/start-server.sh')] };
const NODE_FIRST_ON_PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

async function startCandor(target: Target, extra: NodeJS.ProcessEnv, probe = '/healthz'): Promise<Started & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-0123456789',
    PUBLIC_URL: base,
    HOST: '127.0.0.1',
    PORT: String(port),
    TRUST_PROXY: 'true',
    CANDOR_DEMO_DATA: 'off',
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
    PATH: NODE_FIRST_ON_PATH,
    ...target.env,
    ...extra,
  };
  return { ...(await startNode(CANDOR_START.args, env, base + probe, { command: CANDOR_START.command })), base };
}

interface PathSpec {
  key: string;
  label: string;
  paths: string[];
  goal: number;
  /** Browsers ask for compressed HTML; the JSON API's callers often do not. */
  headers?: Record<string, string>;
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' };
/**
 * A browser that has been here before carries its device cookie (set on its first visit); a first visit goes
 * through the whole app once to get one. The tab is measured as the returning visitor sees it.
 */
const RETURNING_BROWSER = { ...BROWSER, cookie: 'candor.did=bench0returning0brows0' };

async function main() {
  const started = Date.now();
  const failures: string[] = [];
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    database: databaseUrl ? 'postgresql' : 'pglite',
    // Other work on the machine (1, 5 and 15-minute load averages) at the start and the end of the run.
    loadAverage: { start: loadavg().map((x) => Number(x.toFixed(1))) as number[], end: [] as number[] },
    reviews,
    durationSec,
  };

  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });

  // 1. The catalogue.
  const target = await newTarget('main');
  const t0 = Date.now();
  const db = await target.open();
  const catalogue = await fillCatalogue(db, reviews);
  await db.query(`INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ('m2', 'https://shop.example') ON CONFLICT DO NOTHING`);
  const posterAccounts = await createPosterAccounts(db, smoke ? 6 : 120);
  const loadSeconds = (Date.now() - t0) / 1000;
  log(`catalogue of ${reviews} reviews loaded in ${loadSeconds.toFixed(1)} s`);
  results.catalogue = { reviews, products: catalogue.products, accounts: catalogue.accounts, loadSeconds };
  const growth: Record<string, unknown> = {};
  if (!smoke && !values['no-growth']) {
    log(`timing integrity checks at ${reviews} reviews`);
    growth[`integrity${reviews}`] = await timeIntegrityChecks(db, catalogue, reviews, 150);
  }
  await db.close();

  // 2. Both servers; the popular product p1 (sold by m2) is the one every shop page asks about.
  const helloPort = await freePort();
  const helloServer = await startNode(
    ['--import', 'tsx', path.join(ROOT, 'scripts/bench/hello-express.ts'), String(helloPort)],
    {},
    `http://127.0.0.1:${helloPort}/`,
  );
  const candor = await startCandor(target, {});
  log(`Candor answered 200 ${Math.round(candor.msToFirst200)} ms after start (existing data, ${reviews} reviews)`);
  results.restartBigMs = Math.round(candor.msToFirst200);
  results.restartBigCpuMs = candor.cpuMsToFirst200;
  const rssAfterStart = rssMb(candor.child.pid!);

  const specs: PathSpec[] = [
    {
      key: 'widgetApi',
      label: 'widget JSON API (summary + page 1)',
      goal: 1,
      paths: ['/api/v1/merchants/m2/products/p1/summary', '/api/v1/merchants/m2/products/p1/reviews'],
    },
    { key: 'widgetFrame', label: 'widget frame', goal: 1, paths: ['/widget/frame?merchant=m2&product=p1&origin=https%3A%2F%2Fshop.example'], headers: BROWSER },
    { key: 'tab', label: 'reviews tab, page 1', goal: 0.5, paths: ['/products/p1/reviews'], headers: RETURNING_BROWSER },
    // A first visit (no cookie yet) goes through the whole app, which gives the browser its device id.
    { key: 'tabFirstVisit', label: 'reviews tab, page 1, first visit', goal: 0.5, paths: ['/products/p1/reviews'], headers: BROWSER },
    {
      key: 'tabFiltered',
      label: 'reviews tab, 4 stars, most helpful',
      goal: 0.5,
      paths: ['/products/p1/reviews?stars=4&sort=helpful&page=2'],
      headers: RETURNING_BROWSER,
    },
  ];
  const load: Record<string, Record<string, LoadResult>> = { hello: {} };
  for (const spec of specs) load[spec.key] = {};
  try {
    // One request per path first, as on a site that has been up for a while (the table shows steady state).
    for (const spec of specs) for (const p of spec.paths) await fetch(candor.base + p, { headers: spec.headers }).then((res) => res.arrayBuffer());
    for (const connections of CONNECTIONS) {
      // Hello world first and last at each level: the two runs show how much the machine's load drifted.
      load.hello![`c${connections}`] = await runLoad({ url: `http://127.0.0.1:${helloPort}`, paths: ['/'], connections, durationSec });
      for (const spec of specs) {
        log(`${spec.label} at ${connections} connections`);
        load[spec.key]![`c${connections}`] = await runLoad({ url: candor.base, paths: spec.paths, connections, durationSec, headers: spec.headers });
      }
      load.hello![`c${connections}after`] = await runLoad({ url: `http://127.0.0.1:${helloPort}`, paths: ['/'], connections, durationSec });
    }
    for (const [key, byLevel] of Object.entries(load)) {
      for (const [level, r] of Object.entries(byLevel)) {
        if (r.errors || r.non2xx) failures.push(`${key} at ${level}: ${r.errors} errors, ${r.non2xx} non-2xx (${r.status5xx} 5xx)`);
        if (r.timeouts) log(`${key} at ${level}: ${r.timeouts} requests timed out after 10 s (machine overloaded?)`);
      }
    }

    // 3. Posting through the whole pipeline.
    const productSlugs = Array.from({ length: catalogue.products - 1 }, (_, i) => `p${i + 2}`);
    const posting: PostingResult[] = [];
    let offset = 0;
    for (const posters of POSTERS) {
      const accounts = posterAccounts.slice(offset, offset + posterAccounts.length / POSTERS.length);
      offset += accounts.length;
      log(`posting with ${posters} concurrent poster(s)`);
      const result = await measurePosting({ base: candor.base, accounts, productSlugs, posters, durationSec: smoke ? 2 : durationSec, seed: posters });
      posting.push(result);
      if (result.errors)
        failures.push(
          `posting with ${posters}: ${result.errors} failed posts (${result.status5xx} 5xx; by status ${JSON.stringify(result.failedStatuses)}; first answers ${JSON.stringify(result.failedMessages)})`,
        );
      if (result.reviews === 0) failures.push(`posting with ${posters}: no review was accepted`);
    }
    results.posting = posting;
    growth.rssAfterStartMb = rssAfterStart;
    growth.rssAfterLoadMb = rssMb(candor.child.pid!);
  } catch (error) {
    failures.push(`load phase: ${(error as Error).message}`);
  } finally {
    await candor.stop();
    await helloServer.stop();
    await target.drop();
  }
  results.load = load;

  // 4. Growth. A figure that cannot be measured is reported as a failure; the others are still written.
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message.slice(0, 300)}`);
    }
  };
  if (!smoke && !values['no-growth']) {
    for (const n of values.million ? [10_000, 1_000_000] : [10_000]) {
      log(`timing integrity checks at ${n} reviews`);
      await attempt(`integrity checks at ${n}`, async () => {
        const t = await newTarget(`integrity${n}`);
        const tdb = await t.open();
        try {
          growth[`integrity${n}`] = await timeIntegrityChecks(tdb, await fillCatalogue(tdb, n), n, 150);
        } finally {
          await tdb.close();
          await t.drop();
        }
      });
    }
    const replays: ReplayThroughput[] = [];
    for (const n of values['replay-100k'] ? [2000, 20_000, 100_000] : [2000, 20_000]) {
      log(`replaying ${n} reviews (at most 120 s)`);
      await attempt(`replay of ${n}`, async () => {
        replays.push(await measureReplay(n, 120));
      });
    }
    growth.replay = replays;
    log('fresh start with demo data, then a restart on it');
    await attempt('start-up with demo data', async () => {
      const demo = await newTarget('demo');
      try {
        const fresh = await startCandor(demo, { CANDOR_DEMO_DATA: 'auto' }, '/');
        growth.freshDemoStartMs = Math.round(fresh.msToFirst200);
        growth.freshDemoStartCpuMs = fresh.cpuMsToFirst200;
        await fresh.stop();
        const again = await startCandor(demo, { CANDOR_DEMO_DATA: 'auto' }, '/');
        growth.restartDemoMs = Math.round(again.msToFirst200);
        growth.restartDemoCpuMs = again.cpuMsToFirst200;
        await again.stop();
      } finally {
        await demo.drop();
      }
    });
  }
  results.growth = growth;
  results.benchSeconds = Math.round((Date.now() - started) / 1000);
  (results.loadAverage as { end: number[] }).end = loadavg().map((x) => Number(x.toFixed(1)));
  results.failures = failures;

  printTable(results, specs, load);
  if (!smoke) {
    mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    // One file for both databases: a PostgreSQL run keeps the PGlite figures and the other way round.
    const file = path.join(ROOT, 'bench/results.json');
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(file, `${JSON.stringify({ ...previous, [String(results.database)]: results }, null, 2)}\n`);
    const rows = specs.map((spec) => ({ label: spec.label, goal: spec.goal, ratios: CONNECTIONS.map((c) => ratio(load, spec.key, c)) }));
    const caption = `Candor ÷ bare Express req/s, ${results.database}, ${reviews.toLocaleString('en')} reviews, ${String(results.date).slice(0, 10)}`;
    const chart = `bench/chart-${results.database}.svg`;
    writeFileSync(
      path.join(ROOT, chart),
      ratioChartSvg(
        rows,
        CONNECTIONS.map((c) => `${c} connections`),
        caption,
      ),
    );
    log(`wrote bench/results.json and ${chart}`);
  }
  if (failures.length) {
    for (const failure of failures) console.error(`FAILED: ${failure}`);
    process.exit(1);
  }
}

function ratio(load: Record<string, Record<string, LoadResult>>, key: string, connections: number): number {
  // The mean of the hello-world runs before and after the Candor runs: the machine's load drifts between them.
  const before = load.hello?.[`c${connections}`]?.reqPerSec;
  const after = load.hello?.[`c${connections}after`]?.reqPerSec;
  const hello = before !== undefined && after !== undefined ? (before + after) / 2 : before;
  const own = load[key]?.[`c${connections}`]?.reqPerSec;
  return hello && own !== undefined ? own / hello : NaN;
}

function printTable(results: Record<string, unknown>, specs: PathSpec[], load: Record<string, Record<string, LoadResult>>) {
  const lines: string[] = [];
  lines.push(`| path | connections | req/s | × bare Express | p50 ms | p99 ms | goal |`);
  lines.push(`| --- | --- | --- | --- | --- | --- | --- |`);
  for (const c of CONNECTIONS) {
    const h = load.hello?.[`c${c}`];
    const after = load.hello?.[`c${c}after`];
    if (h)
      lines.push(
        `| bare Express hello world (before / after) | ${c} | ${Math.round(h.reqPerSec)} / ${Math.round(after?.reqPerSec ?? NaN)} | 1 | ${h.p50} | ${h.p99} | |`,
      );
    for (const spec of specs) {
      const r = load[spec.key]?.[`c${c}`];
      if (!r) continue;
      lines.push(
        `| ${spec.label} | ${c} | ${Math.round(r.reqPerSec)} | ${ratio(load, spec.key, c).toFixed(2)} | ${r.p50} | ${r.p99} | ≥ ${spec.goal}×${spec.goal === 1 ? ', p99 < 50 ms' : ''} |`,
      );
    }
  }
  const posting = (results.posting ?? []) as PostingResult[];
  if (posting.length) {
    lines.push('', '| posting a review over HTTP (whole pipeline) | reviews | reviews/s | p50 ms | p99 ms |', '| --- | --- | --- | --- | --- |');
    for (const p of posting)
      lines.push(
        `| ${p.posters} concurrent poster${p.posters === 1 ? '' : 's'} | ${p.reviews} | ${p.reviewsPerSec.toFixed(1)} | ${Math.round(p.p50)} | ${Math.round(p.p99)} |`,
      );
  }
  const growth = (results.growth ?? {}) as Record<string, unknown>;
  const integrity = Object.entries(growth).filter(([k]) => k.startsWith('integrity')) as [string, { n: number; p50: number; p99: number }][];
  if (integrity.length) {
    lines.push('', '| one integrity check | p50 ms | p99 ms |', '| --- | --- | --- |');
    for (const [, r] of integrity.sort((a, b) => a[1].n - b[1].n))
      lines.push(`| ${r.n.toLocaleString('en')} reviews | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  }
  const replay = (growth.replay ?? []) as ReplayThroughput[];
  if (replay.length) {
    lines.push('', '| replay | reviews replayed | reviews/s | reviews/s over the last fifth |', '| --- | --- | --- | --- |');
    for (const r of replay)
      lines.push(
        `| ${r.targetReviews.toLocaleString('en')} reviews${r.complete ? '' : ' (stopped at 120 s)'} | ${r.reviews} | ${r.reviewsPerSec.toFixed(1)} | ${r.finalReviewsPerSec.toFixed(1)} |`,
      );
  }
  const facts: string[] = [];
  // The CPU time beside each start-up: on a shared machine the wall time mostly shows the other work running.
  const cpu = (ms: unknown) => (typeof ms === 'number' ? ` (${ms} ms of CPU)` : '');
  if (results.restartBigMs !== undefined)
    facts.push(
      `start to first 200 on existing data with ${Number(results.reviews).toLocaleString('en')} reviews: ${results.restartBigMs} ms${cpu(results.restartBigCpuMs)}`,
    );
  if (growth.restartDemoMs !== undefined)
    facts.push(`restart on the demo data directory: ${growth.restartDemoMs} ms${cpu(growth.restartDemoCpuMs)} (goal < 1,500)`);
  if (growth.freshDemoStartMs !== undefined)
    facts.push(`fresh start with demo data: ${growth.freshDemoStartMs} ms${cpu(growth.freshDemoStartCpuMs)} (goal < 5,000)`);
  if (growth.rssAfterLoadMb !== undefined)
    facts.push(`server RSS: ${growth.rssAfterStartMb} MB after start, ${growth.rssAfterLoadMb} MB after the load (goal < 300)`);
  if (facts.length) lines.push('', ...facts.map((f) => `- ${f}`));
  const machine = results.machine as { cpus: number; cpuModel: string; node: string };
  const loadAverage = results.loadAverage as { start: number[]; end: number[] };
  lines.push(
    '',
    `${results.database}, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${results.date}; bench took ${results.benchSeconds} s; ` +
      `load average (1/5/15 min) ${loadAverage.start.join(' / ')} at the start, ${loadAverage.end.join(' / ')} at the end.`,
  );
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
