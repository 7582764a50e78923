process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemoData, DEMO_LOGINS } from './demo/seed-demo.js';
import { outboxDepsFrom } from './mail/outbox-worker.js';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './storage/data-dir-lock.js';
import { startBackgroundWorker } from './workers/background-worker.js';
import { openDatabase } from './storage/database.js';
import { migrate } from './storage/migrate.js';
import { buildServices, loadStoredTextModel } from './wiring.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  // PGlite: one process per data directory, or acknowledged writes are lost (see data-dir-lock.ts).
  let dirLock: DataDirLock | null = null;
  if (!config.databaseUrl) {
    try {
      dirLock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(error.message);
        process.exit(3);
      }
      throw error;
    }
  }
  const db = await openDatabase(config);
  const services = buildServices({ config, db, logger });
  // Demo data is loaded under the migration lock: a second process starting at the same time waits, then finds
  // it loaded; nobody serves a half-loaded database.
  const applied = await migrate(db, async () => {
    if (!config.demoData) return;
    const seeded = await seedDemoData(services);
    if (seeded) logger.info(seeded, 'demo data loaded');
  });
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const modelVersion = await loadStoredTextModel(services);
  if (modelVersion) logger.info({ modelVersion }, 'text model loaded');

  const app = createApp(services);
  // Re-checks, the outbox, model sync and maintenance; safe with several processes (SKIP LOCKED, advisory lock).
  const worker = startBackgroundWorker({ ...services, outbox: outboxDepsFrom(services) });
  const server = app.listen(config.port, config.host, () => {
    const url = `http://${config.host}:${config.port}`;
    logger.info({ url, database: db.kind }, 'Candor is listening');
    if (config.demoData) {
      console.log(`\nCandor is running at ${url}  (database: ${db.kind === 'pglite' ? config.dataDir : 'PostgreSQL'})`);
      console.log('Demo sign-ins:');
      for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}  /  ${login.password}`);
      console.log('');
    }
  });
  server.on('error', (error) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      worker
        .stop()
        .then(() => db.close())
        .then(() => dirLock?.release())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(`Candor failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
