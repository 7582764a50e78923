import { explainReasons } from '../integrity/explain.js';
import type { Verdict } from '../integrity/types.js';

// What the author is told right after posting or editing: each outcome in its own true words. A rejected review
// never reaches a moderator's queue, so it must not say it is waiting for one.
const MESSAGES = {
  published: 'Thank you! Your review is published.',
  updated: 'Your review is updated and published.',
  held: 'Thank you! Your review is held for a moderator and appears once a person has checked it. Your account page says why.',
  heldAfterEdit: 'Your review is updated and held for a moderator; it appears again once a person has checked it. Your account page says why.',
  rejected: (because: string) => `Your review is not published, because ${because} Your account page says the same, and how to appeal.`,
  rejectedWithoutReason: 'Your review is not published. Your account page says why, and how to appeal.',
  commentHeld: 'Your comment is held for a moderator; only you can see it until a person has checked it.',
  commentRejected: (because: string) => `Your comment is not published, because ${because}`,
  commentPublished: 'Your comment is published.',
};

/** "This account already posted…" → "this account already posted…", so it reads on after "because". */
function continueSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

export function reviewOutcomeMessage(verdict: Pick<Verdict, 'decision' | 'reasons'>, kind: 'new' | 'edit'): string {
  if (verdict.decision === 'published') return kind === 'edit' ? MESSAGES.updated : MESSAGES.published;
  if (verdict.decision === 'held') return kind === 'edit' ? MESSAGES.heldAfterEdit : MESSAGES.held;
  const reasons = explainReasons(verdict.reasons);
  return reasons.length ? MESSAGES.rejected(continueSentence(reasons.join(' '))) : MESSAGES.rejectedWithoutReason;
}

export function commentOutcomeMessage(verdict: Pick<Verdict, 'decision' | 'reasons'>): string {
  if (verdict.decision === 'published') return MESSAGES.commentPublished;
  if (verdict.decision === 'held') return MESSAGES.commentHeld;
  const reasons = explainReasons(verdict.reasons);
  return MESSAGES.commentRejected(reasons.length ? continueSentence(reasons.join(' ')) : 'it did not pass our checks.');
}
