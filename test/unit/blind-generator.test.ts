// The blind scenario generator must produce a well-formed replay stream and a complete ground truth.
import { expect } from 'chai';
import { BLIND_KINDS, HARD_NEGATIVES, generateBlindScenario, type BlindScenario, type ReplayEvent } from '../fixtures/blind-generator/index.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function timeOf(e: ReplayEvent): number | null {
  if (e.type === 'account') return Date.parse(e.createdAt);
  if (e.type === 'order' || e.type === 'review') return Date.parse(e.at);
  return null;
}

type ReviewEvent = Extract<ReplayEvent, { type: 'review' }>;

/** Review events by truth group, for the reviews whose truth entry matches. */
function groupsOf(s: BlindScenario, match: (entry: BlindScenario['truth']['reviews'][string]) => boolean): Map<string, ReviewEvent[]> {
  const groups = new Map<string, ReviewEvent[]>();
  for (const e of s.events) {
    if (e.type !== 'review') continue;
    const entry = s.truth.reviews[e.id]!;
    if (!match(entry) || !entry.group) continue;
    groups.set(entry.group, [...(groups.get(entry.group) ?? []), e]);
  }
  return groups;
}

describe('blind scenario generator', function () {
  this.timeout(20_000);
  let scenario: BlindScenario;
  before(() => {
    scenario = generateBlindScenario({ seed: 7, reviews: 2000 });
  });

  it('when run twice with one seed, then produces identical events and truth', () => {
    const a = generateBlindScenario({ seed: 3, reviews: 500 });
    const b = generateBlindScenario({ seed: 3, reviews: 500 });
    expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
  });

  it('when seeds differ, then the scenarios differ', () => {
    const a = generateBlindScenario({ seed: 3, reviews: 500 });
    const b = generateBlindScenario({ seed: 4, reviews: 500 });
    expect(JSON.stringify(a.events)).to.not.equal(JSON.stringify(b.events));
  });

  it('when asked for N reviews, then writes N ± 5% review events', () => {
    for (const [s, n] of [
      [scenario, 2000],
      [generateBlindScenario({ seed: 11, reviews: 500 }), 500],
    ] as const) {
      const count = s.events.filter((e) => e.type === 'review').length;
      expect(count).to.be.within(n * 0.95, n * 1.05);
    }
  });

  it('when given a review count out of range, then refuses it', () => {
    expect(() => generateBlindScenario({ seed: 1, reviews: 10 })).to.throw(/reviews/);
    expect(() => generateBlindScenario({ seed: 1, reviews: 2000.5 })).to.throw(/reviews/);
  });

  it('then events are in non-decreasing time order, with ISO UTC times and unique ids', () => {
    let last = -Infinity;
    const ids = new Set<string>();
    for (const e of scenario.events) {
      expect(ids.has(e.id), `duplicate id ${e.id}`).to.equal(false);
      ids.add(e.id);
      const t = timeOf(e);
      if (t === null) continue;
      const text = e.type === 'account' ? e.createdAt : (e as { at: string }).at;
      expect(text).to.match(ISO_UTC);
      expect(t, `${e.id} goes back in time`).to.be.at.least(last);
      last = t;
    }
  });

  it('then every referenced id appears on an earlier line, and every order precedes its review', () => {
    const seen = new Map<string, ReplayEvent>();
    for (const e of scenario.events) {
      if (e.type === 'product') expect(seen.get(e.merchantId)?.type).to.equal('merchant');
      if (e.type === 'account' && e.staffOf !== null) expect(seen.get(e.staffOf)?.type).to.equal('merchant');
      if (e.type === 'order' || e.type === 'review') {
        expect(seen.get(e.accountId)?.type, `${e.id} account`).to.equal('account');
        expect(seen.get(e.productId)?.type, `${e.id} product`).to.equal('product');
      }
      if (e.type === 'review' && e.orderId !== null) {
        const order = seen.get(e.orderId);
        expect(order?.type, `${e.id} order`).to.equal('order');
        if (order?.type === 'order') {
          expect(order.accountId).to.equal(e.accountId);
          expect(order.productId).to.equal(e.productId);
          expect(Date.parse(order.at)).to.be.below(Date.parse(e.at));
        }
      }
      seen.set(e.id, e);
    }
  });

  it('then ratings are 1-5 and incentives are null or a ticked disclosure of a known kind', () => {
    for (const e of scenario.events) {
      if (e.type !== 'review') continue;
      expect(e.rating).to.be.oneOf([1, 2, 3, 4, 5]);
      if (e.incentive !== null) {
        expect(e.incentive.disclosed).to.equal(true);
        expect(e.incentive.kind).to.be.oneOf(['free_product', 'discount', 'payment', 'sweepstakes']);
      }
    }
  });

  it("then the truth has one entry per review event, nothing else, with the review's rating", () => {
    const reviews = scenario.events.filter((e) => e.type === 'review');
    expect(scenario.truth.generator).to.equal('blind-b');
    expect(scenario.truth.seed).to.equal(7);
    expect(Object.keys(scenario.truth.reviews).sort()).to.deep.equal(reviews.map((r) => r.id).sort());
    for (const r of reviews) {
      const entry = scenario.truth.reviews[r.id]!;
      expect(entry.rating).to.equal(r.rating);
      if (entry.hardNegative) expect(entry.kind).to.equal('genuine');
    }
  });

  it('then every kind and every hard-negative family is present at 2,000 reviews, each kind with ≥ 20 reviews', () => {
    const kinds = new Map<string, number>();
    const families = new Map<string, number>();
    for (const entry of Object.values(scenario.truth.reviews)) {
      kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
      if (entry.hardNegative) families.set(entry.hardNegative, (families.get(entry.hardNegative) ?? 0) + 1);
    }
    for (const kind of BLIND_KINDS) expect(kinds.get(kind) ?? 0, kind).to.be.at.least(20);
    for (const family of HARD_NEGATIVES) expect(families.get(family) ?? 0, family).to.be.at.least(3);
    const genuineShare = kinds.get('genuine')! / 2000;
    expect(genuineShare).to.be.within(0.7, 0.82);
  });

  it('then disclosed incentives carry the flag, undisclosed ones mention the reward without it', () => {
    const byId = new Map(scenario.events.filter((e) => e.type === 'review').map((e) => [e.id, e] as const));
    for (const [id, entry] of Object.entries(scenario.truth.reviews)) {
      const review = byId.get(id)!;
      if (review.type !== 'review') continue;
      if (entry.kind === 'incentive_disclosed') expect(review.incentive, id).to.not.equal(null);
      if (entry.kind === 'incentive_undisclosed') expect(review.incentive, id).to.equal(null);
    }
  });

  it('then each complaint wave is 8+ different verified buyers rating one product 1-3 stars within five weeks', () => {
    const waves = groupsOf(scenario, (e) => e.hardNegative === 'complaint_wave');
    expect(waves.size).to.be.at.least(1);
    for (const [group, reviews] of waves) {
      expect(new Set(reviews.map((r) => r.accountId)).size, group).to.be.at.least(8);
      expect(new Set(reviews.map((r) => r.productId)).size, group).to.equal(1);
      for (const r of reviews) {
        expect(r.orderId, r.id).to.not.equal(null);
        expect(r.rating, r.id).to.be.at.most(3);
      }
      const times = reviews.map((r) => Date.parse(r.at));
      expect(Math.max(...times) - Math.min(...times), group).to.be.at.most(36 * 86_400_000);
    }
  });

  it('then a weak-links ring shares no single address but one uncommon browser and one /24, accounts made within hours', () => {
    const rings = groupsOf(scenario, (e) => e.kind === 'sockpuppet' && e.variant === 'weak-links');
    expect(rings.size).to.be.at.least(1);
    const accounts = new Map(scenario.events.flatMap((e) => (e.type === 'account' ? [[e.id, e] as const] : [])));
    for (const [group, reviews] of rings) {
      const members = [...new Set(reviews.map((r) => r.accountId))].map((id) => accounts.get(id)!);
      expect(new Set(members.map((a) => a.userAgent)).size, group).to.equal(1);
      expect(new Set(members.map((a) => a.ip.split('.').slice(0, 3).join('.'))).size, group).to.equal(1);
      expect(new Set(members.map((a) => a.ip)).size, group).to.equal(members.length);
      const created = members.map((a) => Date.parse(a.createdAt));
      expect(Math.max(...created) - Math.min(...created), group).to.be.below(4 * 3_600_000);
    }
  });

  it('then every fake variant named in the brief appears', () => {
    const variants = new Set(
      Object.values(scenario.truth.reviews)
        .filter((e) => e.variant)
        .map((e) => `${e.kind}/${e.variant}`),
    );
    for (const v of ['shared-ip', 'weak-links', 'vpn-rotation', 'slow-drip', 'attack']) expect(variants).to.include(`sockpuppet/${v}`);
    for (const v of ['template-farm', 'aged-accounts', 'rebate-farm', 'cross-merchant']) expect(variants).to.include(`paid/${v}`);
    for (const v of ['declared', 'office-network', 'signup-address', 'managed-browser', 'merchant-domain']) expect(variants).to.include(`insider/${v}`);
  });
});

describe('generate-blind-scenario CLI', function () {
  this.timeout(20_000);
  it('when an argument is bad, then prints the usage line on stderr and exits 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-blind-scenario.ts', '--seed', 'x', '--reviews', '2000'], {
      encoding: 'utf8',
    });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/--seed must be an integer/);
    expect(run.stderr).to.match(/^usage: generate-blind-scenario --seed N/m);
    expect(run.stdout).to.equal('');
  });
});
