// Generator C (blind, third): node --import tsx scripts/generate-blind-scenario-c.ts --seed N --reviews 2000 --out events.jsonl --truth truth.json
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateScenarioC, MIN_REVIEWS } from '../test/fixtures/blind-generator-c/generate.js';

const USAGE = `usage: generate-blind-scenario-c.ts --seed N --reviews COUNT (>= ${MIN_REVIEWS}) --out EVENTS.jsonl --truth TRUTH.json`;

function fail(message: string): never {
  process.stderr.write(`generate-blind-scenario-c: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { seed: { type: 'string' }, reviews: { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' } } }));
} catch (error) {
  fail((error as Error).message);
}
const seed = Number(values.seed);
const reviews = Number(values.reviews ?? 2000);
if (!values.seed || !Number.isInteger(seed) || seed < 0) fail('--seed must be a non-negative integer');
if (!Number.isInteger(reviews) || reviews < MIN_REVIEWS) fail(`--reviews must be an integer >= ${MIN_REVIEWS}`);
if (!values.out || !values.truth) fail('--out and --truth are required');
const { events, truth } = generateScenarioC({ seed, reviews });
writeFileSync(values.out, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(values.truth, JSON.stringify(truth) + '\n');
process.stderr.write(`generate-blind-scenario-c: ${Object.keys(truth.reviews).length} reviews, ${events.length} events (seed ${seed})\n`);
