import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import type { Policy } from '../../../server/integrity/policy.js';
import { createdTogether, linkTier } from '../../../server/integrity/signals/shared-identity.js';

// "Same ip, accounts created within 2 days" is one person only when chance in this shop does not explain the address:
// a carrier's NAT address is held by many of the shop's accounts opened at other times, and during a complaint wave
// two fresh buyers behind it are expected. One home's address, held by its own two accounts, is not.

const DEFECT = [
  'The zipper broke after two days, the teeth split apart on the left side and it will not close.',
  'Zipper failed on the second night, teeth came apart and now the door will not close at all.',
  'After two days the zip just split, the teeth separate on one side and the door stays open.',
  'Mine has the same broken zipper everyone mentions, teeth split after a couple of days of use.',
  'Zip teeth came apart on day two, door will not close, very disappointed with this tent.',
];

/** Eight NAT addresses of one mobile carrier /24. */
const NAT = [21, 22, 23, 24, 25, 26, 27, 28].map((x) => `100.70.5.${x}`);

/** Wave buyers behind the carrier's NAT: two per address, opened about 3 hours apart in the middle of the wave. */
const PAIRS: Record<number, string> = { 10: NAT[0]!, 11: NAT[0]!, 13: NAT[1]!, 14: NAT[1]! };

/**
 * A complaint wave of 24 fresh accounts over 3 days; 4 of them on the carrier's NAT addresses (PAIRS), the carrier's
 * addresses also held by 40 of the shop's accounts opened over the past year (5 per address). Each phone has its own
 * browser build. Each reviews a day after opening its account (accounts opened hours before an unverified review,
 * most of a product's reviewers at once, are a throwaway-account cohort: see throwaway-cohort.test.ts).
 */
function carrierWave(rating: (i: number) => number, policy: Policy = defaultPolicy) {
  const w = world().merchant().product('p1').background(300);
  for (let i = 0; i < 40; i++) w.account(`c${i}`, { at: -380 + i * 9, ip: NAT[i % NAT.length]! });
  for (let i = 0; i < 24; i++) {
    const ip = PAIRS[i] ?? `81.90.${i}.5`;
    w.account(`w${i}`, { at: -4 + i * 0.12, ip });
    w.review(`wr${i}`, `w${i}`, 'p1', -2.9 + i * 0.12, { rating: rating(i), body: `${DEFECT[i % DEFECT.length]} Order number ${i} here.` });
  }
  return w.run(policy);
}

/** Two accounts opened 11 hours apart on a home address no other account of the shop holds, one browser build. */
function homeRing(rating: number) {
  const w = world().merchant().product('p1').product('p2').background(300);
  const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 home-build';
  w.account('h0', { at: -20, ip: '198.51.100.7', ua }).account('h1', { at: -19.55, ip: '198.51.100.7', ua });
  w.review('hr0', 'h0', 'p1', -1, { rating, body: 'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.' });
  w.review('hr1', 'h1', 'p1', -0.95, { rating, body: 'Kept us dry through a stormy night, the porch fits two pairs of boots easily.' });
  w.review('hq0', 'h0', 'p2', -0.5, { rating, body: 'Arrived a day early, the groundsheet is thicker than on our old one and pegs hold in sand.' });
  w.review('hq1', 'h1', 'p2', -0.45, { rating, body: 'Roomy for two adults and a dog, vents stop the condensation we used to get.' });
  return w.run();
}

type Links = Record<string, { tier: string; why: string[] }>;

describe('an exact address shared by accounts opened together, against chance', () => {
  for (const [name, rating] of [
    ['1–2★', (i: number) => 1 + (i % 2)],
    ['5★', () => 5],
  ] as const) {
    it(`when a complaint wave (${name}) has pairs of fresh buyers behind a carrier's busy NAT addresses, then every review is published and no pair counts as opened together`, () => {
      const r = carrierWave(rating);
      for (let i = 0; i < 24; i++) expect(r.review(`wr${i}`)!.verdict.decision, `wr${i}`).to.equal('published');
      for (const i of [10, 11, 13, 14]) {
        const reasons = r.review(`wr${i}`)!.verdict.reasons;
        expect(
          reasons.map((x) => x.signal),
          `wr${i}`,
        ).to.not.include('accounts-created-together');
        const timing = reasons.find((x) => x.signal === 'linked-co-review');
        if (timing) for (const l of Object.values(timing.evidence.links as Links)) expect(l.tier, `wr${i}`).to.equal('weak');
      }
    });
  }

  it('when the same wave is posted at 1–2★ and at 5★, then every review gets the same verdict and labels', () => {
    const low = carrierWave((i) => 1 + (i % 2));
    const high = carrierWave(() => 5);
    for (let i = 0; i < 24; i++) {
      expect(high.review(`wr${i}`)!.verdict.decision, `wr${i}`).to.equal(low.review(`wr${i}`)!.verdict.decision);
      expect(high.review(`wr${i}`)!.verdict.labels, `wr${i}`).to.deep.equal(low.review(`wr${i}`)!.verdict.labels);
    }
  });

  it('when the old rule (any shared address within 2 days is one person) is applied to the same wave, then the NAT pairs are held as sockpuppets: the test exercises the chance comparison', () => {
    const old = { ...defaultPolicy, identity: { ...defaultPolicy.identity, createdTogetherAddressMaxTail: Number.POSITIVE_INFINITY } };
    const r = carrierWave((i) => 1 + (i % 2), old);
    for (const i of [10, 11, 13, 14]) {
      const v = r.review(`wr${i}`)!.verdict;
      expect(v.decision, `wr${i}`).to.equal('held');
      expect(v.labels, `wr${i}`).to.include('sockpuppet');
      expect(
        v.reasons.map((x) => x.signal),
        `wr${i}`,
      ).to.include('accounts-created-together');
    }
  });

  it("when a NAT pair is compared, then the link is weak and its words give the address's holders, observed and expected accounts, and the browser builds", () => {
    const r = carrierWave(() => 1);
    const submission = r.review('wr11')!.submission;
    const context = r.contextFor(submission);
    const partner = context.linkedAccounts.find((l) => l.account.id === 'w10')!;
    const together = createdTogether(context, defaultPolicy);
    const chance = together.address.get('w10')!;
    expect(chance.addressHolders).to.equal(7);
    expect(chance.observed).to.equal(1);
    expect(chance.device).to.equal('different browser builds');
    expect(chance.odds).to.be.above(defaultPolicy.identity.createdTogetherAddressMaxTail);
    const { tier, reasons } = linkTier(partner, together);
    expect(tier).to.equal('weak');
    expect(reasons.join(' ')).to.match(
      /same ip, 1 account opened within 12 hours of this one with the same address \(held by 7 of the shop's accounts\), where chance in this shop gives [0-9.]+ \(P = [0-9.e-]+\); different browser builds \(×2\.5: [0-9.]+\)/,
    );
  });

  for (const rating of [1, 5]) {
    it(`when two accounts opened 11 hours apart on a quiet home address with one browser build co-review two products (${rating}★), then they are held as sockpuppets and the address counts as opened together`, () => {
      const r = homeRing(rating);
      const v = r.review('hq1')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      const timing = v.reasons.find((x) => x.signal === 'linked-co-review')!;
      const link = (timing.evidence.links as Links).h0!;
      expect(link.tier).to.equal('strong');
      expect(link.why.join(' ')).to.match(
        /same ip, accounts created within 2 days: 1 account opened within 12 hours of this one with the same address \(held by 2/,
      );
      expect(link.why.join(' ')).to.match(/the same browser build/);
    });
  }
});
