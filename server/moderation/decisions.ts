import { conflict, forbidden, invalid, notFound } from '../domain-errors.js';
import { canTransition } from '../integrity/states.js';
import type { ReviewState } from '../integrity/types.js';
import { closeAppeal, findAppealForTarget, lockAppeal } from '../storage/appeal-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database, Queryable } from '../storage/database.js';
import {
  accountSummaries,
  bumpItemVersion,
  findItem,
  insertModeratorLabel,
  listVerdicts,
  moveItemState,
  resolveOpenReports,
  setAccountStatus,
  type ItemKind,
} from '../storage/moderation-repo.js';
import { clusterIds } from './item-evidence.js';
import { rejectReason, type RejectReason } from './reject-reasons.js';

const MESSAGES = {
  // A stale version means the text, the state or both changed since the moderator's page was drawn (an author's
  // edit, a re-check, another moderator): show what it says now, so nobody decides on text they never saw.
  raced: (state: string, text: { title: string; body: string }) =>
    `This item changed after you opened it (it is now ${state}); nothing was changed. It now reads: ` +
    `${text.title ? `“${text.title}” ` : ''}${excerpt(text.body, 400)} — reload it and decide on what it says now.`,
  cannot: (state: string, action: string) => `This item is ${state}, so it cannot be ${ACTION_WORDS[action as DecisionAction] ?? action}.`,
  appealDecided: (status: string) => `Another moderator already decided this appeal (it is ${status}). Nothing was changed; reload to see the latest.`,
  reasonNeeded: 'Pick a reason from the list: it is what the author and the public policy refer to.',
  noReports: 'There are no open reports on this item any more; another moderator may have handled them.',
  alreadySuspended: 'This account is already suspended.',
  notSuspended: 'This account is not suspended.',
  staffAccount: 'Moderator and admin accounts cannot be suspended from the console.',
  notInCluster: 'One of the selected items is not part of this cluster any more. Reload the page.',
  emptyCluster: 'Select at least one item of the cluster.',
};

function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export type DecisionAction = 'publish' | 'reject' | 'remove' | 'dismiss';
const ACTION_WORDS: Record<DecisionAction, string> = { publish: 'published', reject: 'rejected', remove: 'removed', dismiss: 'cleared of reports' };
const TARGET_STATE: Record<Exclude<DecisionAction, 'dismiss'>, ReviewState> = { publish: 'published', reject: 'rejected', remove: 'removed' };

export interface ModerationDeps {
  db: Database;
  clock: () => Date;
}

export interface DecisionInput {
  moderatorId: string;
  kind: ItemKind;
  id: string;
  action: DecisionAction;
  /** The version of the item the moderator saw; a decision on any other version is refused. */
  expectedVersion: number;
  reason?: string | null;
  note?: string | null;
}

export interface DecisionOutcome {
  kind: ItemKind;
  id: string;
  before: ReviewState;
  after: ReviewState;
  version: number;
}

/**
 * One moderator decision on one item, inside the caller's transaction: the state moves only if the item is
 * still at the version the moderator saw (row lock + version check), then reports and any open appeal are
 * closed, the decision is stored as a training label, and the audit log gets a before/after entry.
 */
async function applyDecision(tx: Queryable, request: DecisionInput, at: Date, extra: Record<string, unknown> = {}): Promise<DecisionOutcome> {
  const item = await findItem(tx, request.kind, request.id, true);
  if (!item) throw notFound(`The ${request.kind}`);
  // In a cluster, "take down" means reject what is held and remove what is already published.
  const input = extra.cluster && request.action === 'reject' && item.status === 'published' ? { ...request, action: 'remove' as const } : request;
  if (item.version !== input.expectedVersion) throw conflict(MESSAGES.raced(item.status, item));
  let reason: RejectReason | null = null;
  if (input.action === 'reject' || input.action === 'remove') {
    reason = rejectReason(input.reason);
    if (!reason) throw invalid(MESSAGES.reasonNeeded);
  }
  const before = item.status;
  let after = before;
  if (input.action === 'dismiss') {
    const closed = await resolveOpenReports(tx, input.kind, item.id, 'dismissed', input.moderatorId, at);
    if (closed === 0) throw conflict(MESSAGES.noReports);
    await bumpItemVersion(tx, input.kind, item.id);
  } else {
    after = TARGET_STATE[input.action];
    if (!canTransition(before, after)) throw conflict(MESSAGES.cannot(before, input.action));
    const moved = await moveItemState(tx, input.kind, item.id, { status: before, version: item.version }, after);
    if (!moved) throw conflict(MESSAGES.raced(before, item));
    await resolveOpenReports(tx, input.kind, item.id, input.action === 'publish' ? 'dismissed' : 'resolved', input.moderatorId, at);
    await insertModeratorLabel(tx, {
      kind: input.kind,
      id: item.id,
      text: item.title ? `${item.title}\n${item.body}` : item.body,
      fake: input.action === 'publish' ? false : reason!.fake ? true : null,
      decision: after,
      reason: reason?.key ?? null,
      moderatorId: input.moderatorId,
      at,
    });
  }
  const appeal = await findAppealForTarget(tx, input.kind, item.id);
  let appealOutcome: 'won' | 'lost' | null = null;
  if (appeal?.status === 'open' && input.action !== 'dismiss') {
    appealOutcome = after === 'published' ? 'won' : 'lost';
    await closeAppeal(tx, appeal.id, { status: appealOutcome, by: input.moderatorId, note: input.note ?? null, at });
  }
  const automatic = (await listVerdicts(tx, input.kind, item.id))[0];
  await appendAudit(tx, {
    at,
    actorId: input.moderatorId,
    action: `moderator.${input.action}`,
    targetKind: input.kind,
    targetId: item.id,
    beforeState: before,
    afterState: after,
    reason: reason?.label ?? (input.action === 'publish' ? 'Genuine: published by a moderator' : null),
    details: {
      reasonKey: reason?.key ?? null,
      note: input.note || null,
      version: item.version + 1,
      automaticDecision: automatic?.decision ?? null,
      automaticLabels: automatic?.labels ?? [],
      modelVersion: automatic?.modelVersion ?? null,
      policyVersion: automatic?.policyVersion ?? null,
      ...(appealOutcome ? { appealId: appeal!.id, appealOutcome } : {}),
      ...extra,
    },
  });
  return { kind: input.kind, id: item.id, before, after, version: item.version + 1 };
}

/** A single decision, as one transaction. */
export async function decideItem(deps: ModerationDeps, input: DecisionInput): Promise<DecisionOutcome> {
  const at = deps.clock();
  return deps.db.transaction((tx) => applyDecision(tx, input, at));
}

/**
 * The same decision on several items of one cluster, all or nothing: if any item was decided meanwhile by
 * someone else, nothing changes and the moderator is told which one.
 */
export async function decideCluster(
  deps: ModerationDeps,
  input: {
    moderatorId: string;
    anchorId: string;
    members: { id: string; version: number }[];
    action: Exclude<DecisionAction, 'dismiss'>;
    reason?: string | null;
    note?: string | null;
  },
): Promise<DecisionOutcome[]> {
  if (input.members.length === 0) throw invalid(MESSAGES.emptyCluster);
  // The cluster is worked out here, from the evidence, whoever calls: a caller cannot widen it to other reviews.
  const cluster = await clusterIds(deps.db, input.anchorId);
  if (input.members.some((m) => !cluster.has(m.id))) throw invalid(MESSAGES.notInCluster);
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const out: DecisionOutcome[] = [];
    // A stable order keeps two concurrent cluster actions from locking rows in opposite orders.
    for (const m of [...input.members].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      out.push(
        await applyDecision(
          tx,
          {
            moderatorId: input.moderatorId,
            kind: 'review',
            id: m.id,
            action: input.action,
            expectedVersion: m.version,
            reason: input.reason,
            note: input.note,
          },
          at,
          { cluster: { anchor: input.anchorId, size: input.members.length } },
        ),
      );
    }
    return out;
  });
}

/** Suspending (or reinstating) an account: it can no longer post; its content stays as decided. */
export async function setAccountSuspension(
  deps: ModerationDeps,
  input: { moderatorId: string; accountId: string; suspend: boolean; reason?: string | null; note?: string | null },
): Promise<void> {
  const at = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [account] = await accountSummaries(tx, [input.accountId]);
    if (!account) throw notFound('The account');
    if (account.role !== 'customer') throw forbidden(MESSAGES.staffAccount);
    const reason = input.suspend ? rejectReason(input.reason) : null;
    if (input.suspend && !reason) throw invalid(MESSAGES.reasonNeeded);
    const from = input.suspend ? 'active' : 'suspended';
    const to = input.suspend ? 'suspended' : 'active';
    if (!(await setAccountStatus(tx, account.id, from, to))) throw conflict(input.suspend ? MESSAGES.alreadySuspended : MESSAGES.notSuspended);
    await appendAudit(tx, {
      at,
      actorId: input.moderatorId,
      action: input.suspend ? 'moderator.suspend' : 'moderator.reinstate',
      targetKind: 'account',
      targetId: account.id,
      beforeState: from,
      afterState: to,
      reason: reason?.label ?? null,
      details: { reasonKey: reason?.key ?? null, note: input.note || null },
    });
  });
}

/** Deciding an appeal is deciding its item: won publishes it, lost keeps it off the site with a reason. */
export async function decideAppeal(
  deps: ModerationDeps,
  input: { moderatorId: string; appealId: string; outcome: 'won' | 'lost'; reason?: string | null; note?: string | null; expectedVersion: number },
): Promise<DecisionOutcome> {
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const appeal = await lockAppeal(tx, input.appealId);
    if (!appeal) throw notFound('The appeal');
    if (appeal.status !== 'open') throw conflict(MESSAGES.appealDecided(appeal.status));
    const item = await findItem(tx, appeal.targetKind, appeal.targetId, true);
    if (!item) throw notFound(`The ${appeal.targetKind}`);
    if (input.outcome === 'won') {
      return applyDecision(
        tx,
        { moderatorId: input.moderatorId, kind: item.kind, id: item.id, action: 'publish', expectedVersion: input.expectedVersion, note: input.note },
        at,
      );
    }
    if (item.status !== 'rejected') {
      return applyDecision(
        tx,
        {
          moderatorId: input.moderatorId,
          kind: item.kind,
          id: item.id,
          action: 'reject',
          expectedVersion: input.expectedVersion,
          reason: input.reason,
          note: input.note,
        },
        at,
      );
    }
    // Already rejected: the appeal is turned down and the state stays; still one audited decision.
    if (item.version !== input.expectedVersion) throw conflict(MESSAGES.raced(item.status, item));
    const reason = rejectReason(input.reason);
    if (!reason) throw invalid(MESSAGES.reasonNeeded);
    await closeAppeal(tx, input.appealId, { status: 'lost', by: input.moderatorId, note: input.note ?? null, at });
    await bumpItemVersion(tx, item.kind, item.id);
    await insertModeratorLabel(tx, {
      kind: item.kind,
      id: item.id,
      text: item.title ? `${item.title}\n${item.body}` : item.body,
      fake: reason.fake ? true : null,
      decision: 'rejected',
      reason: reason.key,
      moderatorId: input.moderatorId,
      at,
    });
    await appendAudit(tx, {
      at,
      actorId: input.moderatorId,
      action: 'moderator.appeal-lost',
      targetKind: item.kind,
      targetId: item.id,
      beforeState: item.status,
      afterState: item.status,
      reason: reason.label,
      details: { reasonKey: reason.key, note: input.note || null, appealId: input.appealId, appealOutcome: 'lost', version: item.version + 1 },
    });
    return { kind: item.kind, id: item.id, before: item.status, after: item.status, version: item.version + 1 };
  });
}
