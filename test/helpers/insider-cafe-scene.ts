import { world } from './in-memory-context.js';

// A regular customer of merchant m1 and a member of its staff who posts from a café network (tests of insider links as
// they were when a review was written).
const CAFE = '198.51.100.23';

/** A regular customer of m1 who reviews p1 on day 0 and, on `cafeDay`, posts another review from the staff's network. */
export function regularAtTheStaffCafe(rating: number, cafeDay: number) {
  const w = world().merchant('m1', 'acme-outdoor.example').product('p1').product('p2').product('p3').background(200, 30, -150, 40);
  w.account('staff1', { at: -300, ip: CAFE, staffOf: 'm1' });
  w.review('staff1-x', 'staff1', 'bg-p3', -10, { ip: CAFE, body: 'A note from the shop floor about a tent we stock.' });
  w.account('regular', { at: -400 });
  w.review('regular-old', 'regular', 'bg-p2', -40, { body: 'Bought a stove in spring, it still lights first time.', orderDaysBefore: 6 });
  w.review('regular-p1', 'regular', 'p1', 0, { rating, body: 'The tent pitched fast and kept us dry on a wet weekend.', orderDaysBefore: 6 });
  w.review('regular-cafe', 'regular', 'p2', cafeDay, { ip: CAFE, body: 'Written over coffee: the lantern is bright and light.', orderDaysBefore: 6 });
  // A post weeks later, so that the replay makes the re-checks that came due.
  w.account('later').review('later-x', 'later', 'bg-p1', 60, { body: 'A later review about something else entirely.' });
  return w;
}
