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

export function stateForDecision(decision: Decision): ReviewState {
  return decision;
}

/** Only published content is shown to the public; held content only to its author and moderators. */
export function isPublic(state: ReviewState): boolean {
  return state === 'published';
}
