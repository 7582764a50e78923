import { UserFacingError, notFound } from '../domain-errors.js';
import { findActorFacts } from '../storage/account-repo.js';
import type { Queryable } from '../storage/database.js';

/**
 * The one answer to "may this account do this?", asked by every write use case (web, API, CLI and replay
 * alike), so a rule cannot live in one entry point and be missing from another.
 *
 *   action      suspended   staff of the target's merchant
 *   review      no          yes (labelled and weighed as an insider by the integrity checks)
 *   edit        no          yes (same)
 *   comment     no          no  (comments and replies under reviews of their own shop's products)
 *   vote        no          no  (helpful votes are social proof: insiders may not add to it)
 *   report      no          no  (reporting a competitor's critics is not for insiders either)
 *   reply       no          must manage the merchant (the merchant's one public reply)
 *   appeal      yes         yes (asking a person to look again is how a wrong suspension is undone)
 *   merchant    no          must manage the merchant (merchant-area writes: products, origins, staff, keys…)
 */
export type ActorAction = 'review' | 'edit' | 'comment' | 'vote' | 'report' | 'reply' | 'appeal' | 'merchant';

export interface ActorFacts {
  id: string;
  status: 'active' | 'suspended';
  staffOf: readonly string[];
  manages: readonly string[];
}

export const ACTOR_MESSAGES = {
  suspended: 'Your account is suspended and cannot post.',
  suspendedAction: (what: string) => `Your account is suspended and cannot ${what}.`,
  insider: (what: string) => `Staff of this product’s merchant cannot ${what} reviews of its products.`,
  notManager: 'Only staff of this product’s merchant can reply to its reviews.',
} as const;

const VERBS: Record<ActorAction, string> = {
  review: 'post',
  edit: 'post',
  comment: 'post',
  vote: 'vote',
  report: 'report',
  reply: 'reply',
  appeal: 'appeal',
  merchant: 'make changes',
};
const INSIDER_VERBS: Partial<Record<ActorAction, string>> = { comment: 'comment on', vote: 'vote on', report: 'report' };

/** Pure: null when allowed, else the reason (status 403) in words. */
export function actorRefusal(actor: ActorFacts, action: ActorAction, target: { merchantId?: string | null } = {}): string | null {
  if (actor.status === 'suspended' && action !== 'appeal') {
    return VERBS[action] === 'post' ? ACTOR_MESSAGES.suspended : ACTOR_MESSAGES.suspendedAction(VERBS[action]);
  }
  const merchantId = target.merchantId ?? null;
  const insiderVerb = INSIDER_VERBS[action];
  if (insiderVerb && merchantId && actor.staffOf.includes(merchantId)) return ACTOR_MESSAGES.insider(insiderVerb);
  if ((action === 'reply' || action === 'merchant') && merchantId && !actor.manages.includes(merchantId)) return ACTOR_MESSAGES.notManager;
  return null;
}

/** Loads the actor inside the caller's transaction and throws a 403 with the reason when the action is not allowed. */
export async function assertMayAct(db: Queryable, accountId: string, action: ActorAction, target: { merchantId?: string | null } = {}): Promise<ActorFacts> {
  const actor = await findActorFacts(db, accountId);
  if (!actor) throw notFound('Your account');
  const refusal = actorRefusal(actor, action, target);
  if (refusal) throw new UserFacingError(403, refusal);
  return actor;
}
