import { expect } from 'chai';
import { assess, scoreLabels } from '../../../server/integrity/assess.js';
import { explainReasons } from '../../../server/integrity/explain.js';
import { defaultPolicy, describeChecks } from '../../../server/integrity/policy.js';
import type { SignalResult } from '../../../server/integrity/types.js';
import { world } from '../../helpers/in-memory-context.js';

const sig = (signal: string, family: SignalResult['family'], label: SignalResult['label'], weight: number): SignalResult => ({
  signal,
  family,
  label,
  weight,
  summary: signal,
  evidence: {},
});

describe('assess', () => {
  for (const rating of [1, 2, 3, 4, 5]) {
    it(`when a review has no evidence at ${rating}★, then it is published without labels`, () => {
      const r = world()
        .merchant()
        .product('p1')
        .account('a1')
        .review('r1', 'a1', 'p1', 0, { rating, body: 'Solid kettle, boils fast and the handle stays cool.' })
        .run();
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal([]);
      expect(v.policyVersion).to.equal(defaultPolicy.version);
    });
  }
  it('when two strong signals come from the same family, then sockpuppet/paid is not corroborated', () => {
    const s = scoreLabels([sig('review-burst', 'timing', 'paid', 0.65), sig('order-minutes-before-review', 'timing', 'paid', 0.5)], defaultPolicy);
    const paid = s.find((x) => x.label === 'paid')!;
    expect(paid.score).to.be.greaterThan(defaultPolicy.thresholds.paid.hold);
    expect(paid.corroborated).to.equal(false);
  });
  it('when two families agree and one of them shows linkage, then paid is corroborated; mitigations lower the score', () => {
    const s = scoreLabels([sig('order-minutes-before-review', 'timing', 'paid', 0.5), sig('near-duplicate-text', 'text', 'paid', 0.5)], defaultPolicy).find(
      (x) => x.label === 'paid',
    )!;
    expect(s.corroborated).to.equal(true);
    expect(s.linked).to.equal(true);
    expect(s.score).to.be.closeTo(0.75, 1e-9);
    const m = scoreLabels(
      [
        sig('order-minutes-before-review', 'timing', 'paid', 0.5),
        sig('near-duplicate-text', 'text', 'paid', 0.5),
        sig('established-reviewer', 'account', null, -0.2),
      ],
      defaultPolicy,
    ).find((x) => x.label === 'paid')!;
    expect(m.score).to.be.closeTo(0.55, 1e-9);
  });
  it('when the order came an hour or two before the review (a same-day pickup as well as a bought review), then it adds to paid but links nothing', () => {
    // The weak reading of order timing (posting.orderWeakStrength) with a phrase the product's other reviewers share: a
    // small complaint wave of click-and-collect buyers on C:339 and C:344.
    const weak = scoreLabels([sig('order-minutes-before-review', 'timing', 'paid', 0.3), sig('shared-rare-phrase', 'text', 'paid', 0.45)], defaultPolicy).find(
      (x) => x.label === 'paid',
    )!;
    expect(weak.score).to.be.greaterThan(defaultPolicy.thresholds.paid.hold);
    expect(weak.families).to.have.keys(['timing', 'text']);
    expect(weak.linked).to.equal(false);
    expect(weak.corroborated).to.equal(false);
    // Within minutes of the order (full strength) the same two families are corroborated.
    const strong = scoreLabels(
      [sig('order-minutes-before-review', 'timing', 'paid', 0.5), sig('shared-rare-phrase', 'text', 'paid', 0.45)],
      defaultPolicy,
    ).find((x) => x.label === 'paid')!;
    expect(strong.corroborated).to.equal(true);
  });
  it('when only "same thing at the same time" agrees (text, a burst, a same-shop pool), then paid is not corroborated', () => {
    const s = scoreLabels(
      [sig('review-burst', 'timing', 'paid', 0.6), sig('near-duplicate-text', 'text', 'paid', 0.6), sig('window-template', 'text', 'paid', 0.5)],
      defaultPolicy,
    ).find((x) => x.label === 'paid')!;
    expect(s.score).to.be.greaterThan(defaultPolicy.thresholds.paid.hold);
    expect(s.linked).to.equal(false);
    expect(s.corroborated).to.equal(false);
  });
  describe('evidence of acting together that does not say whose hand it is (policy.corroboration.sharedCoordinationSignals)', () => {
    const withAccounts = (s: SignalResult, accounts: string[]): SignalResult => ({ ...s, evidence: { accounts } });
    // Accounts opened within minutes beyond chance (one hand: identity linkage for both labels) that also post in a burst.
    const ring = (burstAccounts: string[]) => [
      withAccounts(sig('creation-batch', 'identity', 'sockpuppet', 0.55), ['b1', 'b2', 'b3']),
      withAccounts(sig('creation-batch', 'identity', 'paid', 0.55), ['b1', 'b2', 'b3']),
      withAccounts(sig('review-burst', 'timing', 'paid', 0.6), burstAccounts),
    ];
    it('when a creation batch posts in a burst, then the burst counts as a second family for sockpuppet too, and both labels are corroborated', () => {
      const scores = scoreLabels(ring(['b1', 'b2', 'b3', 'x9']), defaultPolicy);
      const sock = scores.find((x) => x.label === 'sockpuppet')!;
      expect(sock.families).to.have.keys(['identity', 'timing']);
      expect(sock.corroborated).to.equal(true);
      expect(scores.find((x) => x.label === 'paid')!.corroborated).to.equal(true);
    });
    for (const [what, burst] of [
      ['other accounts than the ones linked to the author', ['x1', 'x2', 'x3']],
      ['a crowd in which the linked accounts are a few (a wave with one household in it)', ['b1', 'b2', 'x1', 'x2', 'x3']],
    ] as const) {
      it(`when the burst is made of ${what}, then it says nothing about the author and sockpuppet stays uncorroborated`, () => {
        const sock = scoreLabels(ring([...burst]), defaultPolicy).find((x) => x.label === 'sockpuppet')!;
        expect(sock.families).to.have.keys(['identity']);
        expect(sock.corroborated).to.equal(false);
      });
    }
    it("when the linkage names a place (reviewers on one network beyond chance, as one region's buyers are), then a window template of those reviewers does not count for sockpuppet", () => {
      // A regional complaint wave: four of a product's reviewers on one /24 beyond chance, three of them sharing the
      // defect's words. The network says where they are, not whose hand wrote.
      const wave = [
        withAccounts(sig('network-concentration', 'identity', 'sockpuppet', 0.35), ['w1', 'w2', 'w3', 'w4']),
        withAccounts(sig('window-template', 'text', 'paid', 0.25), ['w1', 'w2', 'x1']),
      ];
      const sock = scoreLabels(wave, defaultPolicy).find((x) => x.label === 'sockpuppet')!;
      expect(sock.families).to.have.keys(['identity']);
      expect(sock.corroborated).to.equal(false);
      // The same template among accounts opened together (an act, not a place) still counts.
      const batch = [withAccounts(sig('creation-batch', 'identity', 'sockpuppet', 0.35), ['w1', 'w2', 'w3', 'w4']), wave[1]!];
      expect(scoreLabels(batch, defaultPolicy).find((x) => x.label === 'sockpuppet')!.families).to.have.keys(['identity', 'text']);
    });
    it("when the author's linked accounts share nothing with it but a /24 network (shared-identity's placeOnly), then a fresh cohort of them does not count for sockpuppet", () => {
      // A viral complaint wave on C:346: fresh accounts of one region on their provider's /24, each with its own address
      // and device. The /24 is where they live; a cohort of them is the wave, not one hand.
      const placeLinked = {
        ...sig('shared-identity', 'identity', 'sockpuppet', 0.25),
        evidence: { accounts: ['w1', 'w2', 'w3'], placeOnly: ['w1', 'w2', 'w3'] },
      };
      const wave = [
        withAccounts(sig('network-concentration', 'identity', 'sockpuppet', 0.42), ['w1', 'w2', 'w3', 'w4']),
        placeLinked,
        withAccounts(sig('fresh-account-cohort', 'timing', 'paid', 0.4), ['w1', 'w2', 'w3', 'x1']),
      ];
      const sock = scoreLabels(wave, defaultPolicy).find((x) => x.label === 'sockpuppet')!;
      expect(sock.families).to.have.keys(['identity']);
      expect(sock.corroborated).to.equal(false);
      // The same accounts linked by a shared address as well (two of them in one home) are a hand's mark: the cohort counts.
      const home = { ...placeLinked, evidence: { accounts: ['w1', 'w2', 'w3'], placeOnly: ['w3'] } };
      const linked = scoreLabels([wave[0]!, home, wave[2]!], defaultPolicy).find((x) => x.label === 'sockpuppet')!;
      expect(linked.families).to.have.keys(['identity', 'timing']);
      expect(linked.corroborated).to.equal(true);
    });
    it('when no signal is listed as shared, then the burst counts only for the label it names', () => {
      const policy = { ...defaultPolicy, corroboration: { ...defaultPolicy.corroboration, sharedCoordinationSignals: [] } };
      const sock = scoreLabels(ring(['b1', 'b2', 'b3']), policy).find((x) => x.label === 'sockpuppet')!;
      expect(sock.corroborated).to.equal(false);
    });
  });
  it('when a verdict is held, then explainReasons gives the plain words of each reason that argued for holding, once each, and none that argued against', () => {
    const r = world().merchant().product('p1').account('s1', { staffOf: 'm1' }).review('r1', 's1', 'p1', 0).run();
    const verdict = r.review('r1')!.verdict;
    const lines = explainReasons(verdict.reasons);
    const holding = verdict.reasons.filter((x) => x.weight > 0 && x.label !== null);
    expect(lines.length).to.be.greaterThan(0);
    expect(lines).to.deep.equal([...new Set(holding.map((x) => x.summary))]);
    for (const mitigating of verdict.reasons.filter((x) => x.weight < 0)) expect(lines).not.to.include(mitigating.summary);
  });
  it('when evidence is dated after now, then it is ignored', () => {
    const r = world()
      .merchant()
      .product('p1')
      .product('p2')
      .account('a1')
      .review('r1', 'a1', 'p1', 0, { body: 'Absolutely love this tent, it kept my whole family dry during a three day storm.' })
      .review('r2', 'a1', 'p2', 5, { body: 'Absolutely love this tent, it kept my whole family dry during a three day storm.' })
      .run();
    const s = r.review('r1')!.submission;
    expect(assess(s, r.contextFor(s)).labels).to.deep.equal([]);
  });
  it('when the public page is built, then every signal family is described in plain words', () => {
    const text = describeChecks(defaultPolicy)
      .map((c) => c.plainWords)
      .join(' ');
    for (const w of ['duplicate', 'network', 'burst', 'reward', 'staff', 'model', 'rating']) expect(text.toLowerCase()).to.include(w);
  });
  it('when an account posts texts faster than anyone can type, then it is held on that evidence alone, the same at 1★ and 5★', () => {
    const SECOND = 1 / 86_400;
    const texts = [
      'The kettle boils a full jug in under three minutes and the handle stays cool. Limescale filter is easy to rinse under the tap.',
      'Pruning shears cut cleanly through thick rose stems. The spring feels strong and the lock is easy to open with one hand outdoors.',
      'Our labrador took two nights to accept the new bed. The cover zips off for washing and the foam has kept its shape for weeks now.',
      'Headlamp is bright enough for night walks on forest trails. Battery lasted three evenings; the strap leaves a mark after hours though.',
    ];
    const run = (rating: number) => {
      const w = world().merchant();
      texts.forEach((_, i) => w.product(`p${i}`));
      w.account('a1');
      texts.forEach((body, i) => w.review(`r${i}`, 'a1', `p${i}`, i * 10 * SECOND, { rating, body }));
      return w.run().review('r3')!.verdict;
    };
    const [low, high] = [run(1), run(5)];
    expect(low.decision).to.equal('held');
    expect(low.labels).to.deep.equal(['paid']);
    expect({ decision: low.decision, labels: low.labels, score: low.score }).to.deep.equal({ decision: high.decision, labels: high.labels, score: high.score });
    const direct = scoreLabels(low.reasons, defaultPolicy).find((x) => x.label === 'paid')!;
    expect(direct.corroborated).to.equal(true);
    expect(Object.keys(direct.families)).to.deep.equal(['timing']);
    expect(explainReasons(low.reasons).join(' ')).to.match(/faster than a person can write/);
  });
  it('when only a moderate posting rate fires, then paid is not corroborated', () => {
    const s = scoreLabels([sig('posting-rate', 'timing', 'paid', 0.6), sig('typing-speed', 'timing', 'paid', 0.4)], defaultPolicy).find(
      (x) => x.label === 'paid',
    )!;
    expect(s.corroborated).to.equal(false);
  });
});
