// PURE. A make-good (apology, replacement, refund…) is offered because the experience was poor, never in exchange
// for the review. The same reward grammar that finds rating-conditioned rewards in reviews (and the rule that makes
// invitations neutral) decides: a reward joined to changing, removing or raising the review is refused whole, and so
// is any request to change the review, with or without a reward (the author's rating and words stay theirs).
import { findRewards, type RewardGrammarLimits } from '../integrity/reward-grammar.js';
// Routes take the grammar's limits from here (they do not read the integrity policy's shape themselves).
export { rewardGrammarLimits } from '../integrity/policy.js';

export const MAKE_GOOD_KINDS = ['apology', 'replacement', 'refund', 'other'] as const;
export type MakeGoodKind = (typeof MAKE_GOOD_KINDS)[number];

export const MAKE_GOOD_MESSAGES = {
  conditional: (excerpt: string) =>
    `A make-good cannot depend on the review ("${excerpt}"). Offer it for the poor experience alone; the review stays as the customer wrote it.`,
  asksToChange:
    'Your answer asks the customer to change, remove or raise their review. Candor does not allow that: the customer may only say whether the problem was put right.',
} as const;

export interface MakeGoodRefusal {
  kind: 'conditional-make-good' | 'review-change-request';
  detail: string;
}

const KIND_WORDS: Record<MakeGoodKind, string> = { apology: 'an apology', replacement: 'a replacement', refund: 'a refund', other: 'a make-good' };

// Asking for the review to change, whatever is offered: verbs of changing joined to the review within a few words.
const ASKS_TO_CHANGE =
  /\b(?:change|changing|update|updating|edit|editing|remove|removing|delete|deleting|take down|taking down|raise|raising|revise|revising|amend|withdraw|retract|modify|upgrade|reconsider|adjust|boost|bump|improve)\b(?:\s+\S+){0,4}?\s+(?:review|rating|stars?|feedback|score)\b/i;

/**
 * Null when the answer may be published. The grammar reads the offer as it will be published ("We offer a refund.
 * <reply> <note>"), so a reward word in the kind itself is joined to a condition written in the reply or the note.
 */
export function refusedMakeGood(offer: { kind: MakeGoodKind | null; note: string; reply: string }, limits: RewardGrammarLimits): MakeGoodRefusal | null {
  const text = [offer.kind ? `We offer ${KIND_WORDS[offer.kind]}.` : '', offer.reply, offer.note].filter(Boolean).join(' ');
  const conditional = findRewards(text, limits).find((f) => f.kind === 'conditional');
  if (conditional) return { kind: 'conditional-make-good', detail: MAKE_GOOD_MESSAGES.conditional(conditional.excerpt) };
  if (ASKS_TO_CHANGE.test(`${offer.reply} ${offer.note}`)) return { kind: 'review-change-request', detail: MAKE_GOOD_MESSAGES.asksToChange };
  return null;
}
