// Answers that depend only on a text (and a small key such as a run length), remembered by that text. The same texts
// come back check after check (a product's recent reviews, an account's history), and the database engine loads them
// afresh as new objects for every check, so a memo keyed by the object (a WeakMap) would be empty at each check: the
// text is the key. Bounded: a full memo is started again, which keeps memory flat on a long-running server without the
// bookkeeping of an LRU. The one memo of the integrity core: words (text-tools.ts), the text signals' per-review
// figures and the per-policy answers (policy-memo.ts) all use it.

const TEXT_MEMO_LIMIT = 4096;

/** A function of a key string that computes each answer once (until `limit` answers are kept and it starts again). */
export function rememberedByText<T>(compute: (key: string) => T, limit = TEXT_MEMO_LIMIT): (key: string) => T {
  let memo = new Map<string, T>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size >= limit) memo = new Map();
    const answer = compute(key);
    memo.set(key, answer);
    return answer;
  };
}

/** The same for answers that depend on a text and a run length k (shingles, runs of k words). */
export function rememberedByRunAndText<T>(compute: (text: string, k: number) => T): (k: number, text: string) => T {
  const byKey = rememberedByText((key) => {
    const space = key.indexOf(' ');
    return compute(key.slice(space + 1), Number(key.slice(0, space)));
  });
  return (k, text) => byKey(`${k} ${text}`);
}
