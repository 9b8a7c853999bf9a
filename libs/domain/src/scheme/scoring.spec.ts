import { scoreAttempt } from './scoring';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

// theory 40 % (pass 60), practical 60 % (pass 70), overall pass 65
const scheme = testScheme();

describe('scoreAttempt', () => {
  it('passes when every component and the weighted score reach their marks', () => {
    const result = scoreAttempt(scheme, { theory: 80, practical: 75 });
    expect(result.weightedScore).toBe(77);
    expect(result.passed).toBe(true);
    expect(result.components).toEqual([
      { component: 'theory', score: 80, weight: 40, passMark: 60, passed: true },
      { component: 'practical', score: 75, weight: 60, passMark: 70, passed: true },
    ]);
  });

  it('fails a practical below its pass mark even when the weighted score is high', () => {
    const result = scoreAttempt(scheme, { theory: 100, practical: 69 });
    expect(result.weightedScore).toBe(81.4);
    expect(result.passed).toBe(false);
    expect(result.components.find((c) => c.component === 'practical')?.passed).toBe(false);
  });

  it('fails when both components pass but the weighted score misses the overall mark', () => {
    const strict = testScheme({
      assessment: {
        theory: { weight: 50, passMark: 60 },
        practical: { weight: 50, passMark: 60 },
        overallPassMark: 70,
        maxAttempts: 2,
        cooldown: 0,
      },
    });
    const result = scoreAttempt(strict, { theory: 62, practical: 64 });
    expect(result.components.every((c) => c.passed)).toBe(true);
    expect(result.weightedScore).toBe(63);
    expect(result.passed).toBe(false);
  });

  it('passes exactly at the marks and rounds the weighted score to two decimals', () => {
    expect(scoreAttempt(scheme, { theory: 60, practical: 70 })).toMatchObject({
      weightedScore: 66,
      passed: true,
    });
    expect(scoreAttempt(scheme, { theory: 60.33, practical: 70.01 }).weightedScore).toBe(66.14);
  });

  it.each([
    [{ theory: 101, practical: 70 }],
    [{ theory: 70, practical: -1 }],
    [{ theory: Number.NaN, practical: 70 }],
  ])('refuses a score outside 0-100 (%j)', (scores) => {
    expect(refusal(() => scoreAttempt(scheme, scores)).code).toBe('invalid-score');
  });
});
