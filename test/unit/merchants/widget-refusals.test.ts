import { expect } from 'chai';
import { originOfPage } from '../../../server/merchants/install-check.js';
import { RefusalDedupe } from '../../../server/merchants/widget-refusals.js';

describe('widget refusals and the install check', () => {
  it('when the same origin is refused again within the window, then it is not recorded again; after the window it is', () => {
    const dedupe = new RefusalDedupe(600_000);
    expect(dedupe.admit('m_a https://x.example', 0)).to.equal(true);
    expect(dedupe.admit('m_a https://x.example', 599_999)).to.equal(false);
    expect(dedupe.admit('m_a https://y.example', 599_999), 'another origin is its own key').to.equal(true);
    expect(dedupe.admit('m_a https://x.example', 600_000)).to.equal(true);
  });

  it('when a merchant pastes a page address, then only its origin counts; nonsense gives null', () => {
    expect(originOfPage('https://Shop.Example:443/products/lamp?x=1#top')).to.equal('https://shop.example');
    expect(originOfPage('shop.example/products')).to.equal('https://shop.example');
    expect(originOfPage('http://localhost:8080/a')).to.equal('http://localhost:8080');
    expect(originOfPage('not a url at all')).to.equal(null);
    expect(originOfPage('ftp://shop.example/file')).to.equal(null);
  });
});
