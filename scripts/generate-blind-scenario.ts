// Writes a blind scenario (replay events + ground truth) for measuring the integrity pipeline from outside.
// Usage: node --import tsx scripts/generate-blind-scenario.ts --seed N --reviews 2000 --out EVENTS.jsonl --truth TRUTH.json
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAX_REVIEWS, MIN_REVIEWS, generateBlindScenario } from '../test/fixtures/blind-generator/index.js';

const USAGE = `usage: generate-blind-scenario --seed N --reviews ${MIN_REVIEWS}..${MAX_REVIEWS} --out EVENTS.jsonl --truth TRUTH.json`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integerArg(value: string | undefined, name: string): number {
  if (value === undefined) fail(`missing --${name}`);
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: { seed: { type: 'string' }, reviews: { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail((err as Error).message);
}
const seed = integerArg(values.seed, 'seed');
const reviews = integerArg(values.reviews, 'reviews');
if (reviews < MIN_REVIEWS || reviews > MAX_REVIEWS) fail(`--reviews must be from ${MIN_REVIEWS} to ${MAX_REVIEWS}`);
if (!values.out) fail('missing --out');
if (!values.truth) fail('missing --truth');

const started = performance.now();
const { events, truth } = generateBlindScenario({ seed, reviews });
// Written in chunks: one joined string of 250,000 events would double the peak memory at 100,000 reviews.
const fd = openSync(values.out, 'w');
for (let i = 0; i < events.length; i += 5000)
  writeSync(
    fd,
    events
      .slice(i, i + 5000)
      .map((e) => JSON.stringify(e) + '\n')
      .join(''),
  );
closeSync(fd);
writeFileSync(values.truth, JSON.stringify(truth) + '\n');

const counts = new Map<string, number>();
for (const entry of Object.values(truth.reviews)) {
  const key = entry.hardNegative ? `genuine/${entry.hardNegative}` : entry.kind;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const summary = [...counts.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, v]) => `${k}=${v}`)
  .join(' ');
process.stderr.write(
  `blind-b seed=${seed} reviews=${Object.keys(truth.reviews).length} events=${events.length} ms=${Math.round(performance.now() - started)} ${summary}\n`,
);
