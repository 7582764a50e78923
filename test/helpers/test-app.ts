import { pino } from 'pino';
import request from 'supertest';
import { createApp, type AppOptions } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createAccount, hashPassword, makeMerchantStaff } from '../../server/accounts/accounts.js';
import { insertMerchant, insertProduct, insertOrder } from '../../server/storage/catalog-repo.js';
import type { Database } from '../../server/storage/database.js';
import { buildServices, type Services } from '../../server/wiring.js';
import { createTestDatabase } from './test-database.js';

export interface TestContext {
  db: Database;
  services: Services;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** A whole Candor app on a fresh database, with a clock the test controls. */
export async function createTestContext(options: AppOptions & { now?: Date; env?: Record<string, string> } = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const now = options.now ?? new Date('2026-06-01T12:00:00Z');
  // Trusting X-Forwarded-For lets each test person post from an address of their own, as real people do;
  // without it every request comes from 127.0.0.1 and the identity checks rightly link them all.
  const config = loadConfig({ NODE_ENV: 'test', CANDOR_DEMO_DATA: 'off', LOG_LEVEL: 'silent', TRUST_PROXY: 'true', ...options.env });
  const services = buildServices({ config, db, logger: pino({ level: 'silent' }), clock: () => now });
  const app = createApp(services, {
    rateLimits: {
      signup: 1000,
      signin: 1000,
      review: 1000,
      comment: 1000,
      vote: 1000,
      report: 1000,
      reply: 1000,
      appeal: 1000,
      accountMail: 1000,
      accountChange: 1000,
      accountLink: 1000,
      ...options.rateLimits,
    },
  });
  return { db, services, app, close: () => db.close() };
}

let sequence = 0;
export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

export async function seedCatalog(db: Database, suffix = '') {
  const merchant = { id: `m_test${suffix}`, slug: `test-shop${suffix}`, name: `Test Shop${suffix}`, domain: `test-shop${suffix}.example` };
  await insertMerchant(db, merchant);
  const product = {
    id: `p_tent${suffix}`,
    merchantId: merchant.id,
    slug: `tent${suffix}`,
    sku: `TENT${suffix}`,
    name: `Tent${suffix}`,
    description: 'A tent.',
    category: 'camping',
    url: null,
  };
  const other = {
    id: `p_stove${suffix}`,
    merchantId: merchant.id,
    slug: `stove${suffix}`,
    sku: `STOVE${suffix}`,
    name: `Stove${suffix}`,
    description: 'A stove.',
    category: 'camping',
    url: null,
  };
  await insertProduct(db, product);
  await insertProduct(db, other);
  return { merchant, product, other };
}

/** Creates an account directly (fast: one shared password hash) and returns a signed-in supertest agent. */
export async function signedInAgent(
  ctx: TestContext,
  overrides: { role?: 'customer' | 'moderator' | 'admin'; email?: string; ip?: string; createdAt?: Date; staffOf?: string } = {},
) {
  sequence++;
  passwordHash ??= hashPassword(PASSWORD);
  const email = overrides.email ?? `person${sequence}.${Date.now()}@mail${sequence}.example`;
  const ip = overrides.ip ?? `100.${64 + (sequence % 60)}.${sequence % 250}.${1 + ((sequence * 7) % 250)}`;
  const account = await createAccount(ctx.db, {
    displayName: `Person ${sequence}`,
    email,
    passwordHash: await passwordHash,
    role: overrides.role ?? 'customer',
    ip,
    userAgent: `TestBrowser/${sequence}`,
    at: overrides.createdAt ?? new Date(Date.parse('2024-01-01T00:00:00Z') + sequence * 5 * 86_400_000),
  });
  if (overrides.staffOf) await makeMerchantStaff(ctx.db, overrides.staffOf, account.id, true);
  const agent = request.agent(ctx.app);
  agent.set('X-Forwarded-For', ip);
  agent.set('User-Agent', `TestBrowser/${sequence}`);
  const token = await csrfToken(agent, '/signin');
  const signIn = await agent.post('/signin').type('form').send({ _csrf: token, email, password: PASSWORD }).expect(303);
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  return { agent, account, cookie, csrf: () => csrfToken(agent, '/') };
}

/** Reads the CSRF token the server put into a page for this agent's session. */
export async function csrfToken(agent: ReturnType<typeof request.agent>, path: string): Promise<string> {
  const res = await agent.get(path);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text) ?? /name="csrf-token" content="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return match[1]!;
}

export async function addOrder(db: Database, accountId: string, productId: string, merchantId: string, orderedAt: Date) {
  const id = `o_${++sequence}`;
  await insertOrder(db, { id, merchantId, productId, accountId, email: null, orderedAt });
  return id;
}

export const TEST_PASSWORD = PASSWORD;
