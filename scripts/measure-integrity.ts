// Generates, replays and scores scenarios from both generators, one after the other, and prints one table:
//   npm run --silent measure:integrity -- --run A:9001:2000 --run B:101:2000 [--engine db|memory] [--json FILE] [--keep DIR]
// A = our generator (test/fixtures/scenario-generator.ts), B = the blind generator
// (scripts/generate-blind-scenario.ts, written without reading A or the signals), C = a third blind generator
// (scripts/generate-blind-scenario-c.ts, written from a brief without reading A, B or the signals). `--engine db` (default) replays
// through `scripts/replay.ts`, the code path of `npm run replay` (fresh PGlite, or DATABASE_URL if set);
// `--engine memory` uses the in-memory reference pipeline (test/helpers/in-memory-context.ts), which replay.test.ts
// checks verdict by verdict against the database, for quick iteration.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateScenario } from '../test/fixtures/scenario-generator.js';
import { createInMemoryReplay } from '../test/helpers/in-memory-context.js';
import type { ReplayEvent } from '../test/fixtures/scenario-generator.js';
import { parseTruth, parseVerdicts, scoreVerdicts, type Rate, type Score, type Truth } from './score-replay.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: measure-integrity.ts --run GEN:SEED:REVIEWS [--run ...] [--engine db|memory] [--json FILE] [--keep DIR]  (GEN is A, B or C)';

export interface RunSpec {
  generator: 'A' | 'B' | 'C';
  seed: number;
  reviews: number;
}

export interface RunResult extends RunSpec {
  actualReviews: number;
  seconds: number;
  reviewsPerSecond: number;
  /** Database calls per review (the db engine only): on PGlite each is a round trip with a fixed cost. */
  callsPerReview: number | null;
  engine: 'db' | 'memory';
  score: Score;
}

export class UsageError extends Error {}

export function parseRunSpec(text: string): RunSpec {
  const m = text.match(/^([ABC]):(\d+):(\d+)$/);
  if (!m) throw new UsageError(`--run "${text}": expected GEN:SEED:REVIEWS, e.g. A:9001:2000, B:101:2000 or C:201:2000`);
  const reviews = Number(m[3]);
  if (reviews < 50) throw new UsageError(`--run "${text}": at least 50 reviews`);
  return { generator: m[1] as RunSpec['generator'], seed: Number(m[2]), reviews };
}

function countReviews(events: ReplayEvent[]): number {
  return events.filter((e) => e.type === 'review').length;
}

/** Generator A is sized by a scale factor (genuine accounts); find the scale that gives about `reviews` reviews. */
function generateA(seed: number, reviews: number): { events: ReplayEvent[]; truth: Truth } {
  const probe = generateScenario({ seed, scale: 1 });
  const perScale = countReviews(probe.events);
  const scale = reviews / perScale;
  return scale === 1 ? probe : generateScenario({ seed, scale });
}

/** The blind generators are scripts (B: generate-blind-scenario.ts, C: generate-blind-scenario-c.ts). */
const BLIND_SCRIPTS = { B: 'scripts/generate-blind-scenario.ts', C: 'scripts/generate-blind-scenario-c.ts' } as const;

function generateBlind(generator: 'B' | 'C', seed: number, reviews: number, dir: string): { eventsFile: string; truthFile: string } {
  const eventsFile = path.join(dir, `${generator}-${seed}-${reviews}.jsonl`);
  const truthFile = path.join(dir, `${generator}-${seed}-${reviews}.truth.json`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', BLIND_SCRIPTS[generator], '--seed', String(seed), '--reviews', String(reviews), '--out', eventsFile, '--truth', truthFile],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`generator ${generator} failed (seed ${seed}): ${r.stderr || r.error?.message}`);
  return { eventsFile, truthFile };
}

/** Database calls per review (statements sent together count once), as the replay reports them on stderr (null when it did not). */
function replayOnDatabase(eventsFile: string, verdictsFile: string): number | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', eventsFile], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: process.env,
  });
  if (r.status !== 0) throw new Error(`replay failed on ${eventsFile}: ${r.stderr.slice(-2000)}`);
  writeFileSync(verdictsFile, r.stdout);
  const counted = /replay: \d+ statements, [\d.]+ per review; \d+ calls, ([\d.]+) per review/.exec(r.stderr);
  return counted ? Number(counted[1]) : null;
}

function replayInMemory(events: ReplayEvent[]): string {
  const replay = createInMemoryReplay();
  for (const e of events) replay.apply(e);
  return replay
    .verdicts()
    .map((v) => JSON.stringify(v))
    .join('\n');
}

export function measureRun(spec: RunSpec, engine: 'db' | 'memory', dir: string): RunResult {
  const tag = `${spec.generator}-${spec.seed}-${spec.reviews}`;
  let eventsFile: string;
  let truthFile: string;
  if (spec.generator === 'A') {
    const { events, truth } = generateA(spec.seed, spec.reviews);
    eventsFile = path.join(dir, `${tag}.jsonl`);
    truthFile = path.join(dir, `${tag}.truth.json`);
    writeFileSync(eventsFile, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(truthFile, JSON.stringify(truth) + '\n');
  } else {
    ({ eventsFile, truthFile } = generateBlind(spec.generator, spec.seed, spec.reviews, dir));
  }
  const verdictsFile = path.join(dir, `${tag}.verdicts.jsonl`);
  const started = Date.now();
  let callsPerReview: number | null = null;
  if (engine === 'db') callsPerReview = replayOnDatabase(eventsFile, verdictsFile);
  else {
    const events = readFileSync(eventsFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ReplayEvent);
    writeFileSync(verdictsFile, replayInMemory(events));
  }
  const seconds = (Date.now() - started) / 1000;
  const truth = parseTruth(readFileSync(truthFile, 'utf8'));
  const score = scoreVerdicts(parseVerdicts(readFileSync(verdictsFile, 'utf8')), truth);
  const actualReviews = Object.keys(truth.reviews).length;
  return { ...spec, actualReviews, seconds, reviewsPerSecond: Math.round(actualReviews / seconds), callsPerReview, engine, score };
}

const pct = (r: Rate | undefined) => (!r || r.rate === null ? '–' : `${(r.rate * 100).toFixed(1)}`);
const ratio = (x: number | null | undefined) => (x === undefined ? '–' : x === null ? '∞' : x.toFixed(2));

/** One row per run: recall per kind, false holds, the 1–2★ ÷ 4–5★ ratio overall and the worst family's. */
export function formatTable(results: RunResult[]): string {
  const head = [
    'run',
    'reviews',
    'sock',
    'paid',
    'insider',
    'cond',
    'undiscl',
    'discl',
    'dup',
    'genuine FH',
    'ratio',
    'worst family FH',
    'worst family ratio',
    'rev/s',
    'calls/rev',
  ];
  const rows = results.map((r) => {
    const s = r.score;
    const families = Object.entries(s.falseHoldByHardNegative);
    const worstFh = families.sort((a, b) => (b[1].rate ?? 0) - (a[1].rate ?? 0))[0];
    const ratios = Object.entries(s.ratioByHardNegative).map(([k, v]) => [k, v.ratio] as const);
    const worstRatio = ratios.sort((a, b) => (b[1] === null ? Infinity : b[1]) - (a[1] === null ? Infinity : a[1]))[0];
    return [
      `${r.generator}:${r.seed}`,
      String(r.actualReviews),
      pct(s.recall.sockpuppet),
      pct(s.recall.paid),
      pct(s.recall.insider),
      pct(s.recall.incentive_conditional),
      pct(s.recall.incentive_undisclosed),
      pct(s.recall.incentive_disclosed),
      pct(s.recall.duplicate),
      pct(s.genuineFalseHold),
      ratio(s.lowHighRatio),
      worstFh ? `${worstFh[0]} ${pct(worstFh[1])}` : '–',
      worstRatio ? `${worstRatio[0]} ${ratio(worstRatio[1])}` : '–',
      String(r.reviewsPerSecond),
      r.callsPerReview === null ? '–' : r.callsPerReview.toFixed(1),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every hard-negative family of every run: false-hold rate and ratio (the detail behind "worst family"). */
export function formatFamilies(results: RunResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const parts = Object.entries(r.score.falseHoldByHardNegative).map(
      ([k, v]) => `${k} ${pct(v)}% (${v.hits}/${v.total}, ratio ${ratio(r.score.ratioByHardNegative[k]?.ratio)})`,
    );
    lines.push(`${r.generator}:${r.seed}:${r.actualReviews}  ${parts.join('; ')}`);
    const variants = Object.entries(r.score.recallByVariant).filter(([, v]) => (v.rate ?? 1) < 1);
    if (variants.length) lines.push(`  missed variants: ${variants.map(([k, v]) => `${k} ${pct(v)}% (${v.hits}/${v.total})`).join('; ')}`);
  }
  return lines.join('\n');
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: { run: { type: 'string', multiple: true }, engine: { type: 'string' }, json: { type: 'string' }, keep: { type: 'string' } },
    }));
  } catch (error) {
    process.stderr.write(`measure-integrity: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const engine = (values.engine ?? 'db') as 'db' | 'memory';
  let specs: RunSpec[];
  try {
    if (engine !== 'db' && engine !== 'memory') throw new UsageError('--engine must be db or memory');
    if (!values.run?.length) throw new UsageError('give at least one --run');
    specs = values.run.map(parseRunSpec);
  } catch (error) {
    process.stderr.write(`measure-integrity: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const dir = values.keep ?? mkdtempSync(path.join(tmpdir(), 'candor-measure-'));
  mkdirSync(dir, { recursive: true });
  const results: RunResult[] = [];
  try {
    for (const spec of specs) {
      process.stderr.write(`measure-integrity: ${spec.generator}:${spec.seed}:${spec.reviews} (${engine})…\n`);
      const r = measureRun(spec, engine, dir);
      process.stderr.write(`measure-integrity: ${r.actualReviews} reviews in ${r.seconds.toFixed(1)} s\n`);
      results.push(r);
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${formatTable(results)}\n\n${formatFamilies(results)}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 1) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
