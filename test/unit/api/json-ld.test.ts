import { expect } from 'chai';
import { productJsonLd } from '../../../server/api/json-ld.js';

const review = (title: string, status: 'published' | 'held' | 'pending' | 'rejected' | 'removed') => ({
  title,
  body: `${title} body`,
  rating: 4,
  authorName: 'Ann',
  createdAt: new Date('2026-05-01T10:00:00Z'),
  status,
});

const product = { name: 'Tent', sku: 'TENT', description: '', url: 'https://candor.example/products/tent/reviews', merchantName: 'Acme', count: 1, average: 4 };

describe('structured data (JSON-LD)', () => {
  it('when the reviews given include held, pending, rejected or removed ones, then only the published ones are written out', () => {
    const doc = productJsonLd({
      ...product,
      reviews: [
        review('Held', 'held'),
        review('Shown', 'published'),
        review('Pending', 'pending'),
        review('Rejected', 'rejected'),
        review('Removed', 'removed'),
      ],
    });
    expect((doc.review as { name: string }[]).map((r) => r.name)).to.deep.equal(['Shown']);
  });

  it('when no review given is published, then the document has no review list at all', () => {
    const doc = productJsonLd({ ...product, reviews: [review('Held', 'held')] });
    expect(doc).not.to.have.property('review');
  });
});
