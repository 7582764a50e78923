/**
 * What a self-chosen display name may not be: a way to pass as someone else. Bidi controls and invisible
 * characters make a name read differently from what it is; reserved words and merchants' names make a person
 * look like Candor staff, a moderator or a shop. Names given by an administrator (CLI, demo data) are granted.
 */

const MESSAGES = {
  invisible: 'Display names cannot contain direction controls or invisible characters.',
  reserved: (word: string) => `Display names cannot include “${word}”: it would make you look like Candor staff or a shop.`,
};

export const RESERVED_NAME_WORDS = ['moderator', 'moderators', 'mod', 'admin', 'administrator', 'staff', 'candor', 'support'] as const;

// Bidi embeddings/overrides/isolates and marks, zero-width characters, word joiner, BOM, Mongolian vowel separator,
// soft hyphen, and every other format (Cf) or control (Cc) character.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF\u180E\u00AD\p{Cf}\p{Cc}]/u;

/** Lower-case words, accents and look-alike width forms folded (NFKC + no combining marks). */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function containsPhrase(haystack: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((w, j) => haystack[i + j] === w)) return true;
  }
  // "AcmeOutdoor" for "Acme Outdoor": compare with the spaces removed too, for names long enough to be specific.
  const joined = phrase.join('');
  return joined.length >= 5 && haystack.join('').includes(joined);
}

/** null when the name is acceptable, else the message saying why not. */
export function displayNameProblem(name: string, merchantNames: readonly string[]): string | null {
  if (INVISIBLE.test(name)) return MESSAGES.invisible;
  const nameWords = words(name);
  for (const word of RESERVED_NAME_WORDS) if (nameWords.includes(word)) return MESSAGES.reserved(word);
  for (const merchant of merchantNames) if (containsPhrase(nameWords, words(merchant))) return MESSAGES.reserved(merchant);
  return null;
}
