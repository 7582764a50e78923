import { generateScenario } from './test/fixtures/scenario-generator.js';
import { createInMemoryReplay } from './test/helpers/in-memory-context.js';
import { scoreVerdicts } from './scripts/score-replay.js';
import { writeFileSync } from 'node:fs';
const seed = Number(process.argv[2]);
const { events, truth } = generateScenario({ seed, scale: 1 });
const r = createInMemoryReplay();
for (const e of events) r.apply(e as any);
const v = r.verdicts();
const s = scoreVerdicts(v, truth);
const p = (x: any) => (x?.rate == null ? 'n/a' : (x.rate * 100).toFixed(1));
console.log(`${seed}\tsock ${p(s.recall.sockpuppet)}\tpaid ${p(s.recall.paid)}\tFH ${p(s.genuineFalseHold)} (${s.genuineFalseHold.hits})\tratio ${s.lowHighRatio?.toFixed(2)} low ${s.falseHoldLowRating.hits}/${s.falseHoldLowRating.total} high ${s.falseHoldHighRating.hits}/${s.falseHoldHighRating.total}\tdisc ${p(s.recall.incentive_disclosed)}\tins ${p(s.recall.insider)} dup ${p(s.recall.duplicate)} cond ${p(s.recall.incentive_conditional)}`);
if (process.argv[3]) {
  const byId = new Map(v.map((x) => [x.id, x]));
  const ev = new Map(events.filter((e: any) => e.type === 'review').map((e: any) => [e.id, e]));
  const bad: any[] = [];
  for (const [id, t] of Object.entries(truth.reviews) as any) {
    const x = byId.get(id)!;
    const stopped = x.decision !== 'published';
    let miss = false;
    if (t.kind === 'genuine') miss = stopped;
    else if (t.kind === 'incentive_disclosed') miss = !(x.decision === 'published' && x.labels.includes('incentivized'));
    else if (t.kind === 'paid' || t.kind === 'sockpuppet') miss = !(stopped && x.labels.includes(t.kind));
    if (miss) bad.push({ id, truth: t, ev: ev.get(id), verdict: x });
  }
  writeFileSync(process.argv[3], JSON.stringify(bad, null, 1));
}
