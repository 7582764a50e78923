import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { openPostgres, type Database } from '../../server/storage/database.js';
import { buildServices, type Services } from '../../server/wiring.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

interface Instance {
  db: Database;
  services: Services;
  app: ReturnType<typeof createApp>;
  /** Queries this instance's app and watch sent to the database (a count, not a stand-in: they still run). */
  queries: () => number;
  /** Request log lines of responses answered from the cache before Express. */
  early: () => number;
  close(): Promise<void>;
}

/**
 * One Candor instance on `db`, logging at info into memory and counting the queries it sends. On PostgreSQL a
 * second instance gets its own pool (and listening connection) on the same schema, as another process would.
 */
function instance(ctx: TestContext, ownPool: boolean): Instance {
  const schema = (ctx.db as Database & { schema?: string }).schema;
  const base = ownPool && ctx.db.kind === 'postgres' && schema ? openPostgres(process.env.DATABASE_URL!, { schema, max: 3 }) : ctx.db;
  let queries = 0;
  const db: Database = {
    ...base,
    query: (sql, params) => {
      queries++;
      return base.query(sql, params);
    },
  };
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const services = buildServices({ config: ctx.services.config, db, logger, clock: ctx.services.clock });
  const app = createApp(services);
  return {
    db,
    services,
    app,
    queries: () => queries,
    early: () => lines.filter((line) => line.includes('"cached":true')).length,
    close: async () => (base !== ctx.db ? base.close() : undefined),
  };
}

async function productNameAt(app: Instance['app'], api: string): Promise<string> {
  return ((await request(app).get(api).expect(200)).body as { product_name: string }).product_name;
}

/** Reads through `target` until it shows `name`, waiting for each change the instance learns of (no sleeps). */
async function seenAfterNotification(target: Instance, api: string, name: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const changed = target.services.contentVersion.nextChange();
    if ((await productNameAt(target.app, api)) === name) return;
    await changed;
  }
  expect.fail(`never showed ${name}`);
}

describe('public reads without a database read (content version by notification)', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let a: Instance;
  let b: Instance;
  let api: string;
  let tab: string;
  let productId: string;

  const productName = (app: Instance['app']) => productNameAt(app, api);

  before(async () => {
    ctx = await createTestContext();
    const catalog = await seedCatalog(ctx.db);
    api = `/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`;
    tab = `/products/${catalog.product.slug}/reviews`;
    productId = catalog.product.id;
    a = instance(ctx, false);
    b = instance(ctx, true);
    await a.services.contentVersion.start();
    await b.services.contentVersion.start();
  });
  after(async () => {
    await b.close();
    await ctx.close();
  });

  it('when the watch listens and a response is stored, then the same read is answered before Express and sends no query', async () => {
    expect(a.services.contentVersion.live).to.equal(true);
    const first = await request(a.app).get(api).expect(200);
    const queriesBefore = a.queries();
    const earlyBefore = a.early();
    const again = await request(a.app).get(api).expect(200);
    expect(a.queries()).to.equal(queriesBefore);
    expect(a.early()).to.equal(earlyBefore + 1);
    expect(again.text).to.equal(first.text);
    expect(again.headers.etag).to.equal(first.headers.etag);
    // The replayed response carries the headers Express sent (security headers, CORS vary, cache policy).
    for (const name of ['content-security-policy', 'x-content-type-options', 'cache-control', 'vary', 'content-type']) {
      expect(again.headers[name], name).to.equal(first.headers[name]);
    }
    expect(again.headers['x-request-id']).to.be.a('string').and.not.equal(first.headers['x-request-id']);
    await request(a.app)
      .get(api)
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
  });

  it('when a browser without a device id asks for a stored tab, then it is answered early with the same device cookie the app would set', async () => {
    const returning = 'candor.did=returning0browser0abcd';
    await request(a.app).get(tab).set('Cookie', returning).expect(200);
    const stored = await request(a.app).get(tab).set('Cookie', returning).expect(200);
    expect(stored.headers['set-cookie']).to.equal(undefined);
    // What the app itself sends a browser without a device id (the home page is never stored).
    const attributes = (res: request.Response) =>
      String(res.headers['set-cookie'])
        .split('; ')
        .filter((part) => !/^(candor\.did|Expires)=/.test(part))
        .sort();
    for (const proto of ['http', 'https']) {
      const fromApp = await request(a.app).get('/').set('X-Forwarded-Proto', proto).expect(200);
      const earlyBefore = a.early();
      const first = await request(a.app).get(tab).set('X-Forwarded-Proto', proto).expect(200);
      expect(a.early(), proto).to.equal(earlyBefore + 1);
      expect(first.text).to.equal(stored.text);
      expect(String(first.headers['set-cookie'])).to.match(/^candor\.did=[A-Za-z0-9_-]{22}; /);
      expect(attributes(first), proto).to.deep.equal(attributes(fromApp));
      expect(attributes(first).includes('Secure'), proto).to.equal(proto === 'https');
      // The browser comes back with it: answered early, no new cookie.
      const id = /^candor\.did=([^;]+)/.exec(String(first.headers['set-cookie']))![1]!;
      const again = await request(a.app).get(tab).set('Cookie', `candor.did=${id}`).expect(200);
      expect(again.headers['set-cookie']).to.equal(undefined);
    }
  });

  it('when public content changes through a query or a transaction of this instance, then its very next read shows it', async () => {
    await productName(a.app);
    await a.db.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent by query', productId]);
    expect(await productName(a.app)).to.equal('Tent by query');
    await productName(a.app); // stored again, and answered early
    await a.db.transaction((tx) => tx.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent by transaction', productId]));
    expect(await productName(a.app)).to.equal('Tent by transaction');
  });

  it('when another instance writes (on PostgreSQL another pool; on PGlite the database handle itself), then this one learns of it by notification', async () => {
    await productName(a.app);
    await productName(b.app);
    const earlyBefore = b.early();
    expect(await productName(b.app)).to.equal('Tent by transaction');
    expect(b.early()).to.equal(earlyBefore + 1);
    const pglite = (ctx.db as Database & { pglite?: { query(sql: string, params: unknown[]): Promise<unknown> } }).pglite;
    if (pglite) {
      // PGlite: one process owns the directory, and a commit's notification arrives before the commit returns,
      // so even a write that bypasses Candor's wrapper is seen by the very next read.
      await pglite.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent raw', productId]);
      expect(await productName(a.app)).to.equal('Tent raw');
      expect(await productName(b.app)).to.equal('Tent raw');
    } else {
      await b.db.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent raw', productId]);
      expect(await productName(b.app)).to.equal('Tent raw'); // the writer's own instance: at once
      await seenAfterNotification(a, api, 'Tent raw');
    }
  });
});

if (process.env.DATABASE_URL) {
  describe('public reads on PostgreSQL when the listening connection is lost', function () {
    this.timeout(120_000);
    let ctx: TestContext;
    let b: Instance;
    let api: string;
    let productId: string;

    before(async () => {
      ctx = await createTestContext();
      const catalog = await seedCatalog(ctx.db, '_lost');
      api = `/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`;
      productId = catalog.product.id;
      b = instance(ctx, true);
      await b.services.contentVersion.start();
    });
    after(async () => {
      await b.close();
      await ctx.close();
    });

    it('when the server drops the listener, then reads fall back to the version row (never stale) until it listens again', async () => {
      const name = () => productNameAt(b.app, api);
      await name();
      const schema = (ctx.db as Database & { schema: string }).schema;
      let changed = b.services.contentVersion.nextChange();
      const killed = await ctx.db.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [
        `candor listener ${schema}`,
      ]);
      expect(killed.rows.map((r) => r.ok)).to.deep.equal([true]);
      await changed;
      expect(b.services.contentVersion.live).to.equal(false);
      // Written by another pool while nobody listens: the row tells.
      await ctx.db.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent while deaf', productId]);
      expect(await name()).to.equal('Tent while deaf');
      while (!b.services.contentVersion.live) {
        changed = b.services.contentVersion.nextChange();
        await changed;
      }
      await ctx.db.query('UPDATE products SET name = $1 WHERE id = $2', ['Tent listening again', productId]);
      await seenAfterNotification(b, api, 'Tent listening again');
    });
  });
}
