import { z } from 'zod';
import type { CertificationScheme } from './certification-scheme';
import { refuse } from '../shared/domain-error';

export const AttemptScores = z.strictObject({
  theory: z.number().min(0).max(100),
  practical: z.number().min(0).max(100),
});
export type AttemptScores = z.infer<typeof AttemptScores>;

export type ComponentName = keyof AttemptScores;

export interface ComponentResult {
  component: ComponentName;
  score: number;
  weight: number;
  passMark: number;
  passed: boolean;
}

export interface AttemptScore {
  components: ComponentResult[];
  /** Weighted mean of the component scores, rounded to two decimals (the figure printed on results). */
  weightedScore: number;
  overallPassMark: number;
  passed: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Scores one attempt against the scheme: every component must reach its own pass mark AND the weighted
 * score must reach the overall pass mark — a strong theory result cannot hide an unsafe practical.
 */
export function scoreAttempt(
  scheme: Pick<CertificationScheme, 'assessment'>,
  scores: AttemptScores,
): AttemptScore {
  const { assessment } = scheme;
  const components = (['theory', 'practical'] as const).map((component): ComponentResult => {
    const score = scores[component];
    if (!Number.isFinite(score) || score < 0 || score > 100)
      refuse('invalid-score', `the ${component} score must be between 0 and 100 (got ${score})`);
    const { weight, passMark } = assessment[component];
    return { component, score, weight, passMark, passed: score >= passMark };
  });
  // Weights are whole percentages, so sum(score × weight) / 100 avoids accumulating float error.
  const weightedScore = round2(components.reduce((sum, c) => sum + c.score * c.weight, 0) / 100);
  const passed = components.every((c) => c.passed) && weightedScore >= assessment.overallPassMark;
  return { components, weightedScore, overallPassMark: assessment.overallPassMark, passed };
}
