import { expect } from 'chai';
import { csat, median, nps, npsGroup, wilsonInterval } from '../../../server/merchants/sentiment-metrics.js';

const close = (actual: number | undefined, expected: number, digits = 4) => expect(actual).to.be.closeTo(expected, 10 ** -digits);

describe('sentiment metrics (CSAT, NPS, intervals)', () => {
  it('when 8 of 10 verified reviews are 4–5★, then CSAT is 80 % with the Wilson interval 49.0 %–94.3 %', () => {
    const c = csat(8, 10);
    expect(c.share).to.equal(0.8);
    // Wilson 95 %, n = 10, p = 0.8: (0.8 + 0.19208 ± 1.96·√(0.016 + 0.009604)) / 1.38416
    close(c.interval?.low, 0.4902);
    close(c.interval?.high, 0.9433);
  });

  it('when every review is satisfied, then the interval still has a lower end below 100 % (Wilson, not Wald)', () => {
    const i = wilsonInterval(5, 5)!;
    expect(i.high).to.equal(1);
    close(i.low, 0.5655);
  });

  it('when there are no reviews, then CSAT and its interval are unknown rather than zero', () => {
    expect(csat(0, 0)).to.deep.equal({ satisfied: 0, total: 0, share: null, interval: null });
  });

  it('when 50 promoters, 30 passives and 20 detractors answer, then NPS is 30 with a ±15.3 variance-based interval', () => {
    const n = nps(50, 30, 20);
    expect(n.total).to.equal(100);
    close(n.score ?? undefined, 30);
    // Var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061; 1.96 · √0.0061 = 0.15308
    close(n.interval?.low, 30 - 15.308, 2);
    close(n.interval?.high, 30 + 15.308, 2);
  });

  it('when every answer is a detractor, then NPS is −100 and the interval is clipped to the scale', () => {
    const n = nps(0, 0, 4);
    expect(n.score).to.equal(-100);
    expect(n.interval).to.deep.equal({ low: -100, high: -100 });
  });

  it('when nobody answered, then NPS is unknown', () => {
    expect(nps(0, 0, 0).score).to.equal(null);
  });

  it('when answers are grouped, then 9–10 promote, 7–8 are passive and 0–6 detract', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).to.deep.equal(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('when a list has an even count, then the median is the mean of the middle two', () => {
    expect(median([5, 1, 3, 9])).to.equal(4);
    expect(median([7, 2, 4])).to.equal(4);
    expect(median([])).to.equal(null);
  });
});
