import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const BODY = 'Sturdy tent, survived a storm on the coast and kept everything dry inside.';

describe('insiders', () => {
  for (const rating of [1, 5]) {
    it(`when declared staff review their own merchant's product (${rating}★), then the review is held as insider`, () => {
      const r = world().merchant().product('p1').account('s1', { staffOf: 'm1' }).review('r1', 's1', 'p1', 0, { body: BODY, rating }).run();
      expect(r.review('r1')!.verdict.decision).to.equal('held');
      expect(r.review('r1')!.verdict.labels).to.deep.equal(['insider']);
    });
  }
  it("when the author's e-mail is on the merchant's domain, then the review is held as insider", () => {
    const r = world()
      .merchant('m1', 'acme-outdoor.example')
      .product('p1')
      .account('a1', { email: 'bob@mail.acme-outdoor.example' })
      .review('r1', 'a1', 'p1', 0, { body: BODY })
      .run();
    expect(r.review('r1')!.verdict.labels).to.deep.equal(['insider']);
  });
  it('when the author posts from the ip of declared staff, then the review is held as insider', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('s1', { staffOf: 'm1', ip: '198.51.100.7' })
      .account('a1', { ip: '203.0.113.9' })
      .review('r1', 'a1', 'p1', 0, { body: BODY, ip: '198.51.100.7' })
      .run();
    expect(r.review('r1')!.verdict.decision).to.equal('held');
    expect(r.review('r1')!.verdict.labels).to.deep.equal(['insider']);
  });
  it("when staff of another merchant review, or a customer shares only the office's /24, then nothing is held", () => {
    const r = world()
      .merchant('m1')
      .merchant('m2', 'other.example')
      .product('p1')
      .product('p2', 'm2')
      .account('s1', { staffOf: 'm1', ip: '198.51.100.7' })
      .account('a1', { ip: '198.51.100.8' })
      .review('r1', 's1', 'p2', 0, { body: BODY })
      .review('r2', 'a1', 'p1', 1, { body: 'Packs small, poles feel solid, and the fly went up in five minutes flat.' })
      .run();
    expect(r.review('r1')!.verdict.decision).to.equal('published');
    expect(r.review('r2')!.verdict.decision).to.equal('published');
  });
});
