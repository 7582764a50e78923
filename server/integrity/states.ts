import type { Decision, ReviewState } from './types.js';

/** Which state a review or comment may move to from each state. One table for the pipeline and moderators. */
const TRANSITIONS: Record<ReviewState, readonly ReviewState[]> = {
  pending: ['published', 'held', 'rejected'],
  published: ['held', 'removed', 'pending'],
  held: ['published', 'rejected', 'pending'],
  rejected: ['published', 'pending'],
  removed: ['published'],
};

export function canTransition(from: ReviewState, to: ReviewState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Thrown when code tries a move the table does not allow: a bug, never a person's mistake (so no 4xx). */
export class ForbiddenTransitionError extends Error {
  constructor(
    readonly from: ReviewState,
    readonly to: ReviewState,
  ) {
    super(`A review or comment cannot move from ${from} to ${to}.`);
    this.name = 'ForbiddenTransitionError';
  }
}

/**
 * The check every writer of a state calls before it writes (the pipeline, edits, re-assessment, moderators):
 * staying in the same state is not a move; anything else must be in the table.
 */
export function assertTransition(from: ReviewState, to: ReviewState): void {
  if (from !== to && !canTransition(from, to)) throw new ForbiddenTransitionError(from, to);
}

export function stateForDecision(decision: Decision): ReviewState {
  return decision;
}

/** Only published content is shown to the public; held content only to its author and moderators. */
export function isPublic(state: ReviewState): boolean {
  return state === 'published';
}
