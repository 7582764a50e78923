// npm run cluster: N Candor processes behind one port on one PostgreSQL (Node's cluster module shares the
// listening socket). N = CANDOR_WORKERS, or the number of CPU cores. Each process runs its own background worker;
// they share work through the database. A process that dies is replaced; SIGTERM stops them all cleanly.
import cluster from 'node:cluster';
import os from 'node:os';
import { ConfigError, loadConfig } from '../server/config.js';

const MESSAGES = {
  pglite: 'npm run cluster needs PostgreSQL: set DATABASE_URL. The embedded database (PGlite) allows one process per data directory; use npm start.',
  badCount: (v: string) => `Invalid configuration: CANDOR_WORKERS must be a whole number from 1 to 64 (got "${v}")`,
};

function workerCount(): number {
  const raw = process.env.CANDOR_WORKERS;
  if (raw === undefined || raw === '') return Math.max(1, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(MESSAGES.badCount(raw));
    process.exit(2);
  }
  return n;
}

if (cluster.isPrimary) {
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
  if (!config.databaseUrl) {
    console.error(MESSAGES.pglite);
    process.exit(2);
  }
  const n = workerCount();
  let stopping = false;
  // Restarts are limited so a process that cannot start (bad port, database down) does not loop for ever.
  let restarts = 0;
  for (let i = 0; i < n; i++) cluster.fork();
  console.log(`Candor cluster: ${n} processes on ${config.host}:${config.port}`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Candor process ${worker.process.pid} exited (${signal ?? code})`);
    if (code === 1 || code === 2 || code === 3 || ++restarts > 10 * n) {
      console.error('Not restarting: it failed to start or keeps failing.');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await import('../server/main.js');
}
