// The text model is a weak hint in its own family: it can tip a corroborated case, never make one.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, round, signalResult, submissionText } from './signal-result.js';

export function textModelSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (!context.model) return [];
  const score = context.model.score(submissionText(submission));
  const floor = policy.text.modelScoreFloor;
  if (!Number.isFinite(score) || score <= floor) return [];
  return [
    signalResult(
      policy,
      'text-model',
      'model',
      'paid',
      clamp01((score - floor) / (1 - floor)),
      'The wording resembles reviews that moderators found to be fake.',
      {
        modelVersion: context.model.version,
        score: round(score),
      },
    ),
  ];
}
