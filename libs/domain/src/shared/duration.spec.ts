import { DurationSeconds, parseIsoDuration } from './duration';

describe('durations', () => {
  it.each([
    ['P14D', 1_209_600],
    ['PT12H', 43_200],
    ['P1W', 604_800],
    ['P1DT1H30M', 86_400 + 5_400],
    ['PT0.5S', 0.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each(['P', 'PT', 'P1Y', 'P2M', '14 days', 'P1DT'])('refuses %s', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('accepts seconds as they are and explains a bad string', () => {
    expect(DurationSeconds.parse(90)).toBe(90);
    const result = DurationSeconds.safeParse('P1Y');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"P1Y" is not a duration');
    expect(DurationSeconds.safeParse(-1).success).toBe(false);
  });
});
