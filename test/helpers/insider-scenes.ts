import { world } from './in-memory-context.js';

// Scenes for the insider links that strangers share by chance (integrity-2026.36), used by the unit tests and by the
// database test.

const BODY = 'Sturdy tent, survived a storm on the coast and kept everything dry inside.';
export const CARRIER = '172.58.14';
export const PHONE = 'Mozilla/5.0 (Linux; Android 14; CPH2451) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/**
 * A mobile carrier's /24: `customers` accounts hopping over twenty addresses, one member of staff (of two) among them
 * on CARRIER.5, and customer a1 who reviews (r1) from that same address with an order days before.
 */
export function carrierPoolScene(customers: number, rating: number) {
  const w = world().merchant('m1', 'orchidliving.shop').product('p1').product('p2');
  w.account('s0', { staffOf: 'm1', ip: `${CARRIER}.5` }).account('s1', { staffOf: 'm1', ip: '198.51.100.7' });
  for (let i = 0; i < customers; i++) w.account(`c${i}`, { ip: `${CARRIER}.${1 + (i % 20)}` });
  return w.account('a1', { ip: '81.2.9.9' }).review('r1', 'a1', 'p1', 0, { body: BODY, rating, ip: `${CARRIER}.5`, orderDaysBefore: 6 });
}

/** The merchant's office: four staff on one address, eight neighbours on its /24, and a1 reviewing (r1) from the office. */
export function officeScene() {
  const w = world().merchant('m1', 'orchidliving.shop').product('p1');
  for (let i = 0; i < 4; i++) w.account(`s${i}`, { staffOf: 'm1', ip: '198.51.100.7' });
  for (let i = 0; i < 8; i++) w.account(`n${i}`, { ip: `198.51.100.${20 + i}` });
  return w.account('a1', { ip: '81.2.9.9' }).review('r1', 'a1', 'p1', 0, { body: BODY, rating: 5, ip: '198.51.100.7' });
}

/** A customer a1 (r1) whose phone runs the browser build of one of `staff` staff and of no one else in a shop of 50. */
export function oneStaffBuildScene(staff: number) {
  const w = world().merchant('m1', 'orchidliving.shop').product('p1');
  w.account('s0', { staffOf: 'm1', ua: PHONE });
  if (staff === 2) w.account('s1', { staffOf: 'm1' });
  for (let i = 0; i < 50; i++) w.account(`c${i}`);
  return w.account('a1', { ua: PHONE }).review('r1', 'a1', 'p1', 0, { body: BODY, rating: 1, orderDaysBefore: 4 });
}
