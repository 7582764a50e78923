import type { MailMessage } from './transport.js';

/**
 * The one invitation text, the same for every buyer: it asks for an honest review, good or bad, and offers
 * nothing for it. The merchant may add a short note that has passed the invitation policy.
 */
export function invitationEmail(input: {
  to: string;
  productName: string;
  merchantName: string;
  link: string;
  expiresAt: Date;
  note: string | null;
}): MailMessage {
  const expires = input.expiresAt.toISOString().slice(0, 10);
  const lines = [
    'Hello,',
    '',
    `You recently bought ${input.productName} from ${input.merchantName}.`,
    'Candor is an independent review site. If you would like to, you can tell other shoppers what you think of it.',
    'Every genuine review is published, whether it is good or bad, and nobody is rewarded for a rating.',
    '',
    ...(input.note ? [`A note from ${input.merchantName}: “${input.note}”`, ''] : []),
    `Write your review: ${input.link}`,
    '',
    `The link works once and expires on ${expires}. Your review will show a “Verified purchase” badge.`,
    'If you do not want to write a review, you can ignore this email.',
  ];
  return { to: input.to, subject: `How is your ${input.productName}?`, text: lines.join('\n') };
}
