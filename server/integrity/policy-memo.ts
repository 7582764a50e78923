// Answers that depend only on a key and the policy, remembered per policy object (policies are values: a changed
// policy is a new object, so its answers are its own). Each policy's answers are a bounded memo (text-memo.ts).
import type { Policy } from './policy.js';
import { rememberedByText } from './text-memo.js';

const MEMO_LIMIT = 50_000;

/** A function of (key, policy) that computes each answer once per policy. */
export function rememberedPerPolicy<T>(compute: (key: string, policy: Policy) => T): (key: string, policy: Policy) => T {
  const memos = new WeakMap<Policy, (key: string) => T>();
  return (key, policy) => {
    let memo = memos.get(policy);
    if (!memo) memos.set(policy, (memo = rememberedByText((k) => compute(k, policy), MEMO_LIMIT)));
    return memo(key);
  };
}
