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
 *   reply       no          must be an owner or staff on the merchant's team (viewers only read)
 *   appeal      yes         yes (asking a person to look again is how a wrong suspension is undone)
 *   merchant    no          must be on the merchant's team (opens the merchant area; any role)
 *   manage      no          must be an owner of the merchant (team, products, origins, keys, webhooks…)
 */
export type ActorAction = 'review' | 'edit' | 'comment' | 'vote' | 'report' | 'reply' | 'appeal' | 'merchant' | 'manage';

export interface ActorFacts {
  id: string;
  status: 'active' | 'suspended';
  staffOf: readonly string[];
  /** Merchants whose area the account may open (any team role). */
  manages: readonly string[];
  /** Merchants it may answer reviews for (owner or staff role); defaults to `manages` for callers without roles. */
  replies?: readonly string[];
  /** Merchants it owns (may manage the team and settings); defaults to `manages`. */
  owns?: readonly string[];
}

export const ACTOR_MESSAGES = {
  suspended: 'Your account is suspended and cannot post.',
  suspendedAction: (what: string) => `Your account is suspended and cannot ${what}.`,
  insider: (what: string) => `Staff of this product’s merchant cannot ${what} reviews of its products.`,
  notManager: 'Only staff of this product’s merchant can reply to its reviews.',
  viewer: 'Your role on this merchant’s team is viewer: you can read this area but not reply or change anything.',
  notOwner: 'Only an owner of this merchant can change its team and settings.',
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
  manage: 'make changes',
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
  if ((action === 'reply' || action === 'merchant' || action === 'manage') && merchantId && !actor.manages.includes(merchantId))
    return ACTOR_MESSAGES.notManager;
  if (action === 'reply' && merchantId && !(actor.replies ?? actor.manages).includes(merchantId)) return ACTOR_MESSAGES.viewer;
  if (action === 'manage' && merchantId && !(actor.owns ?? actor.manages).includes(merchantId)) {
    return (actor.replies ?? actor.manages).includes(merchantId) ? ACTOR_MESSAGES.notOwner : ACTOR_MESSAGES.viewer;
  }
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
