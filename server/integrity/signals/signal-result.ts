import type { Family, Label, SignalResult, Submission, AssessmentContext, PriorReview } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_DIGITS, EVIDENCE_LIMITS, weightOf } from '../policy.js';

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function round(x: number, digits = EVIDENCE_DIGITS): number {
  const f = Number(`1e${digits}`);
  return Math.round(x * f) / f;
}

/** A signal whose strength (0..1) is scaled by its policy weight; mitigations pass a negative sign. */
export function signalResult(
  policy: Policy,
  signal: string,
  family: Family,
  label: Label | null,
  strength: number,
  summary: string,
  evidence: Record<string, unknown>,
  sign: 1 | -1 = 1,
): SignalResult {
  return { signal, family, label, weight: round(sign * clamp01(strength) * weightOf(policy, signal)), summary, evidence };
}

/** −log10 of a probability, the scale the chance signals' strengths are set on (finite for 0: the smallest positive number stands in). */
export function surpriseLog10(probability: number): number {
  return -Math.log10(Math.max(Number.MIN_VALUE, probability));
}

/** Strength on a surprise scale: `strengthBase` at `minimum`, `strengthBase + strengthSpan` at `full`, clamped to 0..1. */
export function strengthOnScale(value: number, minimum: number, full: number, s: { strengthBase: number; strengthSpan: number }): number {
  return clamp01(s.strengthBase + (s.strengthSpan * (value - minimum)) / Math.max(Number.EPSILON, full - minimum));
}

/** A probability as evidence records it (EVIDENCE_LIMITS.probabilityDigits significant digits). */
export function evidenceProbability(x: number): number {
  return Number(x.toPrecision(EVIDENCE_LIMITS.probabilityDigits));
}

export function submissionText(s: { title: string; body: string }): string {
  return `${s.title}\n${s.body}`;
}

/** Accounts sharing at least one identifier with the author: coordination evidence about them means "sockpuppet". */
export function linkedAccountIds(context: AssessmentContext): Set<string> {
  return new Set(context.linkedAccounts.filter((l) => l.links.length > 0).map((l) => l.account.id));
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export function daysBetween(a: Date, b: Date): number {
  return Math.abs(a.getTime() - b.getTime()) / DAY_MS;
}

/** Reviews the pipeline may reason about: the submission itself and pending drafts never count. */
export function isOther(r: PriorReview, submission: Submission): boolean {
  return r.id !== submission.id && r.status !== 'pending';
}

/** Backed by an order placed this many days or more before the review: a purchase of its own. */
export const BUYER_ORDER_DAYS = 2;
export function isOrderedDaysBefore(r: { orderAt?: Date | null; at: Date }): boolean {
  return !!r.orderAt && r.at.getTime() - r.orderAt.getTime() >= BUYER_ORDER_DAYS * DAY_MS;
}
