// Reads only the review TEXT of generated scenarios through the incentive signals (server/integrity/signals/incentives.ts)
// and scores the text-level outcome per truth kind, in seconds instead of a full replay:
//   node --import tsx scripts/measure-reward-text.ts A:7 B:1 B:2 [--show KIND]
// Outcomes: "hold" (rating-conditioned-reward), "label" (undisclosed or disclosed label), "report" (reported-offer),
// "none". Only for diagnosis on tuning seeds (generators A and B); the full pipeline is measured by
// measure-integrity.ts. Never run it on generator C: the protocol forbids reading C per review.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPolicy } from '../server/integrity/policy.js';
import { incentiveSignals } from '../server/integrity/signals/incentives.js';
import type { AssessmentContext, Submission } from '../server/integrity/types.js';
import { generateScenario } from '../test/fixtures/scenario-generator.js';

interface Row {
  kind: string;
  title: string;
  body: string;
  incentive: { disclosed: boolean; kind: string } | null;
}

function rowsOf(spec: string): Row[] {
  const [gen, seedText] = spec.split(':');
  const seed = Number(seedText);
  let events: Array<Record<string, unknown>>;
  let truth: { reviews: Record<string, { kind: string; hardNegative?: string }> };
  if (gen === 'A') {
    const s = generateScenario({ seed, scale: 1 });
    events = s.events as unknown as Array<Record<string, unknown>>;
    truth = s.truth as unknown as typeof truth;
  } else if (gen === 'B') {
    const dir = mkdtempSync(path.join(tmpdir(), 'reward-text-'));
    const out = path.join(dir, 'e.jsonl');
    const tr = path.join(dir, 't.json');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-blind-scenario.ts', '--seed', String(seed), '--reviews', '2000', '--out', out, '--truth', tr],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    truth = JSON.parse(readFileSync(tr, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
  } else throw new Error(`only A and B seeds: ${spec}`);
  return events
    .filter((e) => e.type === 'review' && truth.reviews[e.id as string])
    .map((e) => {
      const t = truth.reviews[e.id as string]!;
      return { kind: t.hardNegative ?? t.kind, title: String(e.title ?? ''), body: String(e.body ?? ''), incentive: (e.incentive as Row['incentive']) ?? null };
    });
}

function outcome(r: Row): string {
  const signals = incentiveSignals(
    { title: r.title, body: r.body, rating: 5, incentive: r.incentive } as unknown as Submission,
    {} as AssessmentContext,
    defaultPolicy,
  );
  const names = signals.map((s) => s.signal);
  if (names.includes('rating-conditioned-reward')) return 'hold';
  if (names.includes('reported-offer')) return 'report';
  if (names.length > 0) return 'label';
  return 'none';
}

const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? args[showAt + 1] : null;
const specs = args.filter((a, i) => a !== '--show' && i !== showAt + 1);
const table = new Map<string, Map<string, number>>();
for (const spec of specs) {
  for (const r of rowsOf(spec)) {
    const o = outcome(r);
    const m = table.get(r.kind) ?? new Map<string, number>();
    m.set(o, (m.get(o) ?? 0) + 1);
    table.set(r.kind, m);
    const expected = r.kind === 'incentive_conditional' ? 'hold' : r.kind.startsWith('incentive') ? 'label' : r.kind === 'reported_offer' ? 'report' : 'none';
    if (show && (r.kind === show || show === 'all') && o !== expected) console.log(`[${spec} ${r.kind} → ${o}] ${r.title} // ${r.body.replace(/\s+/g, ' ')}`);
    else if (show === 'fp' && o === 'hold' && r.kind !== 'incentive_conditional')
      console.log(`[${spec} ${r.kind} → ${o}] ${r.title} // ${r.body.replace(/\s+/g, ' ')}`);
  }
}
for (const [kind, m] of [...table].sort()) {
  if (!kind.startsWith('incentive') && kind !== 'reported_offer' && (m.get('hold') ?? 0) === 0 && (m.get('label') ?? 0) === 0) continue;
  console.log(kind.padEnd(24), [...m].map(([o, n]) => `${o} ${n}`).join(', '));
}
