import type { WidgetWriteQuery } from '../schemas/widget-query.js';

export function askHref(query: Pick<WidgetWriteQuery, 'merchant' | 'product' | 'origin'>): string {
  const params = new URLSearchParams({ merchant: query.merchant, product: query.product });
  if (query.origin) params.set('origin', query.origin);
  return `/widget/ask?${params}`;
}

const ASKED_NOTES = {
  published: 'Thank you! Your question is published below.',
  held: 'Thank you! Your question is held for a moderator and will appear here once a person has checked it.',
  rejected: 'Your question is not published; your Candor account page says why.',
} as const;

export function askedNote(state: keyof typeof ASKED_NOTES | undefined) {
  return state ? { state, note: ASKED_NOTES[state] } : null;
}
