import { UserFacingError } from '../domain-errors.js';
import { submitReview, type PostContext, type ReviewDraft, type SubmitDeps, type SubmitResult } from '../reviews/submit-review.js';
import { findProductById, type ProductRecord } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { claimInvitation, findInvitation, linkOrderToAccount, releaseInvitation, type InvitationRecord } from '../storage/invitation-repo.js';
import { findReviewByAuthor } from '../storage/review-repo.js';
import { parseInvitationToken } from './invitation-token.js';

export const INVITATION_MESSAGES = {
  invalid: 'This invitation link is not valid. Please use the link from your email exactly as it was sent.',
  expired:
    'This invitation has expired. Invitations can be used for 30 days; you can still review the product from its page, without the verified-purchase badge.',
  used: 'This invitation has already been used to write a review. Each invitation works once.',
  otherBuyer: 'This order is already linked to another account.',
};

// 410 Gone says "this existed and is no longer usable", which is exactly an expired or used invitation.
const gone = (message: string) => new UserFacingError(410, message);

export interface OpenInvitation {
  invitation: InvitationRecord;
  product: ProductRecord;
  existingReviewId: string | null;
}

/** Checks the link (signature, expiry, single use) and returns what the review page needs. */
export async function openInvitation(db: Database, key: Buffer, token: string, now: Date, viewerId: string | null): Promise<OpenInvitation> {
  const parsed = parseInvitationToken(key, token);
  if (!parsed) throw new UserFacingError(404, INVITATION_MESSAGES.invalid);
  const invitation = await findInvitation(db, parsed.id);
  if (!invitation) throw new UserFacingError(404, INVITATION_MESSAGES.invalid);
  if (invitation.usedAt) throw gone(INVITATION_MESSAGES.used);
  if (invitation.expiresAt <= now || parsed.expiresAt <= now) throw gone(INVITATION_MESSAGES.expired);
  const product = await findProductById(db, invitation.productId);
  if (!product) throw new UserFacingError(404, INVITATION_MESSAGES.invalid);
  const existing = viewerId ? await findReviewByAuthor(db, product.id, viewerId) : null;
  return { invitation, product, existingReviewId: existing?.id ?? null };
}

/**
 * Writing the invited review: the invitation is claimed (single use, race-safe), the order is linked to the
 * signed-in account, and the review is submitted with that order — which is what makes it a verified purchase.
 * If the review cannot be saved, the claim is given back so the buyer can try again.
 */
export async function reviewThroughInvitation(
  deps: SubmitDeps & { invitationKey: Buffer },
  input: { token: string; draft: ReviewDraft; post: PostContext },
): Promise<SubmitResult & { product: ProductRecord }> {
  const { invitation, product } = await openInvitation(deps.db, deps.invitationKey, input.token, input.post.at, input.post.accountId);
  const claimed = await deps.db.transaction(async (tx) => {
    if (!(await claimInvitation(tx, invitation.id, input.post.accountId, input.post.at))) return 'used';
    if (!(await linkOrderToAccount(tx, invitation.orderId, input.post.accountId))) throw new UserFacingError(403, INVITATION_MESSAGES.otherBuyer);
    return 'ok';
  });
  if (claimed === 'used') throw gone(INVITATION_MESSAGES.used);
  try {
    const result = await submitReview(deps, { productId: product.id, draft: input.draft, post: input.post, orderId: invitation.orderId });
    return { ...result, product };
  } catch (error) {
    await releaseInvitation(deps.db, invitation.id, input.post.accountId);
    throw error;
  }
}
