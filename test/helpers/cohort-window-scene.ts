import { verifiedShop } from './verified-shop.js';

// A campaign that only shows once its window has closed (signals/order-cohort.ts, assess.ts recheckAt): `size` aged
// accounts order product p1 within hours of each other and review it over `spreadDays`, six days later, each in its
// own words. At each review's own check the days after it are still open; a week later the silence is evidence too.

/** Each buyer's own words: different numbers and endings, no shared template. */
export const ownWords = (i: number) =>
  `Honest note ${i}: ${['sturdy', 'light', 'warm', 'quiet'][i % 4]} tent, trip ${i * 7 + 3}, ${['so far so good', 'no complaints', 'worth it', 'fine for the price'][i % 4]}.`;

export const CAMPAIGN_START_DAY = 6;

export function cohortCampaign(o: { rating: number; size?: number; spreadDays?: number; laterPostDay?: number | null }) {
  const size = o.size ?? 10;
  const spread = o.spreadDays ?? 1.5;
  // The shop's background ends before the campaign, so the events come in time order, as a replay's do.
  const w = verifiedShop(20, -130);
  for (let i = 0; i < size; i++) w.account(`f${i}`, { at: -300 - i * 17 });
  for (let i = 0; i < size; i++) {
    const at = CAMPAIGN_START_DAY + (i * spread) / size;
    w.review(`f${i}`, `f${i}`, 'p1', at, { rating: o.rating, body: ownWords(i), orderDaysBefore: at - i * 0.05 });
  }
  // The shop's next post after the campaign, on another product: the replay makes due re-checks before it.
  const later = o.laterPostDay === undefined ? 16 : o.laterPostDay;
  if (later !== null) {
    w.account('later', { at: -400 });
    w.review('later', 'later', 'bg-p3', later, { body: 'A later customer of another product, writing about a desk lamp.', orderDaysBefore: 5 });
  }
  return { w, ids: Array.from({ length: size }, (_, i) => `f${i}`) };
}
