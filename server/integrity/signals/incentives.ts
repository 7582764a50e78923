// Rewards for reviews. Decision (documented in describeChecks): a disclosed, unconditional reward is published
// with the label; reward language without a disclosure is published with the label too (we cannot tell a
// gift from a freebie, but readers deserve to know); a reward that depended on the rating or on changing a
// review is held, whatever the rating of the review that reports it.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS, rewardGrammarLimits } from '../policy.js';
import { signalResult, submissionText } from './signal-result.js';
import { classifyReward, reportsOffer } from '../reward-grammar.js';
import { rememberedPerPolicy } from '../policy-memo.js';

// Disclosing a reward is what we ask reviewers to do, so disclosure sentences are alike by design.
const DISCLOSURE =
  /\b(?:disclosure|disclaimer|full transparency|sent (?:me|us) (?:this|it|one)|(?:received|got) (?:this|it) (?:for free|free|at a discount)|in (?:exchange|return) for|for (?:an? |my )?(?:honest |unbiased )?review)\b/i;

/**
 * Whether a phrase is reward-disclosure wording, which honest reviewers share and is no sign of copying. The text
 * signals ask this of every phrase a review shares with each candidate, check after check, and the same stock phrases
 * come back all the time: the answer, which depends only on the phrase and the policy, is remembered per policy.
 */
export const isDisclosureLanguage = rememberedPerPolicy(
  (phrase: string, policy: Policy): boolean => DISCLOSURE.test(phrase) || classifyReward(phrase, rewardGrammarLimits(policy))?.kind === 'undisclosed',
);

export function incentiveSignals(submission: Submission, _context: AssessmentContext, policy: Policy): SignalResult[] {
  const out: SignalResult[] = [];
  // The grammar reads the title and body as one text: a reward in the title may be joined to a condition in the body.
  const text = submissionText(submission);
  const limits = rewardGrammarLimits(policy);
  const found = classifyReward(text, limits);
  // A buyer reporting or refusing a rating-conditioned offer is evidence about the merchant, not the reviewer: the
  // review is published, with the report kept as evidence (weight 0 in the policy: it never holds anything).
  const report = reportsOffer(text, found, limits);
  if (report && found) {
    out.push(
      signalResult(
        policy,
        'reported-offer',
        'incentive',
        null,
        1,
        found.kind === 'conditional'
          ? 'The review reports an offer of a reward for a better rating and does not take it: a note about the seller, not about the reviewer.'
          : 'The review says other buyers are rewarded for reviews: a note about the seller, not about the reviewer.',
        {
          excerpt: found.excerpt.slice(0, EVIDENCE_LIMITS.excerptCharacters),
          reward: found.reward,
          condition: found.joinedTo,
          stance: report.stance,
          stanceKind: report.kind,
          merchantConduct: true,
        },
      ),
    );
  }
  const finding = report ? null : found;
  if (finding?.kind === 'conditional') {
    out.push(
      signalResult(
        policy,
        'rating-conditioned-reward',
        'incentive',
        'incentivized',
        1,
        'The text describes a reward that depended on the rating or on changing a review.',
        {
          excerpt: finding.excerpt.slice(0, EVIDENCE_LIMITS.excerptCharacters),
          reward: finding.reward,
          condition: finding.joinedTo,
          joinedBy: finding.connector,
          disclosed: submission.incentive?.disclosed ?? false,
        },
      ),
    );
  }
  if (submission.incentive?.disclosed) {
    out.push(
      signalResult(
        policy,
        'disclosed-incentive',
        'incentive',
        'incentivized',
        1,
        `The author disclosed receiving something for this review (${submission.incentive.kind.replace('_', ' ')}).`,
        {
          kind: submission.incentive.kind,
        },
      ),
    );
  } else if (finding?.kind === 'undisclosed') {
    out.push(
      signalResult(
        policy,
        'undisclosed-reward-language',
        'incentive',
        'incentivized',
        1,
        'The text mentions receiving something for the review, but no reward was disclosed.',
        {
          excerpt: finding.excerpt.slice(0, EVIDENCE_LIMITS.excerptCharacters),
          reward: finding.reward,
          purpose: finding.joinedTo,
          joinedBy: finding.connector,
        },
      ),
    );
  }
  return out;
}
