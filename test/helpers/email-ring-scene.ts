import { world } from './in-memory-context.js';
import { OWN_WORDS } from './throwaway-scene.js';

// Scenes for the e-mail pattern group check (signals/email-pattern-group.ts): a shop whose customers use webmail
// addresses of many shapes, and reviewers of product p1 whose addresses may share one.
const FIRST = ['anna', 'ben', 'chloe', 'dev', 'emeka', 'fatima', 'goran', 'hana', 'ivan', 'jolene', 'kofi', 'lucia'];
const LAST = ['berg', 'costa', 'dubois', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'kaur', 'lopez', 'meyer'];

/** The background customers' addresses: eight shapes in turn ("anna.berg", "anna.berg1987", "aberg", "annab12", …). */
function customerEmail(i: number, domain: string): string {
  const f = FIRST[i % FIRST.length]!;
  const l = LAST[(i * 5) % LAST.length]!;
  const shapes = [`${f}.${l}`, `${f}.${l}${1960 + (i % 40)}`, `${f[0]}${l}`, `${f}${l[0]}${i % 90}`, `${l}.${f}`, `${f}_${l}`, `${f}${l}`, `${l}${i % 9}`];
  return `${shapes[i % shapes.length]}@${domain}`;
}

export type EmailScene = ReturnType<typeof world>;

/**
 * Product p1 and 200 customers reviewing 40 other products over the four months before day −2, with orders, their
 * addresses on gmail.com (and `campus` more students on stud.uni-example.edu, all in the campus scheme "name1234").
 */
export function webmailShop(o: { campus?: number } = {}): EmailScene {
  const w = world().merchant().product('p1');
  for (let p = 0; p < 40; p++) w.product(`bg-p${p}`);
  const customers = 200 + (o.campus ?? 0);
  for (let i = 0; i < customers; i++) {
    const email = i < 200 ? customerEmail(i, 'gmail.com') : `${FIRST[i % FIRST.length]}${2000 + i}@stud.uni-example.edu`;
    w.account(`bg-a${i}`, { at: -500 - i, email });
    w.review(`bg-r${i}`, `bg-a${i}`, `bg-p${i % 40}`, -122 + (120 * i) / customers, {
      body: `Background note ${i}: ${['sturdy', 'light', 'warm', 'quiet', 'simple', 'handy', 'solid'][i % 7]} kit, used it ${i % 9} times on trip ${i}.`,
      orderDaysBefore: 2 + (i % 20),
    });
  }
  return w;
}

/**
 * `emails.length` accounts opened a few days apart three weeks before day 0, each on its own network and browser,
 * reviewing p1 in its own words over two days, each with an order days before.
 */
export function reviewersOfP1(w: EmailScene, emails: string[], rating: number, prefix = 'e'): EmailScene {
  emails.forEach((email, i) => {
    w.account(`${prefix}${i}`, { at: -21 + i * 0.7, email, ip: `${30 + i * 11}.${prefix.charCodeAt(0)}.${i * 9}.${7 + i}` });
    w.review(`${prefix}${i}`, `${prefix}${i}`, 'p1', (i * 2) / emails.length, {
      rating,
      body: `${OWN_WORDS[i % OWN_WORDS.length]} Note ${i}.`,
      orderDaysBefore: 4 + (i % 3),
    });
  });
  return w;
}

/** A script's addresses: one word, a name and a running number ("dailyanna037@gmail.com", "dailyben038@gmail.com", …). */
export const scriptedEmails = (n: number, domain = 'gmail.com') =>
  Array.from({ length: n }, (_, i) => `daily${FIRST[i]!}${String(37 + i).padStart(3, '0')}@${domain}`);
/** Customers' own addresses in the shop's most common shapes. */
export const ownEmails = (n: number) => Array.from({ length: n }, (_, i) => customerEmail(1000 + i * 8, 'gmail.com'));
