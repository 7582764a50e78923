// Writes a synthetic replay stream and its ground truth:
//   node --import tsx scripts/generate-scenario.ts --seed 7 --out /tmp/events.jsonl --truth /tmp/truth.json [--scale 1]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateScenario } from '../test/fixtures/scenario-generator.js';

const USAGE = 'usage: generate-scenario.ts --seed N --out EVENTS.jsonl --truth TRUTH.json [--scale X]';

const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' }, scale: { type: 'string' } } });
const seed = Number(values.seed);
const scale = values.scale === undefined ? 1 : Number(values.scale);
if (!Number.isInteger(seed) || !values.out || !values.truth || !(scale > 0)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const { events, truth } = generateScenario({ seed, scale });
writeFileSync(values.out, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(values.truth, JSON.stringify(truth, null, 1) + '\n');
const kinds: Record<string, number> = {};
for (const t of Object.values(truth.reviews)) {
  const key = t.hardNegative ? `genuine/${t.hardNegative}` : t.kind;
  kinds[key] = (kinds[key] ?? 0) + 1;
}
process.stderr.write(`seed ${seed}: ${events.length} events, ${Object.keys(truth.reviews).length} reviews ${JSON.stringify(kinds)}\n`);
