import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type session from 'express-session';
import { pino } from 'pino';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/storage/database.js';
import { PostgresSessionStore } from '../../server/storage/session-store.js';
import { buildServices } from '../../server/wiring.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const DAY = 86_400_000;

function sessionData(expires: Date, extra: Record<string, unknown> = {}): session.SessionData {
  return { cookie: { originalMaxAge: 14 * DAY, expires, httpOnly: true, path: '/' }, ...extra } as unknown as session.SessionData;
}

function call<T>(fn: (callback: (err?: unknown, value?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

describe('session store', () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('when a write from an earlier answer reaches the store after a later one, then the later session is kept', async () => {
    const store = new PostgresSessionStore(ctx.db);
    const first = new Date(Date.now() + 14 * DAY);
    const later = new Date(first.getTime() + 7);
    await call((cb) => store.set('sid-late', sessionData(first, { passport: { user: 'a1' } }), cb));
    await call((cb) => store.set('sid-late', sessionData(later, { passport: { user: 'a1' }, csrfToken: 'token-of-the-later-answer' }), cb));
    // The earlier answer's write, which never had the token, arrives last.
    await call((cb) => store.set('sid-late', sessionData(first, { passport: { user: 'a1' } }), cb));
    const stored = await call<session.SessionData | null>((cb) => store.get('sid-late', cb));
    expect(stored).to.include({ csrfToken: 'token-of-the-later-answer' });
    const row = await ctx.db.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE sid = $1', ['sid-late']);
    expect(new Date(row.rows[0]!.expires_at).getTime()).to.equal(later.getTime());
  });

  it('when a later answer changes or removes something, then its write replaces the session', async () => {
    const store = new PostgresSessionStore(ctx.db);
    const first = new Date(Date.now() + 14 * DAY);
    await call((cb) => store.set('sid-next', sessionData(first, { flash: 'Your review is published.' }), cb));
    await call((cb) => store.set('sid-next', sessionData(new Date(first.getTime() + 5)), cb));
    const stored = await call<session.SessionData | null>((cb) => store.get('sid-next', cb));
    expect(stored).to.not.have.property('flash');
  });

  it('when a touch from an earlier answer arrives late, then the expiry does not move back', async () => {
    const store = new PostgresSessionStore(ctx.db);
    const later = new Date(Date.now() + 14 * DAY + 50);
    await call((cb) => store.set('sid-touch', sessionData(later), cb));
    await call<void>((cb) => store.touch('sid-touch', sessionData(new Date(later.getTime() - 20)), () => cb()));
    const row = await ctx.db.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE sid = $1', ['sid-touch']);
    expect(new Date(row.rows[0]!.expires_at).getTime()).to.equal(later.getTime());
    await call<void>((cb) => store.touch('sid-touch', sessionData(new Date(later.getTime() + 1000)), () => cb()));
    const moved = await ctx.db.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE sid = $1', ['sid-touch']);
    expect(new Date(moved.rows[0]!.expires_at).getTime()).to.equal(later.getTime() + 1000);
  });

  it('when a browser follows the sign-in redirect before the sign-in has finished writing its session, then its form token still works', async () => {
    const catalog = await seedCatalog(ctx.db, '-race');
    const password = 'a long enough password';
    const email = 'racer@race.example';
    await createAccount(ctx.db, {
      displayName: 'Racer',
      email,
      passwordHash: await hashPassword(password),
      ip: '100.70.1.2',
      userAgent: 'RaceBrowser/1',
      at: new Date('2024-01-01T00:00:00Z'),
    });
    // The sign-in's session writes (they carry the account, never a form token): the second one is held back, as a
    // slow pooled connection would, until the browser has loaded the next page.
    let signInWrites = 0;
    let releaseHeld!: () => void;
    const released = new Promise<void>((resolve) => {
      releaseHeld = resolve;
    });
    let heldWrite: Promise<unknown> | null = null;
    const db: Database = {
      ...ctx.db,
      query: <T>(sql: string, params?: unknown[]) => {
        const json = typeof params?.[1] === 'string' ? params[1] : '';
        if (sql.trimStart().startsWith('INSERT INTO sessions') && json.includes('"passport"') && !json.includes('csrfToken')) {
          signInWrites++;
          if (signInWrites === 2) {
            const held = released.then(() => ctx.db.query<T>(sql, params));
            heldWrite = held;
            return held;
          }
        }
        return ctx.db.query<T>(sql, params);
      },
    };
    const services = buildServices({ config: ctx.services.config, db, logger: pino({ level: 'silent' }), clock: ctx.services.clock });
    const server = createApp(services, { rateLimits: { signin: 1000, review: 1000 } }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookies = new Map<string, string>();
    const browse = async (path: string, form?: Record<string, string>, accept = 'text/html') => {
      const res = await fetch(base + path, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          'X-Forwarded-For': '100.70.1.2',
          'User-Agent': 'RaceBrowser/1',
          Accept: accept,
          Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair!.indexOf('=');
        cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      return res;
    };
    const tokenOn = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await browse(path)).text())![1]!;
    try {
      const signIn = await browse('/signin', { _csrf: await tokenOn('/signin'), email, password });
      // The redirect's headers are here; its body (and the held write) are not: the browser goes on, as browsers do.
      expect(signIn.status).to.equal(303);
      const formToken = await tokenOn(`/products/${catalog.product.slug}/reviews/new`);
      expect(signInWrites).to.equal(2);
      releaseHeld();
      await heldWrite;
      await signIn.arrayBuffer();
      const post = await browse(
        `/products/${catalog.product.slug}/reviews`,
        { _csrf: formToken, rating: '4', title: 'Dry through a storm', body: 'Pitched it twice in heavy rain and the inner stayed dry both nights.' },
        'application/json',
      );
      expect(post.status, await post.text()).to.equal(201);
    } finally {
      releaseHeld();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
