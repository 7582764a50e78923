import { mulberry32 } from '../integrity/seeded-random.js';
import { rewardGrammarLimits } from '../integrity/policy.js';
import { createAccount, hashPassword, makeMerchantStaff } from '../accounts/accounts.js';
import { postComment } from '../reviews/post-comment.js';
import { seedDemoQuestions } from './demo-questions.js';
import { setHelpfulVote } from '../reviews/helpful-vote.js';
import { replyToReview } from '../reviews/merchant-reply.js';
import { answerFollowUp } from '../reviews/follow-up-answer.js';
import { offerFollowUp } from '../merchants/follow-ups.js';
import { openMerchantScope } from '../merchants/merchant-scope.js';
import { reportContent } from '../reviews/report-content.js';
import { submitReview, type ReviewDraft } from '../reviews/submit-review.js';
import { demoPhotos } from './demo-photos.js';
import { insertMerchant, insertOrder, insertProduct } from '../storage/catalog-repo.js';
import { addEmbedOrigin } from '../storage/merchant-repo.js';
import { skipNotificationHistory } from '../storage/notification-repo.js';
import type { Services } from '../wiring.js';
import { CLOSERS, COMMENTS, FIRST_NAMES, MERCHANT_REPLIES, OPENERS, PRODUCT_DETAILS, TITLES, sentimentOf } from './demo-texts.js';

export const DEMO_LOGINS = [
  { role: 'moderator', email: 'moderator@candor.example', password: 'moderate-with-evidence' },
  { role: 'merchant', email: 'owner@acme-outdoor.example', password: 'acme-merchant-demo' },
  { role: 'customer', email: 'ana@mailbox.example', password: 'customer-demo-pass' },
] as const;

/** Demo answers to the 0–10 "would you recommend this shop" question, by star rating (1★ first). */
const DEMO_RECOMMEND = [
  [0, 2, 1, 4],
  [3, 5, 2, 6],
  [6, 7, 5, 8],
  [9, 8, 7, 10],
  [10, 9, 10, 8],
];

const DAY = 86_400_000;
const MINUTE = 60_000;

const MERCHANTS = [
  { id: 'm_acme', slug: 'acme-outdoor', name: 'Acme Outdoor', domain: 'acme-outdoor.example' },
  { id: 'm_northwind', slug: 'northwind-kitchen', name: 'Northwind Kitchen', domain: 'northwind-kitchen.example' },
  { id: 'm_lumen', slug: 'lumen-audio', name: 'Lumen Audio', domain: 'lumen-audio.example' },
];

const PRODUCTS = [
  {
    merchantId: 'm_acme',
    slug: 'trail-tent-2p',
    sku: 'TT-2P',
    name: 'Trail Tent 2P',
    category: 'camping',
    description: 'A two-person, three-season backpacking tent with a full-mesh inner.',
  },
  {
    merchantId: 'm_acme',
    slug: 'summit-sleeping-bag',
    sku: 'SSB-3',
    name: 'Summit Sleeping Bag −3 °C',
    category: 'camping',
    description: 'Synthetic mummy bag rated to −3 °C comfort.',
  },
  {
    merchantId: 'm_acme',
    slug: 'ridge-daypack-28',
    sku: 'RD-28',
    name: 'Ridge Daypack 28 L',
    category: 'camping',
    description: 'A 28-litre daypack with a ventilated back panel.',
  },
  {
    merchantId: 'm_acme',
    slug: 'glow-camp-lantern',
    sku: 'GL-1',
    name: 'Glow Camp Lantern',
    category: 'camping',
    description: 'Rechargeable lantern with warm and cool light.',
  },
  {
    merchantId: 'm_northwind',
    slug: 'cast-iron-skillet-26',
    sku: 'CI-26',
    name: 'Cast Iron Skillet 26 cm',
    category: 'kitchen',
    description: 'Pre-seasoned cast iron skillet for every hob.',
  },
  {
    merchantId: 'm_northwind',
    slug: 'chef-knife-20',
    sku: 'CK-20',
    name: 'Chef’s Knife 20 cm',
    category: 'kitchen',
    description: 'High-carbon stainless steel chef’s knife.',
  },
  {
    merchantId: 'm_northwind',
    slug: 'espresso-maker-duo',
    sku: 'EM-DUO',
    name: 'Espresso Maker Duo',
    category: 'kitchen',
    description: 'Compact pump espresso machine with a steam wand.',
  },
  {
    merchantId: 'm_lumen',
    slug: 'pulse-wireless-earbuds',
    sku: 'PWE-2',
    name: 'Pulse Wireless Earbuds',
    category: 'audio',
    description: 'Noise-cancelling earbuds with 30 h battery.',
  },
  {
    merchantId: 'm_lumen',
    slug: 'arc-over-ear-headphones',
    sku: 'AOE-1',
    name: 'Arc Over-Ear Headphones',
    category: 'audio',
    description: 'Closed-back over-ear headphones with multipoint Bluetooth.',
  },
  {
    merchantId: 'm_lumen',
    slug: 'beam-desk-speaker',
    sku: 'BDS-1',
    name: 'Beam Desk Speaker',
    category: 'audio',
    description: 'A compact stereo speaker for the desk.',
  },
];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
];

// A small seeded generator: the demo looks the same on every machine.
function prng(seed: number) {
  const next = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

// Home connections spread over many networks, as real customers' are.
const HOME_NETWORKS = [31, 46, 62, 77, 81, 86, 92, 109, 151, 176, 185, 212];
function homeAddress(rand: ReturnType<typeof prng>): string {
  return `${rand.pick(HOME_NETWORKS)}.${rand.int(0, 255)}.${rand.int(0, 255)}.${rand.int(1, 254)}`;
}

// Browser builds differ in their version numbers, so a user agent only links accounts on one device.
function browser(rand: ReturnType<typeof prng>): string {
  const base = rand.pick(USER_AGENTS).replace(/OS (\d+)_\d+/, (_m, major: string) => `OS ${major}_${rand.int(0, 6)}_${rand.int(0, 3)}`);
  return base.replace(
    /(Chrome|Firefox|Version)\/(\d+)\.\d+/,
    (_m, name: string, major: string) => `${name}/${major}.${rand.int(0, 9)}.${rand.int(1000, 6999)}.${rand.int(10, 199)}`,
  );
}

// Every sentence and title already used on a product is picked last, so one product's reviews read like
// different people; details come from that product's own pool and the ending agrees with the rating.
function genuineText(rand: ReturnType<typeof prng>, slug: string, rating: number, usedOnProduct: Set<string>): ReviewDraft {
  const pool = PRODUCT_DETAILS[slug]!;
  const goodCount = rating >= 4 ? 2 : rating === 3 ? 1 : 0;
  const badCount = rating <= 2 ? 2 : rating === 3 ? 1 : rating === 4 ? 1 : 0;
  const freshFirst = (list: string[]) =>
    list
      .map((text) => ({ text, order: (text && usedOnProduct.has(text) ? 1 : 0) + rand.next() }))
      .sort((a, b) => a.order - b.order)
      .map((x) => x.text);
  const details = [...freshFirst(pool.good).slice(0, goodCount), ...freshFirst(pool.bad).slice(0, badCount)];
  const opener = freshFirst(OPENERS[rating]!)[0]!;
  // Without an opening sentence the first detail opens the review: prefer one that has not opened another.
  if (!opener) details.sort((a, b) => Number(usedOnProduct.has(`opens:${a}`)) - Number(usedOnProduct.has(`opens:${b}`)));
  usedOnProduct.add(`opens:${opener || details[0]}`);
  const closer = freshFirst(CLOSERS[sentimentOf(rating)])[0]!;
  const title = freshFirst(TITLES[rating]!)[0]!;
  for (const used of [...details, opener, closer, title]) if (used) usedOnProduct.add(used);
  const body = [opener, ...details, closer].filter(Boolean).join(' ');
  return { rating, title, body, incentive: null };
}

function genuineRating(rand: ReturnType<typeof prng>): number {
  const x = rand.next();
  return x < 0.45 ? 5 : x < 0.7 ? 4 : x < 0.82 ? 3 : x < 0.9 ? 2 : 1;
}

/**
 * Loads the demo shop into an empty database through the same use cases as the web app, so the demo's
 * held reviews were held by the real pipeline. Returns null when the database already has data.
 */
export async function seedDemoData(services: Services): Promise<Record<string, number> | null> {
  const { db } = services;
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM merchants');
  if (existing.rows[0]!.n > 0) return null;

  // The three demo passwords are hashed at once, on libuv's threads, while the catalogue is written (argon2 takes
  // about a quarter of a second each); every demo customer shares the customer password's hash, as before.
  const [moderatorLogin, merchantLogin, customerLogin] = DEMO_LOGINS;
  const hashes = Promise.all([hashPassword(moderatorLogin.password), hashPassword(merchantLogin.password), hashPassword(customerLogin.password)]);
  // Awaited below; a failure before then must not surface as an unhandled rejection.
  hashes.catch(() => undefined);
  const rand = prng(20261127);
  const now = services.clock();
  const deps = { db, integrity: services.integrity, photoFiles: services.photoFiles };
  const ago = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY + minutes * MINUTE);

  for (const m of MERCHANTS) await insertMerchant(db, { ...m, createdAt: ago(400) });
  const products = PRODUCTS.map((p, i) => ({ ...p, id: `p_${p.slug.replace(/-/g, '_')}`, url: null, index: i }));
  for (const p of products) await insertProduct(db, { ...p, createdAt: ago(300) });

  const [moderatorHash, merchantHash, customerHash] = await hashes;
  await createAccount(db, {
    id: 'a_moderator',
    displayName: 'Morgan (moderator)',
    email: moderatorLogin.email,
    role: 'moderator',
    passwordHash: moderatorHash,
    ip: null,
    userAgent: null,
    at: ago(420),
  });
  await createAccount(db, {
    id: 'a_acme_owner',
    displayName: 'Acme Outdoor team',
    email: merchantLogin.email,
    passwordHash: merchantHash,
    ip: '192.0.2.10',
    userAgent: USER_AGENTS[0]!,
    at: ago(400),
  });
  await makeMerchantStaff(db, 'm_acme', 'a_acme_owner', true);
  // Local widget and API testing: a page served on port 8080 may embed Acme's reviews (see README).
  for (const origin of ['http://localhost:8080', 'http://127.0.0.1:8080']) await addEmbedOrigin(db, 'm_acme', origin, ago(1));

  const customers: { id: string; ip: string; ua: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const first = FIRST_NAMES[i]!;
    // Two pairs of customers share a home connection: a household is not a sockpuppet ring.
    const ip = i === 7 ? customers[6]!.ip : i === 21 ? customers[20]!.ip : homeAddress(rand);
    const ua = i === 7 ? customers[6]!.ua : i === 21 ? customers[20]!.ua : browser(rand);
    const account = await createAccount(db, {
      id: `a_${first.toLowerCase()}`,
      displayName: `${first} ${String.fromCharCode(65 + ((i * 7) % 26))}.`,
      email: i === 0 ? customerLogin.email : `${first.toLowerCase()}.${i}@mailbox.example`,
      passwordHash: customerHash,
      ip,
      userAgent: ua,
      at: ago(rand.int(150, 380), rand.int(0, 600)),
    });
    customers.push({ id: account.id, ip, ua });
  }

  // Genuine reviews spread over four months, most from verified buyers.
  const planned: { customer: (typeof customers)[number]; product: (typeof products)[number]; day: number }[] = [];
  for (const customer of customers) {
    const count = rand.int(2, 5);
    const chosen = [...products].sort(() => rand.next() - 0.5).slice(0, count);
    for (const product of chosen) planned.push({ customer, product, day: rand.int(1, 120) });
  }
  planned.sort((a, b) => b.day - a.day);
  // The newest review of the tent carries two photos, so the tab and the widget show what photos look like.
  const withPhotos = planned.filter((p) => p.product.slug === 'trail-tent-2p').reduce((a, b) => (b.day < a.day ? b : a));
  const reviewIds: { id: string; accountId: string; merchantId: string; rating: number }[] = [];
  let orders = 0;
  const usedSentences = new Map<string, Set<string>>();
  for (const plan of planned.slice(0, 140)) {
    const reviewAt = ago(plan.day, rand.int(0, 900));
    const rating = genuineRating(rand);
    let orderId: string | null = null;
    if (rand.next() < 0.7) {
      orderId = `o_demo_${++orders}`;
      await insertOrder(db, {
        id: orderId,
        merchantId: plan.product.merchantId,
        productId: plan.product.id,
        accountId: plan.customer.id,
        email: null,
        orderedAt: new Date(reviewAt.getTime() - rand.int(5, 40) * DAY),
      });
    }
    const used = usedSentences.get(plan.product.id) ?? new Set<string>();
    usedSentences.set(plan.product.id, used);
    const draft = genuineText(rand, plan.product.slug, rating, used);
    if (rand.next() < 0.05) draft.incentive = { kind: 'free_product', disclosed: true };
    // Two verified buyers in three answer "would you recommend the shop? 0–10", in line with their stars. Picked from
    // the order count (not the random stream), so the rest of the demo stays exactly as it was.
    const recommend = orderId && orders % 3 !== 0 ? DEMO_RECOMMEND[rating - 1]![orders % 4]! : null;
    const result = await submitReview(deps, {
      productId: plan.product.id,
      draft: { ...draft, recommend },
      orderId,
      post: { accountId: plan.customer.id, ip: plan.customer.ip, userAgent: plan.customer.ua, at: reviewAt },
      photos: plan === withPhotos ? await demoPhotos(0, 2, draft.title) : undefined,
    });
    reviewIds.push({ id: result.reviewId, accountId: plan.customer.id, merchantId: plan.product.merchantId, rating });
  }

  // A sockpuppet ring: four fresh accounts from one address, minutes apart, praising one product in the same words.
  const ringProduct = products.find((p) => p.slug === 'pulse-wireless-earbuds')!;
  const ringPhrases = [
    'Best earbuds I have ever owned, crystal clear sound and amazing battery life, totally worth every penny',
    'Best earbuds I have ever owned! Crystal clear sound and amazing battery life, worth every single penny',
    'These are the best earbuds I have ever owned, crystal clear sound, amazing battery life, worth every penny',
    'Best earbuds I ever owned, crystal clear sound and amazing battery life. Totally worth every penny!',
  ];
  for (let i = 0; i < ringPhrases.length; i++) {
    const at = ago(3, i * 12);
    const account = await createAccount(db, {
      id: `a_ring_${i + 1}`,
      displayName: `Happy Buyer ${i + 1}`,
      email: `happy.buyer${i + 1}@quickmail.example`,
      passwordHash: customerHash,
      ip: '203.0.113.77',
      userAgent: USER_AGENTS[4]!,
      at: new Date(at.getTime() - 20 * MINUTE),
    });
    await submitReview(deps, {
      productId: ringProduct.id,
      draft: { rating: 5, title: 'Amazing!!!', body: ringPhrases[i]!, incentive: null },
      post: { accountId: account.id, ip: '203.0.113.77', userAgent: USER_AGENTS[4]!, at },
    });
  }

  // An insider: an employee of Acme reviewing Acme's tent from a work address.
  const insider = await createAccount(db, {
    id: 'a_insider',
    displayName: 'Sam T.',
    email: 'sam.t@acme-outdoor.example',
    passwordHash: customerHash,
    ip: '192.0.2.10',
    userAgent: USER_AGENTS[0]!,
    at: ago(30),
  });
  await submitReview(deps, {
    productId: products[0]!.id,
    draft: {
      rating: 5,
      title: 'Best tent on the market',
      body: 'I have tried every tent out there and nothing comes close to the Trail Tent. Light, strong and quick to pitch.',
      incentive: null,
    },
    post: { accountId: insider.id, ip: '192.0.2.10', userAgent: USER_AGENTS[0]!, at: ago(2) },
  });

  // A reward tied to the rating: the shopper says so, and the review waits for a moderator.
  const conditional = customers[12]!;
  await submitReview(deps, {
    productId: products.find((p) => p.slug === 'espresso-maker-duo')!.id,
    draft: {
      rating: 5,
      title: 'Good machine',
      body: 'Decent espresso and easy to clean. The seller promised a full refund if I left a 5 star review, so here it is.',
      incentive: null,
    },
    orderId: null,
    post: { accountId: conditional.id, ip: conditional.ip, userAgent: conditional.ua, at: ago(1) },
  }).catch(() => undefined);

  // Conversation and votes on published reviews.
  let comments = 0;
  let votes = 0;
  for (let i = 0; i < reviewIds.length; i++) {
    const review = reviewIds[i]!;
    if (i % 5 === 0) {
      const commenter = customers[(i * 3 + 1) % customers.length]!;
      if (commenter.id !== review.accountId) {
        const result = await postComment(deps, {
          reviewId: review.id,
          parentId: null,
          body: COMMENTS[i % COMMENTS.length]!,
          post: { accountId: commenter.id, ip: commenter.ip, userAgent: commenter.ua, at: ago(0, -rand.int(60, 2000)) },
        }).catch(() => null);
        if (result) comments++;
      }
    }
    const voters = rand.int(0, 4);
    for (let v = 0; v < voters; v++) {
      const voter = customers[(i + v * 7 + 3) % customers.length]!;
      if (voter.id === review.accountId) continue;
      await setHelpfulVote(db, {
        reviewId: review.id,
        helpful: true,
        post: { accountId: voter.id, ip: voter.ip, userAgent: voter.ua, at: ago(0, -(45 + v * 97)) },
      }).catch(() => undefined);
      votes++;
    }
  }
  const acmeReviews = reviewIds.filter((r) => r.merchantId === 'm_acme').slice(0, 4);
  const repliesUsed = { positive: 0, mixed: 0, negative: 0 };
  for (const review of acmeReviews) {
    const tone = sentimentOf(review.rating);
    const replies = MERCHANT_REPLIES[tone];
    await replyToReview(db, {
      reviewId: review.id,
      accountId: 'a_acme_owner',
      at: ago(0, -30),
      body: replies[repliesUsed[tone]++ % replies.length]!,
    }).catch(() => undefined);
  }
  await seedDemoFollowUp(services, reviewIds, ago);
  if (reviewIds[5]) {
    await reportContent(db, {
      targetKind: 'review',
      targetId: reviewIds[5].id,
      accountId: customers[30]!.id,
      reason: 'off_topic',
      note: 'Seems to be about a different model.',
    }).catch(() => undefined);
  }

  const tent = products.find((p) => p.slug === 'trail-tent-2p');
  let questions = 0;
  if (tent) {
    const ownerRow = (
      await db.query<{ account_id: string }>('SELECT account_id FROM orders WHERE product_id = $1 AND account_id IS NOT NULL ORDER BY ordered_at LIMIT 1', [
        tent.id,
      ])
    ).rows[0];
    const owner = customers.find((c) => c.id === ownerRow?.account_id) ?? null;
    const others = customers.filter((c) => c.id !== owner?.id);
    questions = await seedDemoQuestions(deps, {
      productSlug: tent.slug,
      asker: others[40 % others.length]!,
      owner,
      other: others[41 % others.length]!,
      staff: {
        id: 'a_acme_owner',
        ip: '203.0.113.10',
        ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      },
      at: (minutesAgo) => ago(0, -minutesAgo),
    });
  }

  // The demo's history is not news: nobody is e-mailed about the reviews seeded above, only about what happens next.
  await skipNotificationHistory(db);
  const held = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews WHERE status = 'held'`);
  const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews');
  return {
    merchants: MERCHANTS.length,
    products: products.length,
    customers: customers.length,
    reviews: total.rows[0]!.n,
    held: held.rows[0]!.n,
    comments,
    votes,
    questions,
  };
}

/**
 * One poor experience put right, so the follow-up loop can be seen on the demo: the oldest unanswered published
 * 1–2★ review of the Acme tent gets a public answer with a replacement, and its author confirms it resolved. The
 * rating and the text stay as written.
 */
async function seedDemoFollowUp(
  services: Services,
  reviews: { id: string; merchantId: string; rating: number }[],
  ago: (days: number, minutes?: number) => Date,
) {
  const { db } = services;
  const row = (
    await db.query<{ id: string; account_id: string; created_at: Date }>(
      `SELECT r.id, r.account_id, r.created_at FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       WHERE r.merchant_id = 'm_acme' AND r.product_id = 'p_trail_tent_2p' AND r.status = 'published' AND r.rating <= 2
         AND mr.review_id IS NULL AND r.id = ANY($1::text[]) AND r.created_at < $2 ORDER BY r.created_at DESC LIMIT 1`,
      [reviews.map((r) => r.id), ago(3)],
    )
  ).rows[0];
  if (!row) return;
  // Answered the day after the review, confirmed resolved the day after that: a loop closed in two days.
  const reviewed = new Date(row.created_at).getTime();
  const scope = await openMerchantScope(db, 'a_acme_owner', 'm_acme');
  await offerFollowUp(
    db,
    scope,
    {
      reviewId: row.id,
      reply: 'We are sorry the tent let you down. That should not happen on a new tent; we have looked at what went wrong.',
      makeGood: 'replacement',
      note: 'A new tent is on its way, no need to send the old one back.',
      at: new Date(reviewed + 86_400_000),
    },
    rewardGrammarLimits(services.integrity.policy),
  );
  await answerFollowUp(db, {
    accountId: row.account_id,
    reviewId: row.id,
    outcome: 'resolved',
    note: 'The replacement arrived and is fine.',
    at: new Date(reviewed + 2 * 86_400_000),
  });
}
