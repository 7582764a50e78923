import { expect } from 'chai';
import { installSnippet, previewFrameSrc } from '../../../server/http/view-models/install-snippet.js';

describe('install snippet', () => {
  const base = { widgetUrl: 'https://candor.example/widget.js', merchantId: 'm_shop', sku: 'LAMP-1' };

  it('when the defaults are chosen, then the tag has only the source, merchant and product', () => {
    expect(installSnippet({ ...base, theme: 'light', variant: 'full' })).to.equal(
      '<script async src="https://candor.example/widget.js" data-candor-merchant="m_shop" data-candor-product="LAMP-1"></script>',
    );
  });

  it('when theme, accent and badge are chosen, then each appears as its documented attribute (accent lower-cased)', () => {
    const tag = installSnippet({ ...base, theme: 'auto', accent: '#AB12CD', variant: 'badge' });
    expect(tag).to.include('data-candor-theme="auto" data-candor-accent="#ab12cd" data-candor-variant="badge"');
  });

  it("when the preview address is built, then it names Candor's own origin as the embedding page", () => {
    const src = previewFrameSrc({ merchantId: 'm_shop', sku: 'LAMP-1', theme: 'dark', variant: 'badge', selfOrigin: 'https://candor.example' });
    const query = new URL(src, 'https://candor.example').searchParams;
    expect(Object.fromEntries(query)).to.deep.equal({
      merchant: 'm_shop',
      product: 'LAMP-1',
      theme: 'dark',
      origin: 'https://candor.example',
      variant: 'badge',
    });
  });
});
