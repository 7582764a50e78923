// npm run --silent replay -- EVENTS.jsonl : verdicts on stdout, one JSON per review; logs on stderr.
import { readFile, writeFile } from 'node:fs/promises';
import { pino } from 'pino';
import { loadConfig } from '../server/config.js';
import { parseReplayStream, ReplayInputError } from '../server/replay/replay-events.js';
import { runReplay } from '../server/replay/run-replay.js';
import { openFreshSchema, openPglite, type Database } from '../server/storage/database.js';
import { migrate } from '../server/storage/migrate.js';
import { countStatements } from '../server/storage/statement-count.js';
import type { StatementProfile } from '../server/storage/statement-profile.js';
import { buildServices } from '../server/wiring.js';

function fail(message: string, code = 1): never {
  process.stderr.write(`replay: ${message}\n`);
  process.exit(code);
}

async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? openFreshSchema(url, 'replay', 2) : openPglite(undefined);
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) fail('usage: npm run --silent replay -- EVENTS.jsonl', 2);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`, 2);
  }
  let events;
  try {
    events = parseReplayStream(text);
  } catch (error) {
    if (error instanceof ReplayInputError) fail(`${file} ${error.message}`, 2);
    throw error;
  }
  const started = Date.now();
  const db = await freshDatabase();
  try {
    await migrate(db);
    const config = loadConfig({ ...process.env, CANDOR_DEMO_DATA: 'off' });
    const counted = countStatements(db);
    const services = buildServices({ config, db: counted, logger: pino({ level: 'silent' }) });
    const profile = (db as { profile?: StatementProfile }).profile;
    const profileEvery = Number(process.env.CANDOR_SQL_PROFILE_EVERY ?? 0);
    const top = Number(process.env.CANDOR_SQL_PROFILE_TOP ?? 20);
    const verdicts = await runReplay(services, events, (done) => {
      if (done % 500 === 0) process.stderr.write(`replay: ${done} reviews checked (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      if (profile && profileEvery > 0 && done % profileEvery === 0) {
        // CANDOR_SQL_PROFILE_EVERY=N: the statements of each stretch of N reviews, then counted afresh.
        process.stderr.write(`replay: reviews ${done - profileEvery + 1}–${done}, ${profile.report(top)}\n`);
        profile.reset();
      }
    });
    const out = verdicts.map((v) => JSON.stringify(v)).join('\n');
    process.stdout.write(out ? `${out}\n` : '');
    process.stderr.write(`replay: ${verdicts.length} reviews in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    // Every event's statements (accounts, orders, posts, re-checks, maintenance) over the reviews: what bounds the speed.
    const per = (n: number) => (verdicts.length ? n / verdicts.length : 0).toFixed(2);
    process.stderr.write(
      `replay: ${counted.statements()} statements, ${per(counted.statements())} per review; ${counted.calls()} calls, ${per(counted.calls())} per review\n`,
    );
    if (profile) {
      process.stderr.write(`replay: ${profile.report(top)}\n`);
      // How each prepared statement was planned: custom plans are planned again at every run.
      const plans = await db.query<{ custom_plans: number; generic_plans: number; statement: string }>(
        'SELECT custom_plans::int, generic_plans::int, statement FROM pg_prepared_statements ORDER BY custom_plans DESC LIMIT 12',
      );
      for (const p of plans.rows)
        process.stderr.write(`replay: plans custom ${p.custom_plans} generic ${p.generic_plans}  ${p.statement.replace(/\s+/g, ' ').slice(0, 140)}\n`);
    }
    if (profile && process.env.CANDOR_SQL_PROFILE_SAMPLES) await writeFile(process.env.CANDOR_SQL_PROFILE_SAMPLES, JSON.stringify(profile.samples()));
    // CANDOR_REPLAY_DUMP=FILE (PGlite): the database after the replay, as a tarball (PGlite's loadDataDir reads it).
    const pglite = (db as { pglite?: { dumpDataDir(compression: 'none'): Promise<Blob> } }).pglite;
    if (process.env.CANDOR_REPLAY_DUMP && pglite) {
      await writeFile(process.env.CANDOR_REPLAY_DUMP, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
