// PURE. What a merchant may and may not put into an order that triggers a review invitation.
// Decision: every recorded order gets the same neutral invitation. A merchant cannot pick recipients by how
// satisfied they are (no rating, sentiment, NPS or segment fields; no per-order opt-out), and cannot attach
// anything to a review (no reward, coupon or incentive fields, no note that mentions a reward or asks for a
// particular rating). The API refuses such requests whole instead of silently dropping the field, so an
// integration that tries is told why.

export type PolicyRefusal = { kind: 'selective-invitation' | 'incentivized-invitation'; field: string; detail: string };

const SELECTIVE_FIELD =
  /(rating|stars?|score|sentiment|satisf|nps|csat|happy|positive|negative|feedback|segment|filter|condition|only|include|exclude|recipient|send_?invit|invite|skip|opt_?out|suppress|threshold|min_|max_)/i;
const INCENTIVE_FIELD = /(reward|incentive|coupon|voucher|discount|gift|bonus|cashback|refund|credit|points|prize|sweepstake|promo|compensat)/i;

const REWARD_WORDS =
  /\b(?:refund\w*|money back|rebate|reimburs\w*|gift ?cards?|vouchers?|coupons?|discount\w*|promo(?:tion)?(?: code)?|codes?|credit|cash ?back|cash|paypal|paid|payment|free|bonus|rewards?|rewarded|prizes?|sweepstakes?|raffle|giveaway|points|compensat\w*|\$\s?\d+|€\s?\d+|£\s?\d+|\d+\s?(?:%|percent) off)\b/i;
const RATING_STEERING =
  /\b(?:[1-5]|one|two|three|four|five)[- ]?stars?\b|\b(?:positive|good|great|glowing|favou?rable|nice|happy|5\*|top) (?:review|rating|feedback)s?\b|\bif you (?:are|were|'re) (?:happy|satisfied|pleased|delighted|unhappy|disappointed)\b|\b(?:rate|rating) us\b|\bhigh(?:er)? rating\b|\bonly (?:review|rate)\b/i;
const LINK = /(?:https?:\/\/|www\.)/i;

/** Field names that would choose recipients or attach a reward; the API schema is strict about the rest. */
export function refusedFields(body: Record<string, unknown>): PolicyRefusal | null {
  for (const field of Object.keys(body)) {
    if (INCENTIVE_FIELD.test(field)) {
      return { kind: 'incentivized-invitation', field, detail: `"${field}": invitations cannot carry a reward, coupon or any incentive.` };
    }
    if (field !== 'note' && SELECTIVE_FIELD.test(field)) {
      return {
        kind: 'selective-invitation',
        field,
        detail: `"${field}": every buyer gets the same invitation; recipients cannot be chosen or filtered by rating, satisfaction or sentiment.`,
      };
    }
  }
  return null;
}

/** The optional note to buyers: plain thanks are fine; a reward, a wished-for rating or a link are not. */
export function refusedNote(note: string): PolicyRefusal | null {
  if (REWARD_WORDS.test(note)) {
    return {
      kind: 'incentivized-invitation',
      field: 'note',
      detail: 'The note mentions a reward, discount or payment; invitations cannot offer anything for a review.',
    };
  }
  if (RATING_STEERING.test(note)) {
    return {
      kind: 'selective-invitation',
      field: 'note',
      detail: 'The note asks for a particular rating or addresses only satisfied buyers; invitations must be neutral.',
    };
  }
  if (LINK.test(note)) return { kind: 'selective-invitation', field: 'note', detail: 'The note cannot contain links.' };
  return null;
}
