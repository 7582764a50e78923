import { expect } from 'chai';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { parseTruth } from '../../scripts/score-replay.js';
import { generateScenarioC } from '../fixtures/blind-generator-c/generate.js';
import { DUPLICATE_VARIANTS, FARM_VARIANTS, INSIDER_VARIANTS, RING_VARIANTS } from '../fixtures/blind-generator-c/fraud-families.js';
import { CONDITIONAL_VARIANTS, UNDISCLOSED_VARIANTS } from '../fixtures/blind-generator-c/review-texts.js';

const HARD_NEGATIVES = [
  'complaint_wave',
  'launch_day',
  'product_recall',
  'sale_spike',
  'household',
  'office',
  'university',
  'mobile_nat',
  'shared_device',
  'short_generic',
  'one_review',
  'heavy_reviewer',
  'bought_elsewhere',
  'refused_reward',
  'price_or_gift_mention',
  'vpn_customer',
];

describe('blind generator C', () => {
  const scenario = generateScenarioC({ seed: 4242, reviews: 2000 });
  const stream = scenario.events.map((e) => JSON.stringify(e)).join('\n');
  const reviews = scenario.events.filter((e) => e.type === 'review');
  const truth = Object.values(scenario.truth.reviews);

  it('when run twice with one seed, then it writes the same stream and truth; another seed gives another stream', () => {
    const again = generateScenarioC({ seed: 4242, reviews: 2000 });
    expect(JSON.stringify(again)).to.equal(JSON.stringify(scenario));
    const other = generateScenarioC({ seed: 4243, reviews: 2000 });
    expect(other.events.map((e) => JSON.stringify(e)).join('\n')).not.to.equal(stream);
  });

  it('when asked for 2,000 reviews, then it writes exactly 2,000 and the truth covers each one, with its rating', () => {
    expect(reviews).to.have.length(2000);
    expect(Object.keys(scenario.truth.reviews).sort()).to.deep.equal(reviews.map((r) => r.id).sort());
    for (const r of reviews) expect(scenario.truth.reviews[r.id]!.rating, r.id).to.equal(r.rating);
    expect(() => parseTruth(JSON.stringify(scenario.truth))).not.to.throw();
  });

  it('when the stream is parsed by the replay parser, then every event is valid and every reference comes earlier', () => {
    expect(() => parseReplayStream(stream)).not.to.throw();
  });

  it('when events carry times, then they are in time order and every review comes after its own account and order', () => {
    const timeOf = (e: (typeof scenario.events)[number]) => (e.type === 'account' ? e.createdAt : e.type === 'order' || e.type === 'review' ? e.at : null);
    const times = scenario.events
      .map(timeOf)
      .filter((t): t is string => t !== null)
      .map((t) => Date.parse(t));
    for (let i = 1; i < times.length; i++) expect(times[i]!, `event ${i}`).to.be.at.least(times[i - 1]!);
    const orders = new Map(scenario.events.flatMap((e) => (e.type === 'order' ? [[e.id, e] as const] : [])));
    for (const r of reviews) {
      if (!r.orderId) continue;
      const o = orders.get(r.orderId)!;
      expect(o.accountId, r.id).to.equal(r.accountId);
      expect(o.productId, r.id).to.equal(r.productId);
      expect(Date.parse(r.at)).to.be.greaterThan(Date.parse(o.at));
    }
  });

  it('when a text is posted again (a duplicate), then every copy comes after the genuine review it repeats, as the replay format defines a duplicate', () => {
    const at = new Map(reviews.map((r) => [r.id, Date.parse(r.at)] as const));
    const textKey = (body: string) =>
      body
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .slice(0, 120);
    const byText = new Map<string, { id: string; kind: string }[]>();
    for (const r of reviews) {
      const key = textKey(r.body);
      const list = byText.get(key) ?? [];
      list.push({ id: r.id, kind: scenario.truth.reviews[r.id]!.kind });
      byText.set(key, list);
    }
    let copies = 0;
    for (const r of reviews) {
      const t = scenario.truth.reviews[r.id]!;
      if (t.kind !== 'duplicate' || t.variant === 'light_edit_repost') continue;
      const key = textKey(r.body);
      const originals = byText.get(key)!.filter((x) => x.kind === 'genuine');
      expect(originals, r.id).to.have.length(1);
      expect(at.get(r.id)!, `${r.id} (${t.variant}) after ${originals[0]!.id}`).to.be.greaterThan(at.get(originals[0]!.id)!);
      copies++;
    }
    expect(copies).to.be.at.least(15);
  });

  it('when 2,000 reviews are written, then every fake kind with every variant and every hard-negative family is present', () => {
    const variants = new Set(truth.map((t) => `${t.kind}/${t.variant ?? ''}`));
    const expected = [
      ...RING_VARIANTS.map((v) => `sockpuppet/${v}`),
      ...FARM_VARIANTS.map((v) => `paid/${v}`),
      ...INSIDER_VARIANTS.map((v) => `insider/${v}`),
      ...Object.keys(CONDITIONAL_VARIANTS).map((v) => `incentive_conditional/${v}`),
      ...Object.keys(UNDISCLOSED_VARIANTS).map((v) => `incentive_undisclosed/${v}`),
      ...['free_product', 'discount', 'payment', 'sweepstakes'].map((v) => `incentive_disclosed/${v}`),
      ...DUPLICATE_VARIANTS.map((v) => `duplicate/${v}`),
    ];
    for (const v of expected) expect(variants, v).to.include(v);
    const families = new Set(truth.map((t) => t.hardNegative).filter(Boolean));
    for (const f of HARD_NEGATIVES) expect(families, f).to.include(f);
    expect(truth.some((t) => t.kind === 'camouflage')).to.equal(true);
  });

  it('when ratings are drawn, then genuine reviews use every star, complaint waves are mostly 1–2★, and fakes include 1★ attacks', () => {
    const genuineStars = new Set(truth.filter((t) => t.kind === 'genuine').map((t) => t.rating));
    expect([...genuineStars].sort()).to.deep.equal([1, 2, 3, 4, 5]);
    const wave = truth.filter((t) => t.hardNegative === 'complaint_wave');
    expect(wave.filter((t) => t.rating <= 2).length / wave.length).to.be.greaterThan(0.7);
    expect(truth.some((t) => t.kind === 'sockpuppet' && t.rating === 1)).to.equal(true);
    expect(truth.some((t) => t.kind === 'paid' && t.rating === 1)).to.equal(true);
  });

  it('when disclosed incentives are written, then each carries the ticked box; undisclosed ones never do', () => {
    for (const r of reviews) {
      const kind = scenario.truth.reviews[r.id]!.kind;
      if (kind === 'incentive_disclosed') expect(r.incentive?.disclosed, r.id).to.equal(true);
      if (kind === 'incentive_undisclosed') expect(r.incentive, r.id).to.equal(null);
    }
  });

  it('when fewer than 1,000 reviews are asked for, then it refuses instead of dropping families', () => {
    expect(() => generateScenarioC({ seed: 1, reviews: 100 })).to.throw(RangeError);
  });
});
