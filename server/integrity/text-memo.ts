// Answers that depend only on a text (and a small key such as a run length), remembered by that text. The database
// engine loads a product's and an account's reviews afresh for every check, as new objects, so a memo keyed by the
// object (a WeakMap) is empty at each check; the same texts come back check after check, so the text is the key.
// Bounded like words' memo (text-tools.ts): a full memo is started again, keeping memory flat on a long-running server.

const TEXT_MEMO_LIMIT = 4096;

/** A function of a key string that computes each answer once (until the memo fills and starts again). */
export function rememberedByText<T>(compute: (key: string) => T): (key: string) => T {
  let memo = new Map<string, T>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size >= TEXT_MEMO_LIMIT) memo = new Map();
    const answer = compute(key);
    memo.set(key, answer);
    return answer;
  };
}
