import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../reviews/reviews-tab.js';

export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search headline into plain and matched parts. The template prints each part with {{ }} (escaped) and
 * wraps matched ones in <mark>, so no user text ever reaches the page unescaped.
 */
export function highlightParts(headline: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    const text = rest.slice(start + 1, stop);
    if (text) parts.push({ text, match: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return parts;
}
