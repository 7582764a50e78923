import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import { openPostgres } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';
import { insertModeratorLabel } from '../../server/storage/moderation-repo.js';
import { csrfToken } from '../helpers/test-app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'a long admin password';

const LABELLED = [
  { text: 'Best product ever!!! Five stars, buy it now, amazing amazing amazing', fake: true },
  { text: 'Perfect perfect perfect, everyone must buy this, best seller, top quality', fake: true },
  { text: 'The left strap frayed after a month of daily commuting; otherwise it holds a laptop fine.', fake: false },
  { text: 'Arrived a day late. The lid seal is tight and it kept soup warm for about five hours.', fake: false },
];

interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
}

/** `npm start`'s server (through tsx) on its own port, on the given database, after it answers /healthz. */
async function startServer(databaseUrl: string): Promise<Server> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, CANDOR_DEMO_DATA: 'off', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling the start-up state, not waiting for a result
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function signIn(base: string, email: string) {
  const agent = request.agent(base);
  const token = await csrfToken(agent, '/signin');
  await agent.post('/signin').type('form').send({ _csrf: token, email, password: PASSWORD }).expect(303);
  return agent;
}

const currentModel = async (agent: ReturnType<typeof request.agent>) =>
  ((await agent.get('/console/models').set('Accept', 'application/json').expect(200)).body as { current: string | null }).current;

// Two server processes need a database both can reach: PostgreSQL (a PGlite directory has one owner process).
if (process.env.DATABASE_URL) {
  describe('one model for two server processes on one PostgreSQL', function () {
    this.timeout(240_000);
    const url = process.env.DATABASE_URL!;
    const schema = `twoproc_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(url, { max: 1 });
    const servers: Server[] = [];

    before(async () => {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const db = openPostgres(url, { schema, max: 2 });
      try {
        await migrate(db);
        await createAccount(db, {
          id: 'a_two_proc_admin',
          displayName: 'Admin',
          email: 'admin.twoproc@candor.example',
          passwordHash: await hashPassword(PASSWORD),
          role: 'admin',
          ip: null,
          userAgent: null,
          at: new Date('2024-01-01T00:00:00Z'),
        });
        for (const [i, l] of LABELLED.entries()) {
          await insertModeratorLabel(db, {
            kind: 'review',
            id: `r_two_proc_${i}`,
            text: l.text,
            fake: l.fake,
            decision: l.fake ? 'reject' : 'publish',
            reason: null,
            moderatorId: 'a_two_proc_admin',
            at: new Date('2026-05-01T00:00:00Z'),
          });
        }
      } finally {
        await db.close();
      }
      // Both processes on the schema: the connection string's options set their search_path.
      const schemaUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
      servers.push(...(await Promise.all([startServer(schemaUrl), startServer(schemaUrl)])));
    });
    after(async () => {
      await Promise.all(servers.map(stopServer));
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    });

    it('when an admin retrains through one process, then the other process switches to the new model without a restart', async () => {
      const [one, two] = servers as [Server, Server];
      const viaOne = await signIn(one.base, 'admin.twoproc@candor.example');
      const viaTwo = await signIn(two.base, 'admin.twoproc@candor.example');
      expect(await currentModel(viaTwo)).to.equal(null);

      const token = await csrfToken(viaOne, '/console/models');
      await viaOne.post('/console/models/retrain').type('form').send({ _csrf: token }).expect(303);
      const trained = await currentModel(viaOne);
      expect(trained).to.be.a('string');

      // The other process hears of it by notification (or, failing that, its poll): poll its state, bounded.
      const started = Date.now();
      let seen = await currentModel(viaTwo);
      while (seen !== trained && Date.now() - started < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = await currentModel(viaTwo);
      }
      expect(seen, two.output()).to.equal(trained);
    });
  });
}
