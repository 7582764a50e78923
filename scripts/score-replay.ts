// Scores replay verdicts against a scenario's ground truth:
//   node --import tsx scripts/score-replay.ts VERDICTS.jsonl TRUTH.json [--json]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DECISIONS, LABELS } from '../server/integrity/types.js';
import type { Decision, Label } from '../server/integrity/types.js';

/**
 * Both generators' truth formats: generator A (test/fixtures/scenario-generator.ts) and the blind generator B
 * (`{generator:"blind-b", seed, reviews:{id:{kind, hardNegative?, rating, group?, variant?}}}`). B adds
 * `incentive_undisclosed` (reward language without the tick box: must carry the label) and a `variant` per fake.
 */
export type TruthKind =
  | 'genuine'
  | 'sockpuppet'
  | 'paid'
  | 'insider'
  | 'incentive_conditional'
  | 'incentive_disclosed'
  | 'incentive_undisclosed'
  | 'duplicate'
  | 'camouflage';
export interface TruthEntry {
  kind: TruthKind;
  hardNegative?: string;
  rating: number;
  group?: string;
  variant?: string;
}
export interface Truth {
  generator?: string;
  seed: number;
  reviews: Record<string, TruthEntry>;
}

export interface ScoredVerdict {
  id: string;
  decision: Decision;
  labels: Label[];
}

export interface Rate {
  hits: number;
  total: number;
  rate: number | null;
}

type FakeKind = Exclude<TruthKind, 'genuine' | 'camouflage'>;

export interface Score {
  recall: Partial<Record<FakeKind, Rate>>;
  /** Recall per `kind/variant` (generator B names the variant of each fake; A does not). */
  recallByVariant: Record<string, Rate>;
  /** Reviews fake accounts posted on unrelated products: neither a target nor a false hold; how many were stopped. */
  camouflageStopped: Rate;
  genuineFalseHold: Rate;
  falseHoldByHardNegative: Record<string, Rate>;
  /** Per hard-negative family: false holds of its 1–2★ and 4–5★ reviews and their ratio (null = infinite). */
  ratioByHardNegative: Record<string, { low: Rate; high: Rate; ratio: number | null }>;
  falseHoldLowRating: Rate;
  falseHoldHighRating: Rate;
  /** low-star false-hold rate ÷ high-star rate; 1 when both are 0, null (infinite) when only the high one is 0. */
  lowHighRatio: number | null;
}

const EXPECTED_LABEL: Record<FakeKind, Label> = {
  sockpuppet: 'sockpuppet',
  paid: 'paid',
  insider: 'insider',
  incentive_conditional: 'incentivized',
  incentive_disclosed: 'incentivized',
  incentive_undisclosed: 'incentivized',
  duplicate: 'duplicate',
};

/** low ÷ high false-hold rate; 1 when both are 0, null (infinite) when only the high one is 0. */
function lowHighRatio(low: Rate, high: Rate): number | null {
  const l = low.rate ?? 0;
  const h = high.rate ?? 0;
  return l === 0 && h === 0 ? 1 : h === 0 ? null : l / h;
}

export class MalformedInput extends Error {}

const rate = (hits: number, total: number): Rate => ({ hits, total, rate: total === 0 ? null : hits / total });

export function scoreVerdicts(verdicts: ScoredVerdict[], truth: Truth): Score {
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  for (const id of Object.keys(truth.reviews)) if (!byId.has(id)) throw new MalformedInput(`review ${id} is in the truth file but has no verdict`);
  for (const v of verdicts) if (!truth.reviews[v.id]) throw new MalformedInput(`verdict ${v.id} has no entry in the truth file`);

  const counts = new Map<string, [number, number]>();
  const bump = (k: string, hit: boolean) => {
    const c = counts.get(k) ?? [0, 0];
    c[0] += hit ? 1 : 0;
    c[1] += 1;
    counts.set(k, c);
  };
  for (const [id, t] of Object.entries(truth.reviews) as [string, TruthEntry][]) {
    const v = byId.get(id)!;
    const stopped = v.decision !== 'published';
    if (t.kind === 'genuine') {
      bump('genuine', stopped);
      if (t.hardNegative) bump(`hn:${t.hardNegative}`, stopped);
      if (t.rating <= 2) bump('low', stopped);
      if (t.rating >= 4) bump('high', stopped);
      if (t.hardNegative && t.rating <= 2) bump(`hnlow:${t.hardNegative}`, stopped);
      if (t.hardNegative && t.rating >= 4) bump(`hnhigh:${t.hardNegative}`, stopped);
    } else if (t.kind === 'camouflage') {
      bump('camouflage', stopped);
    } else {
      let hit: boolean;
      if (t.kind === 'incentive_disclosed') hit = v.decision === 'published' && v.labels.includes('incentivized');
      // Undisclosed reward language: the label is what readers need; held or published does not matter.
      else if (t.kind === 'incentive_undisclosed') hit = v.labels.includes('incentivized');
      else hit = stopped && v.labels.includes(EXPECTED_LABEL[t.kind]);
      bump(t.kind, hit);
      if (t.variant) bump(`var:${t.kind}/${t.variant}`, hit);
    }
  }
  const get = (k: string) => rate(...(counts.get(k) ?? [0, 0]));
  const recall: Score['recall'] = {};
  for (const k of Object.keys(EXPECTED_LABEL) as (keyof typeof EXPECTED_LABEL)[]) if (counts.has(k)) recall[k] = get(k);
  const byHn: Record<string, Rate> = {};
  const ratioByHn: Score['ratioByHardNegative'] = {};
  for (const k of [...counts.keys()].filter((x) => x.startsWith('hn:')).sort()) {
    const family = k.slice(3);
    byHn[family] = get(k);
    const low = get(`hnlow:${family}`);
    const high = get(`hnhigh:${family}`);
    ratioByHn[family] = { low, high, ratio: lowHighRatio(low, high) };
  }
  const byVariant: Record<string, Rate> = {};
  for (const k of [...counts.keys()].filter((x) => x.startsWith('var:')).sort()) byVariant[k.slice(4)] = get(k);
  const low = get('low');
  const high = get('high');
  return {
    recall,
    recallByVariant: byVariant,
    camouflageStopped: get('camouflage'),
    genuineFalseHold: get('genuine'),
    falseHoldByHardNegative: byHn,
    ratioByHardNegative: ratioByHn,
    falseHoldLowRating: low,
    falseHoldHighRating: high,
    lowHighRatio: lowHighRatio(low, high),
  };
}

export function parseVerdicts(text: string): ScoredVerdict[] {
  const out: ScoredVerdict[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new MalformedInput(`verdicts line ${i + 1}: not JSON`);
    }
    const o = v as Record<string, unknown>;
    if (typeof o?.id !== 'string') throw new MalformedInput(`verdicts line ${i + 1}: missing "id"`);
    if (!DECISIONS.includes(o.decision as Decision)) throw new MalformedInput(`verdicts line ${i + 1}: "decision" must be one of ${DECISIONS.join(', ')}`);
    if (!Array.isArray(o.labels) || o.labels.some((l) => !LABELS.includes(l as Label)))
      throw new MalformedInput(`verdicts line ${i + 1}: "labels" must be a list of ${LABELS.join(', ')}`);
    out.push({ id: o.id, decision: o.decision as Decision, labels: o.labels as Label[] });
  });
  const ids = new Set<string>();
  for (const v of out) {
    if (ids.has(v.id)) throw new MalformedInput(`verdict ${v.id} appears twice`);
    ids.add(v.id);
  }
  return out;
}

export function parseTruth(text: string): Truth {
  let t: unknown;
  try {
    t = JSON.parse(text);
  } catch {
    throw new MalformedInput('truth file is not JSON');
  }
  const reviews = (t as { reviews?: unknown })?.reviews;
  if (!reviews || typeof reviews !== 'object') throw new MalformedInput('truth file has no "reviews" object');
  const kinds = ['genuine', 'camouflage', ...Object.keys(EXPECTED_LABEL)];
  for (const [id, e] of Object.entries(reviews as Record<string, Partial<TruthEntry>>)) {
    if (!e || !kinds.includes(e.kind as string)) throw new MalformedInput(`truth for ${id}: "kind" must be one of ${kinds.join(', ')}`);
    if (typeof e.rating !== 'number') throw new MalformedInput(`truth for ${id}: "rating" must be a number`);
  }
  return t as Truth;
}

const pct = (r: Rate) => (r.rate === null ? 'n/a' : `${(r.rate * 100).toFixed(1)}% (${r.hits}/${r.total})`);

export function formatScore(s: Score): string {
  const lines = ['recall (held/rejected with the right label; disclosed: published with the label):'];
  for (const [k, r] of Object.entries(s.recall)) lines.push(`  ${k.padEnd(22)} ${pct(r!)}`);
  const variants = Object.entries(s.recallByVariant);
  if (variants.length) lines.push('recall per variant:');
  for (const [k, r] of variants) lines.push(`  ${k.padEnd(40)} ${pct(r)}`);
  if (s.camouflageStopped.total > 0) lines.push(`camouflage by fake accounts (not scored) stopped: ${pct(s.camouflageStopped)}`);
  lines.push(`genuine false holds: ${pct(s.genuineFalseHold)}`);
  const ratio = (x: number | null) => (x === null ? 'infinite' : x.toFixed(2));
  for (const [k, r] of Object.entries(s.falseHoldByHardNegative))
    lines.push(`  ${k.padEnd(22)} ${pct(r).padEnd(20)} 1-2★÷4-5★ ${ratio(s.ratioByHardNegative[k]!.ratio)}`);
  lines.push(
    `genuine 1-2 stars: ${pct(s.falseHoldLowRating)}; 4-5 stars: ${pct(s.falseHoldHighRating)}; ratio ${s.lowHighRatio === null ? 'infinite' : s.lowHighRatio.toFixed(2)}`,
  );
  return lines.join('\n');
}

function main(argv: string[]) {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 2) {
    process.stderr.write('usage: score-replay.ts VERDICTS.jsonl TRUTH.json [--json]\n');
    process.exit(2);
  }
  try {
    const score = scoreVerdicts(parseVerdicts(readFileSync(files[0], 'utf8')), parseTruth(readFileSync(files[1], 'utf8')));
    process.stdout.write(json ? `${JSON.stringify(score)}\n` : `${formatScore(score)}\n`);
  } catch (err) {
    process.stderr.write(`score-replay: ${err instanceof MalformedInput ? err.message : (err as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
