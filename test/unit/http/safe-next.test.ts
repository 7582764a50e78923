import { expect } from 'chai';
import { safeNext, signInHref } from '../../../server/http/safe-next.js';

describe('safeNext: where sign-in may send a person', () => {
  it('when the address is a same-site path, then it is kept whole: query, encoded values and fragment', () => {
    const widget = '/widget/write?merchant=m_acme&product=TT-2P&origin=https%3A%2F%2Fshop.example';
    expect(safeNext(widget)).to.equal(widget);
    expect(safeNext('/products/tent/reviews?sort=lowest#review-r_1')).to.equal('/products/tent/reviews?sort=lowest#review-r_1');
  });

  for (const evil of [
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    'evil.example',
    '',
    42,
    null,
  ]) {
    it(`when the address is ${JSON.stringify(evil)}, then it falls back to the home page`, () => {
      expect(safeNext(evil)).to.equal('/');
    });
  }

  it('when a sign-in link is built for a page, then the page travels percent-encoded, and the home page needs none', () => {
    expect(signInHref('/widget/write?merchant=m_a&product=X')).to.equal('/signin?next=%2Fwidget%2Fwrite%3Fmerchant%3Dm_a%26product%3DX');
    expect(signInHref('/', '/signup')).to.equal('/signup');
    expect(signInHref('//evil.example')).to.equal('/signin');
  });
});
