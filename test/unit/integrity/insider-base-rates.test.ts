import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { buildSources, editsToSubstring, staffBuildLikelihoodRatio, staffRateBeyondFirst } from '../../../server/integrity/signals/insiders.js';

const BODY = 'Sturdy tent, survived a storm on the coast and kept everything dry inside.';
const ESR = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Firefox/102.8.0';
const POPULAR = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';

/** A shop of `customers` accounts, `withBuild` of them on `build`, and `staff` declared staff of m1 on `staffBuild`. */
function shop(o: { customers: number; withBuild: number; build: string; staff: number; staffBuild: string }) {
  const w = world().merchant('m1', 'orchidliving.shop').product('p1');
  for (let i = 0; i < o.staff; i++) w.account(`s${i}`, { staffOf: 'm1', ip: '198.51.100.7', ua: o.staffBuild });
  for (let i = 0; i < o.customers; i++) w.account(`c${i}`, { ua: i < o.withBuild ? o.build : `UA-c${i}` });
  return w;
}

describe('insiders against the shop base rates (policy.rings)', () => {
  it('when staff hold a build far more often than the shop, then the likelihood ratio is large; a shared popular build is near 1', () => {
    // 9 of 9 staff (8 of the 8 besides the first: rate 1), 4 of 991 others: 1 ÷ (4/991).
    expect(staffBuildLikelihoodRatio(13, 9, 9, 1000)).to.be.closeTo(247.75, 0.01);
    // 9 of 9 staff and 300 of 991 others on one frozen Chrome release.
    expect(staffBuildLikelihoodRatio(309, 9, 9, 1000)).to.be.closeTo(3.3, 0.01);
    expect(staffBuildLikelihoodRatio(5, 2, 0, 1000)).to.equal(null);
  });

  it('when the staff rate is read, then the staff member whose build matched is left out', () => {
    // One of two: the other does not use it. Four of four: every other one does. Five of nine: 4 of the other 8.
    expect(staffRateBeyondFirst(1, 2)).to.equal(0);
    expect(staffRateBeyondFirst(4, 4)).to.equal(1);
    expect(staffRateBeyondFirst(5, 9)).to.equal(0.5);
    // A single staff member: nobody else to ask; no staff holding it: nothing to read.
    expect(staffRateBeyondFirst(1, 1)).to.equal(null);
    expect(staffRateBeyondFirst(0, 4)).to.equal(null);
    expect(staffBuildLikelihoodRatio(13, 1, 1, 1000)).to.equal(null);
    // One of two staff, 11 other sources among 8,275 other accounts: plain share 0.5 gave 376; now 0.
    expect(staffBuildLikelihoodRatio(12, 1, 2, 8277)).to.equal(0);
  });

  for (const rating of [1, 5]) {
    it(`when a customer uses the office's pinned build that more than a dozen accounts hold (${rating}★), then the review is held as insider with the ratio in the evidence`, () => {
      const r = shop({ customers: 400, withBuild: 0, build: ESR, staff: 12, staffBuild: ESR })
        .account('a1', { ip: '203.0.113.9', ua: ESR })
        .review('r1', 'a1', 'p1', 0, { body: BODY, rating })
        .run();
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.deep.equal(['insider']);
      const reason = v.reasons.find((x) => x.signal === 'shares-identity-with-staff')!;
      const link = Object.values(reason.evidence.links as Record<string, { likelihoodRatio?: number; staff?: number; shopAccounts?: number }>)[0]!;
      expect(link.staff).to.equal(12);
      expect(link.shopAccounts).to.be.greaterThan(400);
      expect(link.likelihoodRatio).to.be.greaterThan(250);
    });
  }

  it('when staff and many customers run the same popular release, then a customer on it is not an insider', () => {
    const r = shop({ customers: 120, withBuild: 40, build: POPULAR, staff: 12, staffBuild: POPULAR })
      .account('a1', { ip: '203.0.113.9', ua: POPULAR })
      .review('r1', 'a1', 'p1', 0, { body: BODY })
      .run();
    expect(r.review('r1')!.verdict.decision).to.equal('published');
  });

  it('when a dozen customers of a busy shop use the same uncommon build as five staff, then a customer on it is not an insider', () => {
    // (5/5) ÷ (11/1100) ≈ 100: likelier among staff, but a dozen customers run it too.
    const r = shop({ customers: 1100, withBuild: 10, build: ESR, staff: 5, staffBuild: ESR })
      .account('a1', { ip: '203.0.113.9', ua: ESR })
      .review('r1', 'a1', 'p1', 0, { body: BODY })
      .run();
    expect(r.review('r1')!.verdict.decision).to.equal('published');
  });

  it("when holders of a build share an address or a /24, then they count as one source, and the author's own colleagues are counted", () => {
    const networks = {
      s0: ['ip:198.51.100.7'],
      s1: ['ip:198.51.100.7', 'ip_prefix:198.51.100'],
      o0: ['ip:192.0.2.50'],
      o1: ['ip:192.0.2.50'],
      o2: ['ip_prefix:192.0.2', 'ip:192.0.2.77'],
      o3: ['ip:192.0.2.77'],
      a1: ['ip:203.0.113.9'],
    };
    const isStaff = (id: string) => id.startsWith('s');
    // The staff's office; o0+o1 (one address); o2+o3 (another address); the author alone.
    expect(buildSources(networks, isStaff, 'a1')).to.deep.equal({ staffSources: 1, otherSources: 3, authorColleagues: 0 });
    expect(buildSources({ ...networks, o1: ['ip:192.0.2.50', 'ip:192.0.2.77'] }, isStaff, 'a1')).to.deep.equal({
      staffSources: 1,
      otherSources: 2,
      authorColleagues: 0,
    });
    expect(buildSources(networks, isStaff, 'o0')).to.deep.equal({ staffSources: 1, otherSources: 3, authorColleagues: 1 });
  });

  /** The shop above, plus another employer's office of `colleagues` accounts on the same pinned build at 192.0.2.50. */
  function twoOffices(colleagues: number) {
    const w = shop({ customers: 1100, withBuild: 0, build: ESR, staff: 5, staffBuild: ESR });
    for (let i = 0; i < colleagues; i++) w.account(`o${i}`, { ip: '192.0.2.50', ua: ESR });
    return w;
  }

  for (const rating of [1, 5]) {
    it(`when another employer's office of fifteen also runs the staff's pinned build, then a customer on it from home is still held as insider (${rating}★)`, () => {
      // By accounts: (5/5) ÷ (16/1115) ≈ 70, under the policy's 250. By sources, the other office is one: (5/5) ÷ (2/1115) ≈ 558.
      const r = twoOffices(15).account('a1', { ip: '203.0.113.9', ua: ESR }).review('r1', 'a1', 'p1', 0, { body: BODY, rating }).run();
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.deep.equal(['insider']);
      const reason = v.reasons.find((x) => x.signal === 'shares-identity-with-staff')!;
      const link = Object.values(
        reason.evidence.links as Record<string, { likelihoodRatio?: number; otherSourcesObserved?: number; otherSourcesExpectedAtStaffRate?: number }>,
      )[0]!;
      expect(link.otherSourcesObserved).to.equal(2);
      expect(link.otherSourcesExpectedAtStaffRate).to.be.greaterThan(1000);
      expect(link.likelihoodRatio).to.be.greaterThan(250);
    });

    it(`when a customer works at that other office (same build, its own network), then the review is published (${rating}★)`, () => {
      const r = twoOffices(15).account('a1', { ip: '192.0.2.50', ua: ESR }).review('r1', 'a1', 'p1', 0, { body: BODY, rating, ip: '192.0.2.50' }).run();
      expect(r.review('r1')!.verdict.decision).to.equal('published');
      expect(r.review('r1')!.verdict.labels).to.deep.equal([]);
    });
  }

  it('when the e-mail domain is the merchant name with a digit for a letter, or one letter off, then the review is held as insider', () => {
    for (const email of ['marketing@0rchidliving.shop', 'ann@orchidlivng.com', 'team@orchid-livlng.co']) {
      const r = world().merchant('m1', 'orchidliving.shop').product('p1').account('a1', { email }).review('r1', 'a1', 'p1', 0, { body: BODY }).run();
      const v = r.review('r1')!.verdict;
      expect(v.labels, email).to.deep.equal(['insider']);
      expect(v.reasons.find((x) => x.signal === 'merchant-domain-email')!.evidence.lookalike).to.equal(true);
    }
  });

  it('when an e-mail domain only shares a few letters with the merchant name, then it is not a look-alike', () => {
    expect(editsToSubstring('orchidliving', 'orchardliving')).to.equal(2);
    for (const email of ['ann@orchard-living.com', 'bob@gmail.com', 'cy@livingorchids.net']) {
      const r = world().merchant('m1', 'orchidliving.shop').product('p1').account('a1', { email }).review('r1', 'a1', 'p1', 0, { body: BODY }).run();
      expect(r.review('r1')!.verdict.decision, email).to.equal('published');
    }
  });
});

describe('builds shared with declared staff, the matching staff member left out (h13staff)', () => {
  const OFFICE = '198.51.100.7';

  for (const rating of [1, 5]) {
    it(`when one of two staff shares a popular release with a dozen of 8,000 customers, then a customer on it is published (${rating}★)`, () => {
      // Staff s0 on the release, s1 on another build; 12 customers on the release, each on its own network.
      const w = world().merchant('m1', 'orchidliving.shop').product('p1');
      w.account('s0', { staffOf: 'm1', ip: OFFICE, ua: POPULAR }).account('s1', { staffOf: 'm1', ip: OFFICE, ua: ESR });
      for (let i = 0; i < 8000; i++) w.account(`c${i}`, { ua: i < 12 ? POPULAR : `UA-c${i}` });
      const r = w.account('a1', { ip: '203.0.113.9', ua: POPULAR }).review('r1', 'a1', 'p1', 0, { body: BODY, rating }).run();
      // Plain share (1/2) ÷ (13/8,001) ≈ 308 passed the 250; the other staff member does not use it: rate 0.
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal([]);
      expect(v.reasons.find((x) => x.signal === 'shares-identity-with-staff')).to.equal(undefined);
    });
  }

  it('when the author posts from the office address two staff use, then the review is held as insider', () => {
    const w = world().merchant('m1', 'orchidliving.shop').product('p1');
    w.account('s0', { staffOf: 'm1', ip: OFFICE }).account('s1', { staffOf: 'm1', ip: OFFICE });
    for (let i = 0; i < 1000; i++) w.account(`c${i}`);
    const r = w.account('a1', { ip: '203.0.113.9' }).review('r1', 'a1', 'p1', 0, { body: BODY, ip: OFFICE }).run();
    const v = r.review('r1')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.deep.equal(['insider']);
  });

  it('when a rare managed build is held by both staff and two customers, then a customer on it from home is held as insider', () => {
    const w = world().merchant('m1', 'orchidliving.shop').product('p1');
    w.account('s0', { staffOf: 'm1', ip: OFFICE, ua: ESR }).account('s1', { staffOf: 'm1', ip: OFFICE, ua: ESR });
    for (let i = 0; i < 1000; i++) w.account(`c${i}`, { ua: i < 2 ? ESR : `UA-c${i}` });
    const r = w.account('a1', { ip: '203.0.113.9', ua: ESR }).review('r1', 'a1', 'p1', 0, { body: BODY }).run();
    expect(r.review('r1')!.verdict.decision).to.equal('held');
    expect(r.review('r1')!.verdict.labels).to.deep.equal(['insider']);
  });
});
