// Answers that depend only on a key and the policy, remembered per policy object (policies are values: a changed
// policy is a new object, so its answers are its own). Bounded: a full memo is started again, which keeps memory flat
// on a long-running server without the bookkeeping of an LRU.
import type { Policy } from './policy.js';

const MEMO_LIMIT = 50_000;

/** A function of (key, policy) that computes each answer once per policy. */
export function rememberedPerPolicy<T>(compute: (key: string, policy: Policy) => T): (key: string, policy: Policy) => T {
  const memos = new WeakMap<Policy, Map<string, T>>();
  return (key, policy) => {
    let memo = memos.get(policy);
    if (!memo || memo.size >= MEMO_LIMIT) memos.set(policy, (memo = new Map()));
    if (memo.has(key)) return memo.get(key)!;
    const answer = compute(key, policy);
    memo.set(key, answer);
    return answer;
  };
}
