// Benchmark: the time of one integrity check (loadContext + assess) with 10k, 100k and 1M reviews stored.
// Usage: npm run bench:integrity -- [--sizes 10000,100000,1000000] [--checks 300]
// Each size gets its own PGlite database on disk, filled in bulk with SQL (realistic shapes: reviews spread
// over two years and many products, texts drawn from shared templates so MinHash bands collide as real
// near-duplicates do, identifiers shared by households and by popular browsers). Prints p50/p99 per size and
// the ratio to the smallest size; sublinear growth means the checks use indexes, not scans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPglite } from '../server/storage/database.js';
import { fillCatalogue } from './bench/catalogue.js';
import { timeIntegrityChecks } from './bench/integrity-checks.js';
import { migrate } from '../server/storage/migrate.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' }, checks: { type: 'string', default: '300' } } });
const sizes = values.sizes!.split(',').map(Number);
const checks = Number(values.checks);
if (sizes.some((n) => !Number.isInteger(n) || n < 1000) || !Number.isInteger(checks) || checks < 10) {
  console.error('bench: --sizes must be integers ≥ 1000, --checks an integer ≥ 10');
  process.exit(2);
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
async function measure(n: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'candor-bench-'));
  const db = await openPglite(dir);
  try {
    await migrate(db);
    const t0 = Date.now();
    const catalogue = await fillCatalogue(db, n);
    log(`  filled ${n} reviews in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return await timeIntegrityChecks(db, catalogue, n, checks);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const n of sizes) {
  log(`size ${n}:`);
  results.push(await measure(n));
}
const base = results[0]!;
console.log('reviews    | p50 ms | p99 ms | mean ms | p50 vs smallest | size vs smallest');
for (const x of results) {
  console.log(
    `${String(x.n).padEnd(10)} | ${x.p50.toFixed(1).padStart(6)} | ${x.p99.toFixed(1).padStart(6)} | ${x.mean.toFixed(1).padStart(7)} | ${(x.p50 / base.p50).toFixed(2).padStart(15)}x | ${(x.n / base.n).toFixed(0).padStart(15)}x`,
  );
}
