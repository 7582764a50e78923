import { z } from 'zod';
import { INCENTIVE_KINDS } from '../integrity/types.js';

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time' });
const id = z.string().min(1).max(200);

const merchantEvent = z.object({ type: z.literal('merchant'), id, name: z.string().min(1), domain: z.string().nullable().optional() });
const productEvent = z.object({ type: z.literal('product'), id, merchantId: id, name: z.string().min(1), category: z.string().optional() });
const accountEvent = z.object({
  type: z.literal('account'),
  id,
  createdAt: isoTime,
  email: z.string().min(3),
  ip: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
  staffOf: id.nullable().optional(),
});
const orderEvent = z.object({ type: z.literal('order'), id, accountId: id, productId: id, at: isoTime });
const reviewEvent = z.object({
  type: z.literal('review'),
  id,
  accountId: id,
  productId: id,
  orderId: id.nullable().optional(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  at: isoTime,
  ip: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
  incentive: z
    .object({ kind: z.enum(INCENTIVE_KINDS), disclosed: z.boolean() })
    .nullable()
    .optional(),
});

export const replayEventSchema = z.discriminatedUnion('type', [merchantEvent, productEvent, accountEvent, orderEvent, reviewEvent]);
export type ReplayEvent = z.infer<typeof replayEventSchema>;

export class ReplayInputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses and checks the whole stream before anything runs: every referenced id must appear on an earlier line. */
export function parseReplayStream(text: string): { line: number; event: ReplayEvent }[] {
  const seen = {
    merchant: new Set<string>(),
    product: new Set<string>(),
    account: new Set<string>(),
    order: new Set<string>(),
    review: new Set<string>(),
  };
  const events: { line: number; event: ReplayEvent }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ReplayInputError(line, 'not valid JSON');
    }
    const parsed = replayEventSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ReplayInputError(line, `${issue.path.join('.') || 'event'}: ${issue.message}`);
    }
    const event = parsed.data;
    const need = (kind: keyof typeof seen, ref: string | null | undefined, field: string) => {
      if (ref && !seen[kind].has(ref)) throw new ReplayInputError(line, `${field} "${ref}" does not appear on an earlier line`);
    };
    switch (event.type) {
      case 'product':
        need('merchant', event.merchantId, 'merchantId');
        break;
      case 'account':
        need('merchant', event.staffOf, 'staffOf');
        break;
      case 'order':
        need('account', event.accountId, 'accountId');
        need('product', event.productId, 'productId');
        break;
      case 'review':
        need('account', event.accountId, 'accountId');
        need('product', event.productId, 'productId');
        need('order', event.orderId, 'orderId');
        break;
    }
    if (seen[event.type].has(event.id)) throw new ReplayInputError(line, `${event.type} id "${event.id}" appears twice`);
    seen[event.type].add(event.id);
    events.push({ line, event });
  }
  return events;
}
