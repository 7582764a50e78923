// Shared arrangements for the console, appeals and transparency tests: held content made through the real
// submit path (insiders, linked accounts posting near-identical text), and agents for every role.
import { postComment } from '../../server/reviews/post-comment.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { reportContent } from '../../server/reviews/report-content.js';
import { signedInAgent, type TestContext } from '../helpers/test-app.js';

export const T0 = new Date('2026-05-20T10:00:00Z');
export const hoursAfter = (base: Date, h: number) => new Date(base.getTime() + h * 3_600_000);

export function deps(ctx: TestContext) {
  return { db: ctx.db, integrity: ctx.services.integrity };
}

/** A declared staff member reviews their own merchant's product: held as "insider". */
export async function heldInsiderReview(
  ctx: TestContext,
  input: { merchantId: string; productId: string; at?: Date; rating?: number; title?: string; body?: string },
) {
  const staff = await signedInAgent(ctx, { staffOf: input.merchantId });
  const result = await submitReview(deps(ctx), {
    productId: input.productId,
    draft: {
      rating: input.rating ?? 5,
      title: input.title ?? 'Best tent we ever owned',
      body: input.body ?? 'We camped three nights in heavy rain and stayed completely dry, the zips never stuck once.',
      incentive: null,
    },
    post: { accountId: staff.account.id, ip: '198.51.100.7', userAgent: 'StaffBrowser/1', at: input.at ?? T0 },
  });
  if (result.verdict.decision !== 'held') throw new Error(`expected a held review, got ${result.verdict.decision}`);
  return { ...staff, reviewId: result.reviewId, verdict: result.verdict };
}

const GENUINE = [
  'The seams started dripping after a few hours of steady rain; the stakes bent in hard ground.',
  'Packed size is larger than the photos suggest and the carry bag tore at the handle in week two.',
  'Took our family of four to the lake, roomy enough, though the door zipper snags on the corner.',
  'Warm enough in late autumn with a good sleeping bag; condensation was heavy by morning though.',
  'Good value for a first tent. Instructions were confusing but a video online sorted it out quickly.',
  'Poles feel flimsy in strong wind, one cracked on the coast. Customer service sent a spare quickly.',
];
let genuineIndex = 0;

/** A genuine customer review, published. */
export async function publishedReview(ctx: TestContext, input: { productId: string; at?: Date; rating?: number; title?: string; body?: string }) {
  const author = await signedInAgent(ctx);
  const result = await submitReview(deps(ctx), {
    productId: input.productId,
    draft: {
      rating: input.rating ?? 2,
      title: input.title ?? 'Leaked on the second night',
      body: input.body ?? GENUINE[genuineIndex++ % GENUINE.length]!,
      incentive: null,
    },
    // A network and browser of its own: genuine readers are not linked to each other.
    post: {
      accountId: author.account.id,
      ip: `10.${(genuineIndex * 37) % 250}.${(genuineIndex * 11) % 250}.5`,
      userAgent: `Reader/${genuineIndex}`,
      at: input.at ?? T0,
    },
  });
  if (result.verdict.decision !== 'published')
    throw new Error(`expected a published review, got ${result.verdict.decision}: ${result.verdict.reasons.map((r) => `${r.signal} ${r.weight}`).join(', ')}`);
  return { ...author, reviewId: result.reviewId };
}

export const TEMPLATE =
  'Honestly the best purchase this year, the fabric feels premium and the setup takes five minutes flat, my whole family loves sleeping in it every weekend and I recommend it to everyone';

/**
 * Two accounts on one network post nearly the same text on the same product: near-duplicate text plus shared
 * identity, two families, so the second one is held as "sockpuppet" with the first named in its evidence.
 */
export async function linkedNearDuplicates(ctx: TestContext, input: { productId: string; at?: Date }) {
  const at = input.at ?? T0;
  const ip = '192.0.2.44';
  const first = await signedInAgent(ctx, { ip, createdAt: hoursAfter(at, -30) });
  const second = await signedInAgent(ctx, { ip, createdAt: hoursAfter(at, -29) });
  const a = await submitReview(deps(ctx), {
    productId: input.productId,
    draft: { rating: 5, title: 'Amazing tent', body: TEMPLATE, incentive: null },
    post: { accountId: first.account.id, ip, userAgent: 'Same/1', at },
  });
  const b = await submitReview(deps(ctx), {
    productId: input.productId,
    draft: { rating: 5, title: 'Amazing tent!', body: TEMPLATE.replace('five minutes flat', 'about five minutes'), incentive: null },
    post: { accountId: second.account.id, ip, userAgent: 'Same/1', at: hoursAfter(at, 1) },
  });
  return { first, second, firstId: a.reviewId, secondId: b.reviewId, firstVerdict: a.verdict, secondVerdict: b.verdict };
}

/**
 * A held comment: an undeclared insider (an address at the merchant's own domain) commenting on a review of its
 * product. Declared staff cannot comment there at all (the actor policy refuses it).
 */
export async function heldInsiderComment(ctx: TestContext, input: { merchantId: string; reviewId: string; at?: Date }) {
  const domain = (await ctx.db.query<{ domain: string }>('SELECT domain FROM merchants WHERE id = $1', [input.merchantId])).rows[0]!.domain;
  const staff = await signedInAgent(ctx, { email: `insider.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@${domain}` });
  const result = await postComment(deps(ctx), {
    reviewId: input.reviewId,
    parentId: null,
    body: 'This reviewer clearly used the tent wrong, ours has never leaked at all in any weather.',
    post: { accountId: staff.account.id, ip: '198.51.100.9', userAgent: 'StaffBrowser/2', at: input.at ?? T0 },
  });
  return { ...staff, commentId: result.commentId, verdict: result.verdict };
}

export async function report(ctx: TestContext, reviewId: string, reason: 'fake' | 'offensive' = 'offensive') {
  const reporter = await signedInAgent(ctx);
  await reportContent(ctx.db, { targetKind: 'review', targetId: reviewId, accountId: reporter.account.id, reason, note: 'Please look at this.' });
  return reporter;
}

export async function moderator(ctx: TestContext) {
  return signedInAgent(ctx, { role: 'moderator' });
}

export async function versionOf(ctx: TestContext, reviewId: string): Promise<number> {
  const row = (await ctx.db.query<{ version: number }>('SELECT version FROM reviews WHERE id = $1', [reviewId])).rows[0];
  return Number(row!.version);
}
