import { UserFacingError, conflict } from '../domain-errors.js';
import { INVITATION_REMINDER_KIND, unsubscribeHeaders } from '../mail/unsubscribe-token.js';
import { invitationEmail } from '../mail/invitation-email.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { findOrderByExternalRef, insertExternalOrder, insertInvitation } from '../storage/invitation-repo.js';
import { findMerchant, findMerchantProductBySku } from '../storage/merchant-repo.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';
import { refusedNote, type PolicyRefusal } from './invitation-policy.js';
import { signInvitationToken } from './invitation-token.js';
import { assertShopMayActInPublic } from './onboarding.js';

const MESSAGES = {
  unknownSku: (sku: string) => `No product with SKU "${sku}" is in your catalog. Add it in the merchant area first.`,
  refReused: 'This external_ref was already recorded with a different product or buyer email. Use a new reference for a new order.',
  future: 'ordered_at is in the future.',
  tooOld: 'ordered_at is more than a year ago; invitations are only sent for recent orders.',
};

/** An order whose invitation would not be neutral (a reward, a wished-for rating): refused whole, with why. */
export class InvitationRefusedError extends UserFacingError {
  readonly kind: PolicyRefusal['kind'];
  constructor(refusal: PolicyRefusal) {
    super(422, refusal.detail);
    this.kind = refusal.kind;
    this.name = 'InvitationRefusedError';
  }
}

export const INVITATION_TTL_DAYS = 30;
const DAY = 86_400_000;

export interface OrderInput {
  sku: string;
  buyerEmail: string;
  orderedAt: Date;
  externalRef: string;
  note: string | null;
}

export interface OrderDeps {
  db: Database;
  invitationKey: Buffer;
  publicUrl: string;
  /** Signs the invitation's one-click link that declines its reminder (List-Unsubscribe, RFC 8058). */
  unsubscribeKey: Buffer;
}

export interface RecordedOrder {
  created: boolean;
  orderId: string;
  invitationId: string;
  invitationExpiresAt: Date;
}

/**
 * A merchant reports an order: it is recorded (once per external_ref), an invitation is created for the buyer
 * and its email is queued in the outbox — all in one transaction, so there is never an order without its
 * invitation or an email for an order that was rolled back. Repeating the same request changes nothing.
 */
export async function recordOrder(deps: OrderDeps, merchantId: string, input: OrderInput, at: Date): Promise<RecordedOrder> {
  // Every entry point (API, CLI, a replay) gets the same neutral invitation: the note is checked here, not at the edge.
  const refusal = input.note ? refusedNote(input.note) : null;
  if (refusal) throw new InvitationRefusedError(refusal);
  if (input.orderedAt.getTime() > at.getTime() + 5 * 60_000) throw new UserFacingError(422, MESSAGES.future);
  if (input.orderedAt.getTime() < at.getTime() - 366 * DAY) throw new UserFacingError(422, MESSAGES.tooOld);
  const email = input.buyerEmail.trim().toLowerCase();
  // No invitation leaves for a shop that has not proved its website or is suspended.
  await assertShopMayActInPublic(deps.db, merchantId);
  return deps.db.transaction(async (tx) => {
    const product = await findMerchantProductBySku(tx, merchantId, input.sku);
    if (!product) throw new UserFacingError(422, MESSAGES.unknownSku(input.sku));

    const existing = await findOrderByExternalRef(tx, merchantId, input.externalRef);
    if (existing) return sameOrder(existing, product.id, email);

    const orderId = newId('o');
    const inserted = await insertExternalOrder(tx, {
      id: orderId,
      merchantId,
      productId: product.id,
      email,
      orderedAt: input.orderedAt,
      externalRef: input.externalRef,
      at,
    });
    if (!inserted) {
      // A concurrent request with the same reference won; answer as the repeat it is.
      const winner = await findOrderByExternalRef(tx, merchantId, input.externalRef);
      if (winner) return sameOrder(winner, product.id, email);
    }
    const invitationId = newId('inv');
    const expiresAt = new Date(at.getTime() + INVITATION_TTL_DAYS * DAY);
    await insertInvitation(tx, { id: invitationId, merchantId, orderId, productId: product.id, email, at, expiresAt });
    const merchant = await findMerchant(tx, merchantId);
    const link = `${deps.publicUrl.replace(/\/$/, '')}/invitations/${signInvitationToken(deps.invitationKey, invitationId, expiresAt)}`;
    const message = invitationEmail({ to: email, productName: product.name, merchantName: merchant!.name, link, expiresAt, note: input.note });
    // The only further e-mail an invitation can bring is its one reminder; this link declines it.
    const unsubscribe = unsubscribeHeaders(deps.publicUrl, deps.unsubscribeKey, invitationId, INVITATION_REMINDER_KIND);
    const payload = { ...message, text: `${message.text}\n\nNo reminder, please (one click): ${unsubscribe.url}`, headers: unsubscribe.headers, invitationId };
    await enqueueOutbox(tx, { kind: 'email', merchantId, dedupeKey: `invitation:${invitationId}`, payload, at });
    return { created: true, orderId, invitationId, invitationExpiresAt: expiresAt };
  });
}

function sameOrder(
  existing: { id: string; productId: string; email: string | null; invitationId: string | null; invitationExpiresAt: Date | null },
  productId: string,
  email: string,
): RecordedOrder {
  if (existing.productId !== productId || existing.email !== email || !existing.invitationId || !existing.invitationExpiresAt) {
    throw conflict(MESSAGES.refReused);
  }
  return { created: false, orderId: existing.id, invitationId: existing.invitationId, invitationExpiresAt: existing.invitationExpiresAt };
}
