import { world } from './in-memory-context.js';

/**
 * The shop around an order-cohort scene (signals/order-cohort.ts): product p1 and 160 verified reviews of 40 other
 * products over four months (days `from` to `from` + 120), whose order→review delays spread from 2 days to
 * 2 + spreadDays, as independent customers' do.
 */
export function verifiedShop(spreadDays: number, from = -60) {
  const w = world().merchant().product('p1');
  for (let p = 0; p < 40; p++) w.product(`bg-p${p}`);
  for (let i = 0; i < 160; i++) {
    w.account(`bg-a${i}`, { at: -500 - i });
    w.review(`bg-r${i}`, `bg-a${i}`, `bg-p${i % 40}`, from + (120 * i) / 160, {
      body: `Background note ${i}: ${['sturdy', 'light', 'warm', 'quiet', 'simple', 'handy', 'solid'][i % 7]} kit, used it ${i % 9} times on trip ${i}.`,
      orderDaysBefore: 2 + ((i * 37) % (spreadDays * 10)) / 10,
    });
  }
  return w;
}

/**
 * Fourteen buyers of one defective batch on product p1: they order on two days and complain in the same words after
 * their own delays over the following weeks (a defect wave, which no cohort test may hold).
 */
export function defectWave(w: ReturnType<typeof verifiedShop>, rating: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < 14; i++) {
    w.account(`d${i}`, { at: -300 - i * 11 });
    const orderDay = (i % 2) * 0.9;
    const delay = 3 + ((i * 29) % 170) / 10;
    w.review(`d${i}`, `d${i}`, 'p1', orderDay + delay, {
      rating,
      body: `The zipper broke after two nights, the pull came off in my hand and the seam split. Review ${i}, batch from the spring sale.`,
      orderDaysBefore: delay,
    });
    ids.push(`d${i}`);
  }
  return ids;
}
