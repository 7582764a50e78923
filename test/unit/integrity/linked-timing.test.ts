import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// Texts that share nothing: the ring is visible only through identity and timing.
const A = 'Kept us dry through a stormy night, the porch fits two pairs of boots easily.';
const B = 'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.';

describe('linked accounts posting together', () => {
  for (const rating of [1, 5]) {
    it(`when two accounts opened together from one address review one product within hours (${rating}★), then both are held as sockpuppets with the link and the gap as evidence`, () => {
      const r = world()
        .merchant()
        .product('p1')
        .account('a1', { at: -30, ip: '198.51.100.7', ua: 'UA-x' })
        .account('a2', { at: -29.5, ip: '198.51.100.7', ua: 'UA-y' })
        .review('r1', 'a1', 'p1', 0, { rating, body: A })
        .review('r2', 'a2', 'p1', 0.1, { rating, body: B })
        .run();
      for (const id of ['r1', 'r2']) {
        const v = r.review(id)!.verdict;
        expect(v.decision, id).to.equal('held');
        expect(v.labels).to.include('sockpuppet');
      }
      const t = r.review('r2')!.verdict.reasons.find((x) => x.signal === 'linked-co-review')!;
      expect(t.family).to.equal('timing');
      expect(t.evidence.accounts).to.deep.equal(['a1']);
      expect(t.evidence.reviews).to.deep.equal(['r1']);
      expect((t.evidence.links as Record<string, { tier: string }>).a1.tier).to.equal('strong');
    });
  }
  it('when one gmail mailbox written with dots and a +tag reviews one product from two accounts, then it is held', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -300, email: 'jane.doe@gmail.com' })
      .account('a2', { at: -10, email: 'janedoe+shop@googlemail.com' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p1', 2, { body: B })
      .run();
    expect(r.review('r2')!.verdict.decision).to.equal('held');
    expect(r.review('r1')!.verdict.decision).to.equal('held');
  });
  it('when a household (one address, accounts opened months apart) reviews one product on the same day, then nothing is held', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -400, ip: '203.0.113.5', ua: 'Safari/17' })
      .account('a2', { at: -100, ip: '203.0.113.5', ua: 'Chrome/124' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p1', 0.2, { rating: 2, body: B })
      .run();
    for (const id of ['r1', 'r2']) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });
  it('when a family opened accounts on one computer the same evening and each bought and reviewed the product, then nothing is held', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -60, ip: '203.0.113.9', ua: 'Firefox/125' })
      .account('a2', { at: -59.9, ip: '203.0.113.9', ua: 'Firefox/125' })
      .review('r1', 'a1', 'p1', 0, { body: A, orderDaysBefore: 9 })
      .review('r2', 'a2', 'p1', 1, { rating: 1, body: B, orderDaysBefore: 6 })
      .run();
    for (const id of ['r1', 'r2']) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });
  it('when accounts on one network review different products, then the timing signal does not fire', () => {
    const r = world()
      .merchant()
      .product('p1')
      .product('p2')
      .account('a1', { at: -30, ip: '198.51.100.7', ua: 'UA-x' })
      .account('a2', { at: -29.5, ip: '198.51.100.7', ua: 'UA-x' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p2', 0.1, { body: B })
      .run();
    expect(r.review('r2')!.verdict.reasons.map((x) => x.signal)).to.not.include('linked-co-review');
    expect(r.review('r2')!.verdict.decision).to.equal('published');
  });
  const BUILD = 'Mozilla/5.0 (Windows NT 6.1; WOW64) Chrome/77.0.3865.90';
  const C = 'Arrived a day early, the groundsheet is thicker than on our old one and the pegs hold in sand.';
  for (const rating of [1, 5]) {
    it(`when three accounts opened together with one uncommon browser build but different networks review one product in a shop of hundreds (${rating}★), then they are held as sockpuppets with the chance comparison as evidence`, () => {
      const r = world()
        .merchant()
        .product('p1')
        .background(300)
        .account('a1', { at: -30, ip: '198.51.100.7', ua: BUILD })
        .account('a2', { at: -29.99, ip: '203.0.113.44', ua: BUILD })
        .account('a3', { at: -29.98, ip: '192.0.2.81', ua: BUILD })
        .review('r1', 'a1', 'p1', 0, { rating, body: A })
        .review('r2', 'a2', 'p1', 0.1, { rating, body: B })
        .review('r3', 'a3', 'p1', 0.2, { rating, body: C })
        .run();
      const v = r.review('r3')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      const t = v.reasons.find((x) => x.signal === 'linked-co-review')!;
      const links = t.evidence.links as Record<string, { tier: string; why: string[] }>;
      expect(links.a1!.tier).to.equal('strong');
      expect(links.a1!.why.join(' ')).to.match(/uncommon browser build, where chance in this shop gives/);
    });
  }
  it('when only two accounts of a two-account shop share an uncommon build and were opened the same day, then chance explains it and nothing is held', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -30, ip: '198.51.100.7', ua: BUILD })
      .account('a2', { at: -29.6, ip: '203.0.113.44', ua: BUILD })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p1', 1, { body: B })
      .run();
    const v = r.review('r2')!.verdict;
    expect(v.decision).to.equal('published');
    expect(v.reasons.map((x) => x.signal)).to.not.include('accounts-created-together');
  });
  it('when two strangers share a browser build but opened their accounts months apart, then nothing is held', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -300, ip: '198.51.100.7', ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Firefox/124.0' })
      .account('a2', { at: -30, ip: '203.0.113.44', ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Firefox/124.0' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p1', 1, { body: B })
      .run();
    expect(r.review('r2')!.verdict.decision).to.equal('published');
  });
  it('when two family members on one computer each ordered the same product days before, then sharing it is not identity evidence', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -30, ip: '198.51.100.7', ua: 'UA-home' })
      .account('a2', { at: -29.9, ip: '198.51.100.7', ua: 'UA-home' })
      .review('r1', 'a1', 'p1', 0, { body: A, orderDaysBefore: 6 })
      .review('r2', 'a2', 'p1', 2, { body: B, orderDaysBefore: 5 })
      .run();
    const v = r.review('r2')!.verdict;
    expect(v.reasons.map((x) => x.signal)).to.not.include('shared-identity');
    expect(v.decision).to.equal('published');
  });
});
