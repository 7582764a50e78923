import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { generateScenario } from '../../fixtures/scenario-generator.js';
import type { ReplayEvent } from '../../fixtures/scenario-generator.js';
import { createInMemoryReplay } from '../../helpers/in-memory-context.js';
import { formatScore, parseTruth, scoreVerdicts, type Rate, type Score, type Truth } from '../../../scripts/score-replay.js';

// The aims of issue 9, asserted on seeds never used for tuning (README, "How the integrity figures are measured"):
// generator A (ours) seed 9001, the blind generator B seed 101 and the third blind generator C seed 301, about 2,000 reviews each, through the in-memory
// reference pipeline (replay.test.ts checks it verdict by verdict against the database).
//
// Suppression aims are asserted at the levels. Small families get a stated margin for sampling noise: at most
// ceil(2% of the family) + 1 false holds, and at most 2 low-star holds beyond a 1.2 ratio (see expectRatio). B's `reported_offer` family (genuine reviews reporting a reward offer they
// refused) is not part of the generic family loop: it was held often by earlier grammars, so the overall 1–2★ ÷ 4–5★
// ratio is still asserted without it; since h9offer it has its own assertion on B:101 (published, at most 1 held).
// Recall is asserted as regression floors; where a floor is below the aim the aim is not met yet (the README
// table gives the figures): the test keeps today's level from slipping, it does not claim the aim.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const NOT_ASSERTED_FAMILIES = new Set(['reported_offer']);

function replayScore(events: ReplayEvent[], truth: Truth): Score {
  const replay = createInMemoryReplay();
  for (const e of events) replay.apply(e);
  return scoreVerdicts(replay.verdicts(), truth);
}

function generatorA(seed: number, reviews: number) {
  const probe = generateScenario({ seed, scale: 1 });
  const perScale = probe.events.filter((e) => e.type === 'review').length;
  return generateScenario({ seed, scale: reviews / perScale });
}

/** The blind generators are scripts: B (generate-blind-scenario.ts) and C (generate-blind-scenario-c.ts). */
function blindGenerator(script: string, seed: number, reviews: number): { events: ReplayEvent[]; truth: Truth } {
  const dir = mkdtempSync(path.join(tmpdir(), 'candor-aims-'));
  try {
    const out = path.join(dir, 'events.jsonl');
    const truthFile = path.join(dir, 'truth.json');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, '--seed', String(seed), '--reviews', String(reviews), '--out', out, '--truth', truthFile],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    const events = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ReplayEvent);
    return { events, truth: parseTruth(readFileSync(truthFile, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const allowedFalseHolds = (total: number) => Math.ceil(0.02 * total) + 1;
/**
 * 1–2★ ÷ 4–5★ false-hold ratio ≤ 1.2, with a margin for small counts: the 1–2★ holds beyond what a ratio of 1.2
 * would allow must be at most 2 reviews (one or two held 1★ reviews against none at 4–5★ is an infinite ratio).
 */
function expectRatio(low: Rate, high: Rate, what: string) {
  const excess = low.hits - 1.2 * (high.rate ?? 0) * low.total;
  const ratio = (low.rate ?? 0) === 0 ? 0 : (high.rate ?? 0) === 0 ? Infinity : low.rate! / high.rate!;
  expect(excess, `${what}: ratio ${ratio.toFixed(2)} (${low.hits}/${low.total} vs ${high.hits}/${high.total})`).to.be.at.most(2);
}

function assertNoSuppression(s: Score, msg: string) {
  expect(s.genuineFalseHold.rate!, `genuine false holds${msg}`).to.be.at.most(0.02);
  let low = { hits: 0, total: 0 };
  let high = { hits: 0, total: 0 };
  for (const [family, r] of Object.entries(s.falseHoldByHardNegative)) {
    if (NOT_ASSERTED_FAMILIES.has(family)) continue;
    expect(r.hits, `false holds in ${family}${msg}`).to.be.at.most(allowedFalseHolds(r.total));
    const ratio = s.ratioByHardNegative[family]!;
    expectRatio(ratio.low, ratio.high, `1–2★ ÷ 4–5★ in ${family}${msg}`);
  }
  // The overall ratio without the families not asserted above.
  low = { hits: s.falseHoldLowRating.hits, total: s.falseHoldLowRating.total };
  high = { hits: s.falseHoldHighRating.hits, total: s.falseHoldHighRating.total };
  for (const family of NOT_ASSERTED_FAMILIES) {
    const r = s.ratioByHardNegative[family];
    if (!r) continue;
    low = { hits: low.hits - r.low.hits, total: low.total - r.low.total };
    high = { hits: high.hits - r.high.hits, total: high.total - r.high.total };
  }
  const rate = (x: { hits: number; total: number }): Rate => ({ ...x, rate: x.total ? x.hits / x.total : null });
  expectRatio(rate(low), rate(high), `overall 1–2★ ÷ 4–5★${msg}`);
}

describe('integrity aims on untuned seeds of the three generators (in-memory pipeline, 2,000 reviews)', function () {
  this.timeout(240_000);

  it('when generator A seed 9001 is replayed, then no family is suppressed, disclosed rewards are published with the label, and recall holds its floors', () => {
    const { events, truth } = generatorA(9001, 2000);
    const s = replayScore(events, truth);
    const msg = ` (A:9001)\n${formatScore(s)}`;
    assertNoSuppression(s, msg);
    expect(s.falseHoldByHardNegative.defect_wave!.hits, msg).to.be.at.most(allowedFalseHolds(s.falseHoldByHardNegative.defect_wave!.total));
    expect(s.falseHoldByHardNegative.launch_burst!.hits, msg).to.be.at.most(allowedFalseHolds(s.falseHoldByHardNegative.launch_burst!.total));
    expect(s.recall.incentive_disclosed!.rate, msg).to.equal(1);
    expect(s.recall.insider!.rate, msg).to.equal(1);
    // Floor below the aim (0.95) since policy 2026.10 (was 100%, measured 94.5% = 103/109): a pair of accounts tied
    // only by a /24 or an uncommon build and opened within days no longer counts as "created together" unless the
    // shop's sign-ups make it improbable (P ≤ createdTogetherMaxTail); such pairs are indistinguishable from two
    // buyers of a complaint wave on one ISP range, so some two-account rings are missed.
    expect(s.recall.sockpuppet!.rate!, msg).to.be.at.least(0.92);
    expect(s.recall.incentive_conditional!.rate!, msg).to.be.at.least(0.9);
    expect(s.recall.duplicate!.rate!, msg).to.be.at.least(0.9);
    // Floor below the aim (0.9): farms that share only wording and timing are no longer held without linkage.
    expect(s.recall.paid!.rate!, msg).to.be.at.least(0.6);
  });

  it('when blind generator B seed 101 is replayed, then complaint waves and launch days are published, no other family is suppressed, and recall holds its floors', () => {
    const { events, truth } = blindGenerator('scripts/generate-blind-scenario.ts', 101, 2000);
    const s = replayScore(events, truth);
    const msg = ` (B:101)\n${formatScore(s)}`;
    assertNoSuppression(s, msg);
    for (const family of ['complaint_wave', 'launch_day', 'mobile_cgnat', 'office_network', 'household']) {
      const r = s.falseHoldByHardNegative[family]!;
      expect(r.total, `${family} present${msg}`).to.be.greaterThan(0);
      expect(r.hits, `${family}${msg}`).to.be.at.most(allowedFalseHolds(r.total));
    }
    expect(s.recall.incentive_disclosed!.rate, msg).to.equal(1);
    expect(s.recall.duplicate!.rate!, msg).to.be.at.least(0.9);
    // Floors below the aims (sockpuppet 0.95, insider 1, conditional 0.9, undisclosed 0.8); paid is not
    // asserted: B's farms of aged accounts on distinct networks are not caught yet (README).
    // Sockpuppet raised from 0.6 after one measurement with the rings-against-base-rates change (65.9% on B:101, was
    // 62.5%: vpn-rotation and weak-link rings now all caught), with a margin.
    expect(s.recall.sockpuppet!.rate!, msg).to.be.at.least(0.63);
    expect(s.recall.insider!.rate!, msg).to.be.at.least(0.8);
    // Raised after one measurement with policy 2026.9 (conditional 84.1%, undisclosed 97.7% on B:101), with a margin;
    // raised again after one measurement with the h9offer grammar (conditional 100%, undisclosed 100%), with a margin.
    expect(s.recall.incentive_conditional!.rate!, msg).to.be.at.least(0.95);
    expect(s.recall.incentive_undisclosed!.rate!, msg).to.be.at.least(0.95);
    // Reviews reporting a refused offer are published (h9offer: 0 of 9 held on B:101, was 1 of 9); one is allowed as a margin.
    expect(s.falseHoldByHardNegative.reported_offer!.total, `reported_offer present${msg}`).to.be.greaterThan(0);
    expect(s.falseHoldByHardNegative.reported_offer!.hits, `reported_offer${msg}`).to.be.at.most(1);
  });

  // Generator C (a third blind generator, never read by anyone tuning the signals) on a seed first run to set this
  // test, after the policy it tests was merged. Its suppression aims are asserted at the levels, every family
  // included (its refused_reward family, reviews reporting a refused offer, is asserted with the others); recall as
  // floors, most of them far below the aims (README, "How the integrity figures are measured").
  it('when blind generator C seed 301 is replayed, then complaint waves, launch days and every other genuine family are published, and recall holds its floors', () => {
    const { events, truth } = blindGenerator('scripts/generate-blind-scenario-c.ts', 301, 2000);
    const s = replayScore(events, truth);
    const msg = ` (C:301)\n${formatScore(s)}`;
    assertNoSuppression(s, msg);
    for (const family of ['complaint_wave', 'launch_day', 'mobile_nat', 'office', 'household', 'university', 'refused_reward']) {
      const r = s.falseHoldByHardNegative[family]!;
      expect(r.total, `${family} present${msg}`).to.be.greaterThan(0);
      expect(r.hits, `${family}${msg}`).to.be.at.most(allowedFalseHolds(r.total));
    }
    expect(s.recall.incentive_disclosed!.rate, msg).to.equal(1);
    // Floors set from the one run of policy integrity-2026.13 that set this test (sockpuppet 60.2%, insider 89.2%,
    // conditional 96.0%, undisclosed 92.5%, paid 6.7%; every genuine family 0 held), with a margin. Sockpuppet, insider
    // and paid are far below the aims (0.95, 1, 0.9): the floors keep today's level, they do not claim the aims.
    // Sockpuppet raised from 0.55 after one measurement with policy 2026.20 (79.6% on C:301, was 60.2%: proxy-rotating
    // rings opened in one batch are now labelled sockpuppet as well as paid), with a margin.
    expect(s.recall.sockpuppet!.rate!, msg).to.be.at.least(0.72);
    expect(s.recall.insider!.rate!, msg).to.be.at.least(0.8);
    expect(s.recall.incentive_conditional!.rate!, msg).to.be.at.least(0.88);
    expect(s.recall.incentive_undisclosed!.rate!, msg).to.be.at.least(0.8);
    // Paid floor added with policy 2026.27 after one measurement (28.6% on C:301, 13.3% with 2026.26: generator C's
    // crude farms of throwaway accounts are now caught), with a margin; still far below the aim of 0.9.
    expect(s.recall.paid!.rate!, msg).to.be.at.least(0.2);
  });
});
