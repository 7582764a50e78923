import { expect } from 'chai';
import { RATING_ESTIMATE, estimateRating } from '../../../server/reviews/rating-estimate.js';

describe('the Bayesian average of a product', () => {
  it('when a product has two five-star reviews in a catalogue averaging 3.5, then the estimate stays near the prior', () => {
    const estimate = estimateRating({ sum: 10, count: 2 }, { sum: 350, count: 100 });
    expect(estimate.mean).to.equal(5);
    expect(estimate.priorMean).to.equal(3.5);
    // (10 × 3.5 + 10) / (10 + 2) = 3.75
    expect(estimate.bayesian).to.be.closeTo((RATING_ESTIMATE.priorWeight * 3.5 + 10) / (RATING_ESTIMATE.priorWeight + 2), 1e-9);
    expect(estimate.bayesian).to.be.closeTo(3.75, 1e-9);
  });

  it('when a product has many reviews, then the estimate approaches its own mean', () => {
    const estimate = estimateRating({ sum: 4.7 * 400, count: 400 }, { sum: 350, count: 100 });
    expect(estimate.mean).to.be.closeTo(4.7, 1e-9);
    expect(estimate.bayesian).to.be.greaterThan(4.6).and.lessThan(4.7);
  });

  it('when the catalogue has no published review, then the prior is the middle of the scale and a product without reviews has no mean', () => {
    const estimate = estimateRating({ sum: 0, count: 0 }, { sum: 0, count: 0 });
    expect(estimate.mean).to.equal(null);
    expect(estimate.priorMean).to.equal(RATING_ESTIMATE.fallbackPriorMean);
    expect(estimate.bayesian).to.equal(RATING_ESTIMATE.fallbackPriorMean);
  });
});
