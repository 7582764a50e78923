const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}

export function starsText(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}

export const INCENTIVE_LABELS: Record<string, string> = {
  free_product: 'Received the product free',
  discount: 'Received a discount',
  payment: 'Was paid',
  sweepstakes: 'Entered a sweepstakes',
};

export const STATE_LABELS: Record<string, string> = {
  pending: 'Being checked',
  published: 'Published',
  held: 'Held for a moderator',
  rejected: 'Not published',
  removed: 'Removed',
};
