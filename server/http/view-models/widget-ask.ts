import type { WidgetAnswerQuery, WidgetWriteQuery } from '../schemas/widget-query.js';

export function askHref(query: Pick<WidgetWriteQuery, 'merchant' | 'product' | 'origin'>): string {
  const params = new URLSearchParams({ merchant: query.merchant, product: query.product });
  if (query.origin) params.set('origin', query.origin);
  return `/widget/ask?${params}`;
}

/** The answer popup for one question of the widget's product. */
export function answerHref(query: Pick<WidgetAnswerQuery, 'merchant' | 'product' | 'origin' | 'question'>): string {
  const params = new URLSearchParams({ merchant: query.merchant, product: query.product, question: query.question });
  if (query.origin) params.set('origin', query.origin);
  return `/widget/answer?${params}`;
}

const ANSWERED_NOTES = {
  published: 'Thank you! Your answer is published below.',
  held: 'Thank you! Your answer is held for a moderator and will appear here once a person has checked it.',
  rejected: 'Your answer is not published; your Candor account page says why.',
} as const;

export function answeredNote(state: keyof typeof ANSWERED_NOTES | undefined) {
  return state ? { state, note: ANSWERED_NOTES[state] } : null;
}

const ASKED_NOTES = {
  published: 'Thank you! Your question is published below.',
  held: 'Thank you! Your question is held for a moderator and will appear here once a person has checked it.',
  rejected: 'Your question is not published; your Candor account page says why.',
} as const;

export function askedNote(state: keyof typeof ASKED_NOTES | undefined) {
  return state ? { state, note: ASKED_NOTES[state] } : null;
}
