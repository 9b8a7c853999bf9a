import { effectiveDurations } from './scheme-durations';
import { testScheme } from '../testing/scheme-fixture';

const DAY = 86_400;

describe('effectiveDurations', () => {
  it('takes the scheme’s durations as they are without configuration', () => {
    expect(effectiveDurations(testScheme())).toEqual({
      reviewSla: 10 * DAY,
      informationRequest: 21 * DAY,
      bookingWindow: 90 * DAY,
      assessmentCooldown: 30 * DAY,
      renewalReminderLead: 90 * DAY,
      renewalWindow: 180 * DAY,
      renewalGrace: 90 * DAY,
    });
  });

  it('scales every duration, and an override replaces one key outright', () => {
    const d = effectiveDurations(testScheme(), { scale: 1 / DAY, overrides: { assessmentCooldown: 2 } });
    expect(d.reviewSla).toBeCloseTo(10);
    expect(d.informationRequest).toBeCloseTo(21);
    expect(d.assessmentCooldown).toBe(2);
  });

  it('refuses a non-positive scale', () => {
    expect(() => effectiveDurations(testScheme(), { scale: 0 })).toThrow();
  });
});
