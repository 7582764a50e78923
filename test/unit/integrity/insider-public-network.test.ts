import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy, describeChecks, type Policy } from '../../../server/integrity/policy.js';
import { isPublicNetwork } from '../../../server/integrity/signals/insiders.js';
import { carrierPoolScene, officeScene, oneStaffBuildScene, PHONE } from '../../helpers/insider-scenes.js';

// integrity-2026.36: links to staff that strangers share by chance are no insider evidence — an address in a public
// network (a carrier's NAT pool: a /24 with more accounts than an office, the staff a small share of them), and a
// browser build only one member of staff holds (that person's own phone). Offices, homes and managed builds still link.

const BODY = 'Sturdy tent, survived a storm on the coast and kept everything dry inside.';

/** The policy before 2026.36: the address judged alone, and a build one member of staff holds allowed to link. */
function before2026_36(): Policy {
  const { judgeAddressByItsBlock: _block, minStaffHoldersOfBuild: _holders, ...insider } = defaultPolicy.insider;
  return { ...defaultPolicy, insider };
}
describe('insider links strangers share by chance (integrity-2026.36)', () => {
  it('when a /24 holds more accounts than an office and few of them are staff, then it is a public network; an office /24 is not', () => {
    const limit = defaultPolicy.insider.officeMaxHolders;
    expect(isPublicNetwork({ holders: limit + 10, staffHolders: 1 }, defaultPolicy)).to.equal(true);
    // As many accounts as an office: judged as one.
    expect(isPublicNetwork({ holders: limit, staffHolders: 1 }, defaultPolicy)).to.equal(false);
    // Many accounts, but the staff a good share of them: the merchant's own office network.
    expect(isPublicNetwork({ holders: limit + 10, staffHolders: Math.ceil((limit + 10) * defaultPolicy.insider.minStaffShare) }, defaultPolicy)).to.equal(
      false,
    );
  });

  for (const rating of [1, 5]) {
    it(`when a customer reviews (${rating}★) from a carrier address one member of staff also used, then it is published; before 2026.36 it was held`, () => {
      const w = carrierPoolScene(40, rating);
      const now = w.run().review('r1')!.verdict;
      expect(now.decision).to.equal('published');
      expect(now.reasons.map((x) => x.signal)).to.not.include('shares-identity-with-staff');
      const then = w.run(before2026_36()).review('r1')!.verdict;
      expect(then.decision).to.equal('held');
      expect(then.labels).to.deep.equal(['insider']);
    });
  }

  it("when a customer reviews from the merchant's office address, then it is held, with the office's /24 in the evidence", () => {
    const v = officeScene().run().review('r1')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.deep.equal(['insider']);
    const link = v.reasons.find((x) => x.signal === 'shares-identity-with-staff')!.evidence.links as Record<string, Record<string, unknown>>;
    expect(link['ip:198.51.100.7']).to.deep.include({ accountsHolding: 5, staffHolding: 4, sharedNetworks: [{ accounts: 13, staff: 4 }] });
  });

  it('when an office /24 is busier than an office holds but the staff are a good share of it, then the office address still links', () => {
    const w = world().merchant('m1', 'orchidliving.shop').product('p1');
    for (let i = 0; i < 12; i++) w.account(`s${i}`, { staffOf: 'm1', ip: `198.51.100.${7 + (i % 3)}` });
    for (let i = 0; i < 30; i++) w.account(`n${i}`, { ip: `198.51.100.${20 + i}` });
    const v = w.account('a1', { ip: '81.2.9.9' }).review('r1', 'a1', 'p1', 0, { body: BODY, ip: '198.51.100.7' }).run().review('r1')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.deep.equal(['insider']);
  });

  it("when a relative signs up and reviews from a member of staff's home address, then it is held", () => {
    const v = world()
      .merchant('m1', 'orchidliving.shop')
      .product('p1')
      .account('s0', { staffOf: 'm1', ip: '92.1.120.150' })
      .account('a1', { ip: '92.1.120.150' })
      .review('r1', 'a1', 'p1', 0, { body: BODY, rating: 5 })
      .run()
      .review('r1')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.deep.equal(['insider']);
  });

  for (const staff of [1, 2]) {
    it(`when a customer's phone runs the same browser build as one of ${staff} staff and no one else's, then it is no link; before 2026.36 it was`, () => {
      const w = oneStaffBuildScene(staff);
      expect(w.run().review('r1')!.verdict.decision).to.equal('published');
      const then = w.run(before2026_36()).review('r1')!.verdict;
      expect(then.decision).to.equal('held');
      expect(then.labels).to.deep.equal(['insider']);
    });
  }

  it('when two members of staff and one customer share an uncommon build, then it still links (a managed build)', () => {
    const w = world().merchant('m1', 'orchidliving.shop').product('p1');
    w.account('s0', { staffOf: 'm1', ua: PHONE }).account('s1', { staffOf: 'm1', ua: PHONE });
    for (let i = 0; i < 50; i++) w.account(`c${i}`);
    const v = w.account('a1', { ua: PHONE }).review('r1', 'a1', 'p1', 0, { body: BODY, rating: 5 }).run().review('r1')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.deep.equal(['insider']);
  });

  it('when /how-we-check is read, then it says which addresses and builds are no link, with the policy figures', () => {
    const text = describeChecks(defaultPolicy)
      .map((c) => c.plainWords)
      .join(' ');
    expect(text).to.include(`more than ${defaultPolicy.insider.officeMaxHolders} accounts`);
    expect(text).to.include('only one member of staff uses');
    const old = describeChecks(before2026_36())
      .map((c) => c.plainWords)
      .join(' ');
    expect(old).to.not.include('only one member of staff uses');
    expect(old).to.not.include(`more than ${defaultPolicy.insider.officeMaxHolders} accounts`);
  });
});
