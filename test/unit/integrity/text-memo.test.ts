import { expect } from 'chai';
import { rememberedByText } from '../../../server/integrity/text-memo.js';

describe('answers remembered by text', () => {
  it('when the same text is asked again, then the answer is computed once and the same object is returned', () => {
    let computed = 0;
    const lengthOf = rememberedByText((text) => {
      computed++;
      return { length: text.length };
    });
    const first = lengthOf('a zip that broke');
    expect(lengthOf('a zip that broke')).to.equal(first);
    expect(computed).to.equal(1);
    expect(lengthOf('dry all night').length).to.equal(13);
    expect(computed).to.equal(2);
  });

  it('when far more texts are asked than the memo keeps, then every answer is still the right one', () => {
    let computed = 0;
    const upper = rememberedByText((text) => {
      computed++;
      return text.toUpperCase();
    });
    for (let i = 0; i < 10_000; i++) expect(upper(`review ${i}`)).to.equal(`REVIEW ${i}`);
    // Asked again after the memo started over: right, and computed again only for what it no longer holds.
    expect(upper('review 3')).to.equal('REVIEW 3');
    expect(upper('review 9999')).to.equal('REVIEW 9999');
    expect(computed).to.equal(10_001);
  });
});
