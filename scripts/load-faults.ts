// npm run load-test [-- --seconds 60 --connections 100]
// Mixed traffic (reviews tab, widget frame, posts including a fake-review burst, helpful votes) against one Candor
// process, then against two on one PostgreSQL with one of them killed (SIGKILL) half-way. Reports throughput,
// p50/p99, 5xx, posts slower than 5 s, lost or duplicated acknowledged reviews, and the re-check backlog; writes
// bench/load-results.json. Uses DATABASE_URL when set, otherwise a private PostgreSQL cluster in a temp folder.
// The load generator is a closed loop of `connections` virtual users on Node's fetch (keep-alive), like autocannon
// but able to sign in, carry CSRF tokens and post. Only 127.0.0.1 is contacted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { genuineReviewText } from './load/genuine-text.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';
const PRODUCTS = [
  { slug: 'trail-tent-2p', sku: 'TT-2P', merchant: 'm_acme' },
  { slug: 'summit-sleeping-bag', sku: 'SSB-3', merchant: 'm_acme' },
  { slug: 'ridge-daypack-28', sku: 'RD-28', merchant: 'm_acme' },
  { slug: 'cast-iron-skillet-26', sku: 'CI-26', merchant: 'm_northwind' },
  { slug: 'chef-knife-20', sku: 'CK-20', merchant: 'm_northwind' },
  { slug: 'pulse-wireless-earbuds', sku: 'PWE-2', merchant: 'm_lumen' },
];
const BURST_TEXT = 'Absolutely the best purchase this year, five stars, exceeded every expectation, buy it now';
const SLOW_POST_MS = 5_000;
const COMMON_BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];
const RING_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/119.0.6045.105 Safari/537.36';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '100' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A private PostgreSQL 15 cluster (as .ci/run does), or the one DATABASE_URL names. */
async function startPostgres(): Promise<{ url: string; stop(): void }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'candor-load-pg-'));
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root (CI containers), run it as the postgres user, like .ci/run.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['postgres', dir]);
  const pgCmd = (bin: string, argv: string[]) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...argv], { encoding: 'utf8' })
      : spawnSync(`${PG_BIN}/${bin}`, argv, { encoding: 'utf8' });
  const init = pgCmd('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const start = pgCmd('pg_ctl', [
    '-D',
    path.join(dir, 'data'),
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 -c fsync=off`,
    '-w',
    'start',
  ]);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      pgCmd('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function startCandor(url: string, port: number): ChildProcess {
  // TRUST_PROXY: each virtual user sends its own X-Forwarded-For, as real visitors have their own addresses.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      CANDOR_DEMO_DATA: 'auto',
      LOG_LEVEL: 'error',
      TRUST_PROXY: 'true',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const healthy = (port: number) => () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok);

class Stats {
  latencies: number[] = [];
  byKind: Record<string, number> = {};
  status5xx = 0;
  status4xx = 0;
  /** 4xx answers by request kind and status, so a refusal by design is told from a broken request. */
  clientErrors: Record<string, number> = {};
  /** What the pipeline decided for the acknowledged posts. */
  outcomes: Record<string, number> = {};
  refused = 0;
  slowPosts = 0;
  posts = 0;
  record(kind: string, ms: number, status: number) {
    this.latencies.push(ms);
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (status >= 500) this.status5xx++;
    else if (status >= 400) {
      this.status4xx++;
      const key = `${kind} ${status}`;
      this.clientErrors[key] = (this.clientErrors[key] ?? 0) + 1;
    }
    if (kind === 'post') {
      this.posts++;
      if (ms > SLOW_POST_MS) this.slowPosts++;
    }
  }
  summary(seconds: number) {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return {
      requests: sorted.length,
      perSecond: Math.round(sorted.length / seconds),
      p50ms: at(0.5),
      p99ms: at(0.99),
      status5xx: this.status5xx,
      status4xx: this.status4xx,
      clientErrors: this.clientErrors,
      connectionErrors: this.refused,
      posts: this.posts,
      postsOver5s: this.slowPosts,
      postOutcomes: this.outcomes,
      mix: this.byKind,
    };
  }
}

interface User {
  n: number;
  ip: string;
  userAgent: string;
  cookie: string;
  csrf: string;
  reviewed: Set<string>;
  burst: boolean;
}

/** One HTTP request with the user's cookie and address; returns status, body and elapsed ms. */
async function call(base: string, user: User | null, method: string, url: string, body?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(base + url, {
    method,
    redirect: 'manual',
    headers: {
      'x-forwarded-for': user?.ip ?? `198.18.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
      'user-agent': user?.userAgent ?? COMMON_BROWSERS[0]!,
      ...(user?.cookie ? { cookie: user.cookie } : {}),
      ...(body ? { 'content-type': 'application/json', accept: 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { status: res.status, text, ms: performance.now() - started, setCookie: cookies.length ? cookies : null };
}

/** The cookie header after a response: its Set-Cookie pairs replace those of the same name. */
function mergeCookies(current: string, set: string[] | null): string {
  const jar = new Map(current ? current.split('; ').map((p) => [p.split('=')[0]!, p] as const) : []);
  for (const pair of set ?? []) jar.set(pair.split('=')[0]!, pair);
  return [...jar.values()].join('; ');
}

/** The token of the confirmation link in the newest sign-up e-mail to the address (the outbox is the mailbox). */
async function confirmationToken(databaseUrl: string, email: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const mail = await client.query<{ text: string }>(
      `SELECT payload->>'text' AS text FROM outbox WHERE kind = 'email' AND lower(payload->>'to') = lower($1) ORDER BY id DESC LIMIT 1`,
      [email],
    );
    const token = /\/verify-email\?token=([\w-]+)/.exec(mail.rows[0]?.text ?? '')?.[1];
    if (!token) throw new Error(`no confirmation e-mail for ${email}`);
    return token;
  } finally {
    await client.end();
  }
}

async function signUp(base: string, databaseUrl: string, n: number, burst: boolean): Promise<User> {
  // Ring accounts come from one subnet (what the identity checks look for), each from its own address.
  const user: User = {
    n,
    ip: burst ? `203.0.113.${10 + (n % 200)}` : `10.${(n >> 8) & 255}.${n & 255}.${7 + (n % 200)}`,
    // Ordinary people arrive with the browsers people use; the ring shares one automation build.
    userAgent: burst ? RING_BROWSER : COMMON_BROWSERS[n % COMMON_BROWSERS.length]!,
    cookie: '',
    csrf: '',
    reviewed: new Set(),
    burst,
  };
  const email = `load.${n}.${randomUUID().slice(0, 8)}@loadtest.example`;
  const form = await call(base, user, 'GET', '/signup');
  user.cookie = mergeCookies('', form.setCookie);
  user.csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const res = await call(base, user, 'POST', '/signup', {
    _csrf: user.csrf,
    displayName: `Load user ${n}`,
    email,
    password: 'load-test-password',
  });
  // Sign-up answers 202 and signs nobody in: the person confirms the address from the e-mail, then signs in.
  if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${res.text.slice(0, 200)}`);
  user.cookie = mergeCookies(user.cookie, res.setCookie);
  const token = await confirmationToken(databaseUrl, email);
  const confirmPage = await call(base, user, 'GET', `/verify-email?token=${token}`);
  user.cookie = mergeCookies(user.cookie, confirmPage.setCookie);
  const confirmCsrf = /name="_csrf" value="([^"]+)"/.exec(confirmPage.text)?.[1] ?? user.csrf;
  const confirmed = await call(base, user, 'POST', '/verify-email', { _csrf: confirmCsrf, token });
  if (confirmed.status >= 400) throw new Error(`confirming the address failed: ${confirmed.status} ${confirmed.text.slice(0, 200)}`);
  user.cookie = mergeCookies(user.cookie, confirmed.setCookie);
  const signInPage = await call(base, user, 'GET', '/signin');
  user.cookie = mergeCookies(user.cookie, signInPage.setCookie);
  const signInCsrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.text)?.[1] ?? '';
  const signedIn = await call(base, user, 'POST', '/signin', { _csrf: signInCsrf, email, password: 'load-test-password' });
  if (signedIn.status >= 400) throw new Error(`sign-in failed: ${signedIn.status} ${signedIn.text.slice(0, 200)}`);
  user.cookie = mergeCookies(user.cookie, signedIn.setCookie);
  const page = await call(base, user, 'GET', '/');
  user.csrf = /name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? user.csrf;
  return user;
}

interface Ack {
  key: string;
  id: string;
  accountCookie: string;
}

/**
 * Runs the virtual users for `seconds` against the given bases (requests alternate between them); a base that
 * stops answering (killed) is dropped and its in-flight post is retried once on another base with the same
 * idempotency key, as a client behind a load balancer would.
 */
async function runTraffic(bases: string[], users: User[], seconds: number, onHalfway?: () => void) {
  const stats = new Stats();
  const acks: Ack[] = [];
  const live = new Set(bases);
  const reviewIds: string[] = [];
  const end = Date.now() + seconds * 1000;
  const halfway = Date.now() + (seconds * 1000) / 2;
  let halfwayDone = false;
  let burstStarted = false;
  let turn = 0;
  const pickBase = () => {
    const list = [...live];
    return list[turn++ % list.length]!;
  };

  const withFailover = async <T>(
    kind: string,
    run: (base: string) => Promise<T & { status: number; ms: number }>,
  ): Promise<(T & { status: number; ms: number }) | null> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const base = pickBase();
      try {
        const res = await run(base);
        stats.record(kind, res.ms, res.status);
        return res;
      } catch {
        stats.refused++;
        if (live.size > 1) live.delete(base);
      }
    }
    return null;
  };

  const post = async (user: User, slug: string, text: string) => {
    const key = randomUUID();
    const body = {
      _csrf: user.csrf,
      rating: user.burst ? 5 : 1 + (user.n % 5),
      title: user.burst ? 'Best ever' : `Honest notes ${user.n}`,
      body: user.burst ? BURST_TEXT : text,
    };
    const res = await withFailover('post', (base) => call(base, user, 'POST', `/products/${slug}/reviews`, body, { 'idempotency-key': key }));
    user.reviewed.add(slug);
    if (res && res.status === 201) {
      const { id, status } = JSON.parse(res.text) as { id: string; status: string };
      acks.push({ key, id, accountCookie: user.cookie });
      stats.outcomes[status] = (stats.outcomes[status] ?? 0) + 1;
      // Only published reviews can be voted on (a held one answers 404 to everyone but its author).
      if (status === 'published') reviewIds.push(id);
    }
  };

  const loop = async (user: User) => {
    while (Date.now() < end) {
      if (!halfwayDone && Date.now() >= halfway) {
        halfwayDone = true;
        onHalfway?.();
      }
      // The fake-review burst: the ring accounts post near-identical five-star text to one product at once.
      if (user.burst && !burstStarted && Date.now() >= halfway - (seconds * 1000) / 4) burstStarted = true;
      if (user.burst && burstStarted && !user.reviewed.has(PRODUCTS[0]!.slug)) {
        await post(user, PRODUCTS[0]!.slug, BURST_TEXT);
        continue;
      }
      const r = Math.random();
      const product = PRODUCTS[Math.floor(Math.random() * PRODUCTS.length)]!;
      if (r < 0.55) {
        await withFailover('tab', (base) => call(base, null, 'GET', `/products/${product.slug}/reviews`));
      } else if (r < 0.8) {
        await withFailover('widget', (base) =>
          call(base, null, 'GET', `/widget/frame?merchant=${product.merchant}&product=${encodeURIComponent(product.sku)}`),
        );
      } else if (r < 0.9 && reviewIds.length > 0) {
        const id = reviewIds[Math.floor(Math.random() * reviewIds.length)]!;
        await withFailover('vote', (base) => call(base, user, 'POST', `/reviews/${id}/helpful`, { _csrf: user.csrf, helpful: 'true' }));
      } else if (!user.burst) {
        const open = PRODUCTS.filter((p) => !user.reviewed.has(p.slug));
        if (open.length === 0) continue;
        const target = open[Math.floor(Math.random() * open.length)]!;
        await post(user, target.slug, genuineReviewText(user.n));
      }
    }
  };
  const started = Date.now();
  await Promise.all(users.map(loop));
  return { stats: stats.summary((Date.now() - started) / 1000), acks };
}

/** Every acknowledged review is stored exactly once; nothing was stored twice for one idempotency key. */
async function checkAcks(url: string, acks: Ack[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = acks.map((a) => a.id);
    const found = (await client.query<{ id: string }>('SELECT id FROM reviews WHERE id = ANY($1::text[])', [ids])).rows.map((r) => r.id);
    const foundSet = new Set(found);
    const lost = ids.filter((id) => !foundSet.has(id)).length;
    const keys = acks.map((a) => a.key);
    const duplicated = Number(
      (
        await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM (SELECT idempotency_key FROM reviews WHERE idempotency_key = ANY($1::text[]) GROUP BY account_id, idempotency_key HAVING count(*) > 1) d',
          [keys],
        )
      ).rows[0]!.n,
    );
    const ackedTwice = ids.length - new Set(ids).size;
    const backlog = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM reassessment_jobs WHERE done_at IS NULL')).rows[0]!.n);
    return { acknowledged: ids.length, lost, duplicated: duplicated + ackedTwice, jobBacklog: backlog };
  } finally {
    await client.end();
  }
}

async function helloWorldBaseline(seconds: number) {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', `const e=require('express');const a=e();a.get('/',(q,s)=>s.send('hello'));a.listen(${port},'127.0.0.1')`], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  try {
    await waitFor(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok), 'hello world');
    const stats = new Stats();
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          const t = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/`);
          await res.text();
          stats.record('hello', performance.now() - t, res.status);
        }
      }),
    );
    return stats.summary(seconds);
  } finally {
    child.kill('SIGKILL');
  }
}

async function main() {
  const pgServer = await startPostgres();
  const children: ChildProcess[] = [];
  const results: Record<string, unknown> = {
    seconds: SECONDS,
    connections: CONNECTIONS,
    at: new Date().toISOString(),
    load: (await import('node:os')).loadavg(),
  };
  try {
    results.helloWorld = await helloWorldBaseline(Math.min(10, SECONDS));
    console.log('bare Express hello world:', results.helloWorld);

    // Phase 1: one process.
    const portA = await freePort();
    const a = startCandor(pgServer.url, portA);
    children.push(a);
    await waitFor(healthy(portA), 'the first Candor process');
    const baseA = `http://127.0.0.1:${portA}`;
    const burstUsers = 25;
    const users: User[] = [];
    for (let i = 0; i < CONNECTIONS; i++) users.push(await signUp(baseA, pgServer.url, i, i < burstUsers));
    const one = await runTraffic([baseA], users, SECONDS);
    results.oneProcess = { ...one.stats, ...(await checkAcks(pgServer.url, one.acks)) };
    console.log('one process:', results.oneProcess);

    // Phase 2: a second process on the same database; the first is killed with SIGKILL half-way.
    const portB = await freePort();
    const b = startCandor(pgServer.url, portB);
    children.push(b);
    await waitFor(healthy(portB), 'the second Candor process');
    const fresh: User[] = [];
    for (let i = 0; i < CONNECTIONS; i++) fresh.push(await signUp(i % 2 ? baseA : `http://127.0.0.1:${portB}`, pgServer.url, 1000 + i, i < burstUsers));
    // The burst ring of phase 2 posts to a product its members have not reviewed yet.
    const two = await runTraffic([baseA, `http://127.0.0.1:${portB}`], fresh, SECONDS, () => a.kill('SIGKILL'));
    const backlogAtEnd = (await checkAcks(pgServer.url, [])).jobBacklog;
    // Give the surviving worker a bounded moment to drain the re-checks queued by the burst before counting.
    await waitFor(async () => (await checkAcks(pgServer.url, [])).jobBacklog === 0, 'the job backlog to drain', 30_000).catch(() => undefined);
    results.twoProcessesOneKilled = { ...two.stats, ...(await checkAcks(pgServer.url, two.acks)), jobBacklogAtEnd: backlogAtEnd };
    console.log('two processes, one killed half-way:', results.twoProcessesOneKilled);
    const hello = results.helloWorld as { perSecond: number };
    results.ratioToHelloWorld = {
      oneProcess: Math.round((one.stats.perSecond / hello.perSecond) * 1000) / 1000,
      twoProcesses: Math.round((two.stats.perSecond / hello.perSecond) * 1000) / 1000,
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    pgServer.stop();
  }
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'load-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written bench/load-results.json');
}

main().catch((error) => {
  console.error(`load-test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
