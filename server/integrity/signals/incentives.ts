// Rewards for reviews. Decision (documented in describeChecks): a disclosed, unconditional reward is published
// with the label; reward language without a disclosure is published with the label too (we cannot tell a
// gift from a freebie, but readers deserve to know); a reward that depended on the rating or on changing a
// review is held, whatever the rating of the review that reports it.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { signalResult, submissionText } from './signal-result.js';

const REWARD = String.raw`(?:refund(?:ed)?|money back|rebate|reimburs\w*|gift ?cards?|vouchers?|coupons?|discount(?:ed)?|credit|store credit|cash(?:back)?|paypal|paid|pay(?:ing)? me|payment|free (?:product|unit|item|one|replacement|gift)|another one (?:for )?free|for free|bonus|reward(?:ed)?|compensat\w*|extra \w+ (?:for free|free)|\$\s?\d+|\d+\s?(?:%|percent) off)`;
const GOOD_RATING = String.raw`(?:(?:5|five|4|four)[- ]?stars?|full stars|top rating|positive (?:review|rating|feedback)|good (?:review|rating)|great review|(?:a |the )?high(?:er)? rating|better rating)`;
const CHANGE_REVIEW = String.raw`(?:(?:change|changed|changing|update|updated|updating|edit|edited|remove|removed|removing|delete|deleted|take down|took down|raise|raised|revise|revised|improve)\s+(?:my|the|this|our)?\s*(?:negative |bad |1[- ]star |one[- ]star |low )?(?:review|rating|stars?|feedback))`;

const CONDITIONAL: RegExp[] = [
  new RegExp(String.raw`\b${REWARD}\b[^.!?\n]{0,80}\b(?:if|for|in exchange for|in return for|when|once|as long as|provided)\b[^.!?\n]{0,60}\b(?:${GOOD_RATING}|${CHANGE_REVIEW})`, 'i'),
  new RegExp(String.raw`\b(?:${GOOD_RATING}|${CHANGE_REVIEW})\b[^.!?\n]{0,80}\b(?:to get|to receive|for (?:a|the|my)|in exchange for|in return for|and (?:they|we|i)(?:'ll| will| would)? (?:get|receive|send|give|refund))\b[^.!?\n]{0,60}\b${REWARD}`, 'i'),
  new RegExp(String.raw`\b(?:asked|pressured|begged|told|pushed|wanted|offered|emailed|contacted|messaged|called)\b[^.!?\n]{0,40}\b(?:me|us)\b[^.!?\n]{0,30}\bto\s+${CHANGE_REVIEW}`, 'i'),
  new RegExp(String.raw`\b(?:only|would|will)\b[^.!?\n]{0,30}\b${REWARD}\b[^.!?\n]{0,40}\b(?:after|once|if)\b[^.!?\n]{0,40}\b(?:review|rating|stars?)\b`, 'i'),
  new RegExp(String.raw`\b(?:insert card|card in the box|note in the (?:box|package)|leaflet|flyer)\b[^.!?\n]{0,120}\b(?:${GOOD_RATING})`, 'i'),
];

const UNDISCLOSED: RegExp[] = [
  /\b(?:got|received|was (?:sent|given)|were sent|they sent me)\b[^.!?\n]{0,40}\b(?:for free|free of charge|free in exchange|at no cost|complimentary|free sample|at a (?:steep |big |huge )?discount|discounted)\b/i,
  /\bin (?:exchange|return) for (?:my|an|a)? ?(?:honest|unbiased|fair|genuine)? ?(?:review|feedback|opinion)\b/i,
  /\b(?:received|got|given) (?:a |an )?(?:discount|coupon|voucher|gift card|refund|free sample|sample) (?:for|to) (?:write|writing|leave|leaving|post|posting|review|reviewing|test|testing)\b/i,
  /\b(?:provided|sent|gifted) (?:to me )?(?:by the (?:seller|brand|manufacturer|company)|free)\b[^.!?\n]{0,40}\b(?:review|opinion|feedback)\b/i,
  /\bfree (?:product|sample|unit) (?:for|in exchange for) (?:an? |my )?(?:honest |unbiased )?review\b/i,
];

// Disclosing a reward is what we ask reviewers to do, so disclosure sentences are alike by design.
const DISCLOSURE = /\b(?:disclosure|disclaimer|full transparency|sent (?:me|us) (?:this|it|one)|(?:received|got) (?:this|it) (?:for free|free|at a discount)|in (?:exchange|return) for|for (?:an? |my )?(?:honest |unbiased )?review)\b/i;

/** Whether a phrase is reward-disclosure wording, which honest reviewers share and is no sign of copying. */
export function isDisclosureLanguage(phrase: string): boolean {
  return DISCLOSURE.test(phrase) || UNDISCLOSED.some((pattern) => pattern.test(phrase));
}

export function incentiveSignals(submission: Submission, _context: AssessmentContext, policy: Policy): SignalResult[] {
  const text = submissionText(submission).replace(/\s+/g, ' ');
  const out: SignalResult[] = [];
  const conditional = CONDITIONAL.map((re) => text.match(re)?.[0]).find((m) => m !== undefined);
  if (conditional) {
    out.push(
      signalResult(policy, 'rating-conditioned-reward', 'incentive', 'incentivized', 1, 'The text describes a reward that depended on the rating or on changing a review.', {
        excerpt: conditional.trim().slice(0, 200),
        disclosed: submission.incentive?.disclosed ?? false,
      }),
    );
  }
  if (submission.incentive?.disclosed) {
    out.push(
      signalResult(policy, 'disclosed-incentive', 'incentive', 'incentivized', 1, `The author disclosed receiving something for this review (${submission.incentive.kind.replace('_', ' ')}).`, {
        kind: submission.incentive.kind,
      }),
    );
  } else {
    const undisclosed = UNDISCLOSED.map((re) => text.match(re)?.[0]).find((m) => m !== undefined);
    if (undisclosed) {
      out.push(
        signalResult(policy, 'undisclosed-reward-language', 'incentive', 'incentivized', 1, 'The text mentions receiving something for the review, but no reward was disclosed.', {
          excerpt: undisclosed.trim().slice(0, 200),
        }),
      );
    }
  }
  return out;
}
