// The fixed list of reasons a moderator may give for rejecting or removing content. Each maps to one rule of
// the public policy (shown on /transparency and to the author), and says whether it means "not genuine",
// which is what the text model learns from.

export interface RejectReason {
  key: string;
  /** Short label for moderators and the transparency report. */
  label: string;
  /** The public policy rule, in plain words, as the author reads it. */
  policy: string;
  /** True when the reason says the text is not a genuine customer review (a label for the text model). */
  fake: boolean;
}

export const REJECT_REASONS = [
  {
    key: 'fake',
    label: 'Fake or bought review',
    policy:
      'Reviews must describe the writer’s own experience. Reviews written for pay, to order, or by someone who did not use the product are not published.',
    fake: true,
  },
  {
    key: 'sockpuppet',
    label: 'Several accounts of one person',
    policy: 'One person, one review per product. Reviews posted from several accounts of the same person are not published.',
    fake: true,
  },
  {
    key: 'insider',
    label: 'Written by the seller’s people',
    policy: 'Staff, owners and contractors of a merchant, and their competitors, may not review that merchant’s products.',
    fake: true,
  },
  {
    key: 'conditional_reward',
    label: 'Reward depended on the rating',
    policy: 'A reward that depends on the rating, or on changing a review, is not allowed. Disclosed, unconditional rewards are fine and shown with a badge.',
    fake: true,
  },
  {
    key: 'duplicate',
    label: 'Same text posted again',
    policy: 'The same review text may be posted only once; copies on other products are not published.',
    fake: true,
  },
  {
    key: 'off_topic',
    label: 'Not about the product',
    policy: 'Reviews must be about the product. Complaints about delivery alone, or unrelated text, are not published as reviews.',
    fake: false,
  },
  { key: 'offensive', label: 'Offensive or harassing', policy: 'Hateful, harassing, threatening or obscene content is not published.', fake: false },
  {
    key: 'personal_info',
    label: 'Personal information',
    policy: 'Reviews may not contain anyone’s personal details (phone numbers, addresses, e-mail addresses).',
    fake: false,
  },
  { key: 'spam', label: 'Spam or advertising', policy: 'Advertising, links to other shops and spam are not published.', fake: true },
] as const satisfies readonly RejectReason[];

export type RejectReasonKey = (typeof REJECT_REASONS)[number]['key'];
export const REJECT_REASON_KEYS = REJECT_REASONS.map((r) => r.key) as [RejectReasonKey, ...RejectReasonKey[]];

export function rejectReason(key: string | null | undefined): RejectReason | null {
  return REJECT_REASONS.find((r) => r.key === key) ?? null;
}
