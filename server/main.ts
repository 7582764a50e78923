import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './storage/data-dir-lock.js';
import { openDatabase } from './storage/database.js';
import { shiftDemoTimes, startFromDemoTemplate } from './storage/pglite-template.js';

/**
 * The rest of the server, imported while the database opens: PGlite compiles its WebAssembly on other threads and
 * waits on the disk while it reads its catalogue, and loading some 700 module files keeps this thread busy meanwhile
 * (measured on a restart with 100,000 reviews: 1.38 s to an open database with every module loaded, against 1.66–1.85
 * s one after the other).
 */
async function loadServer() {
  const [app, demo, outbox, sessionSecret, worker, migrations, wiring] = await Promise.all([
    import('./app.js'),
    import('./demo/seed-demo.js'),
    import('./outbox/outbox-worker.js'),
    import('./security/session-secret.js'),
    import('./workers/background-worker.js'),
    import('./storage/migrate.js'),
    import('./wiring.js'),
  ]);
  return { ...app, ...demo, ...outbox, ...sessionSecret, ...worker, ...migrations, ...wiring };
}

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
  const modules = loadServer();
  // Awaited below; a failure to open the database first must not leave it an unhandled rejection.
  modules.catch(() => undefined);
  // A new PGlite directory with demo data starts as a copy of the demo loaded by this build (npm run build), when
  // there is one; its times are moved to now below. Photos kept in a directory are not in the copy: then the demo is
  // loaded here, as without a template.
  if (dirLock && config.demoData && config.photos.storage === 'database' && startFromDemoTemplate(config.dataDir, config.demoTemplateDir ?? undefined)) {
    logger.info('new data directory: a copy of the demo data loaded by the build');
  }
  const db = await openDatabase(config);
  const {
    createApp,
    seedDemoData,
    DEMO_LOGINS,
    outboxDepsFrom,
    resolveSessionSecret,
    DEFAULT_SCHEDULE,
    startBackgroundWorker,
    migrate,
    buildServices,
    loadStoredTextModel,
  } = await modules;
  // The session secret lives in the database (created once), so services are built after the migrations; demo data
  // is loaded under the migration lock: a second process starting at the same time waits, then finds it loaded;
  // nobody serves a half-loaded database.
  let services!: ReturnType<typeof buildServices>;
  const applied = await migrate(db, async () => {
    // First: every time in a copy of the demo template moves, so nothing written at this start may be in it yet.
    const shiftMs = await shiftDemoTimes(db, new Date());
    if (shiftMs !== null) logger.info({ shiftMs }, 'demo data moved to the current time');
    const { secret, generated } = await resolveSessionSecret(db, config.sessionSecret);
    if (generated) logger.info('SESSION_SECRET not set: using the random secret generated once and kept in the database');
    services = buildServices({ config: { ...config, sessionSecret: secret }, db, logger });
    if (!config.demoData) return;
    const seeded = await seedDemoData(services);
    if (seeded) logger.info(seeded, 'demo data loaded');
  });
  if (applied.length) logger.info({ applied }, 'migrations applied');
  // Listening before serving: from the first request on, cached public reads need no database read.
  await services.contentVersion.start();
  const modelVersion = await loadStoredTextModel(services);
  if (modelVersion) logger.info({ modelVersion }, 'text model loaded');

  const app = createApp(services);
  // Re-checks, the outbox, model sync and maintenance; safe with several processes (SKIP LOCKED, advisory lock).
  const worker = startBackgroundWorker(
    { ...services, outbox: outboxDepsFrom(services) },
    {
      ...DEFAULT_SCHEDULE,
      retention: { ...DEFAULT_SCHEDULE.retention, rawSignalsMs: config.rawSignalDays * 86_400_000 },
    },
  );
  const server = app.listen(config.port, config.host, () => {
    const url = `http://${config.host}:${config.port}`;
    logger.info({ url, database: db.kind }, 'Candor is listening');
    const mode = config.production ? 'production rules' : 'development rules';
    if (config.demoData) {
      console.log(`\nCandor is running at ${url} in DEMO MODE with ${mode}  (database: ${db.kind === 'pglite' ? config.dataDir : 'PostgreSQL'})`);
      console.log('Demo sign-ins:');
      for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}  /  ${login.password}`);
      console.log('Demo data is loaded: do not use these accounts for a real site (CANDOR_DEMO_DATA=off).');
      if (services.outbound.devMailViewer) console.log(`Development mailbox (admins only): ${url}/dev/mail`);
      console.log('');
    } else {
      console.log(`Candor is running at ${url} with ${mode}`);
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
