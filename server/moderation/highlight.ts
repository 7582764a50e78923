// Marks shared phrases in the original text. Phrases come normalised (lower case, no punctuation), so the
// original is tokenised the same way and matched word by word; the marked spans keep the original spelling.
import { tokenSpans } from '../integrity/text-tools.js';

export interface Segment {
  text: string;
  mark: boolean;
}

export function highlightPhrases(text: string, phrases: readonly string[]): Segment[] {
  const tokens = tokenSpans(text);
  const marked = new Array<boolean>(tokens.length).fill(false);
  for (const phrase of phrases) {
    const words = phrase.split(' ').filter(Boolean);
    if (words.length === 0) continue;
    for (let i = 0; i + words.length <= tokens.length; i++) {
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = tokens[i + k]!.word === words[k];
      if (ok) for (let k = 0; k < words.length; k++) marked[i + k] = true;
    }
  }
  const segments: Segment[] = [];
  let pos = 0;
  let i = 0;
  while (i < tokens.length) {
    if (!marked[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && marked[j + 1]) j++;
    const start = tokens[i]!.start;
    const end = tokens[j]!.end;
    if (start > pos) segments.push({ text: text.slice(pos, start), mark: false });
    segments.push({ text: text.slice(start, end), mark: true });
    pos = end;
    i = j + 1;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}

/** Marks phrases across a title and body as one text (a phrase may run from the title into the body). */
export function highlightFields(title: string, body: string, phrases: readonly string[]): { title: Segment[]; body: Segment[] } {
  const joined = `${title}\n${body}`;
  const cut = title.length;
  const out = { title: [] as Segment[], body: [] as Segment[] };
  let pos = 0;
  for (const seg of highlightPhrases(joined, phrases)) {
    const start = pos;
    const end = pos + seg.text.length;
    pos = end;
    if (end <= cut) out.title.push(seg);
    else if (start > cut) out.body.push(seg);
    else {
      if (cut > start) out.title.push({ text: seg.text.slice(0, cut - start), mark: seg.mark });
      const rest = seg.text.slice(cut - start + 1);
      if (rest) out.body.push({ text: rest, mark: seg.mark });
    }
  }
  return out;
}
