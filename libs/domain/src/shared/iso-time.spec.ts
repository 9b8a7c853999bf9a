import { addSeconds, addYears, isBefore, wholeYearsBetween } from './iso-time';

describe('iso time arithmetic', () => {
  it('adds seconds, keeping milliseconds', () => {
    expect(addSeconds('2026-03-01T08:00:00.000Z', 86_400)).toBe('2026-03-02T08:00:00.000Z');
    expect(addSeconds('2026-03-01T08:00:00.000Z', 0.25)).toBe('2026-03-01T08:00:00.250Z');
  });

  it('adds calendar years', () => {
    expect(addYears('2026-03-01T08:00:00.000Z', 3)).toBe('2029-03-01T08:00:00.000Z');
  });

  it('compares instants written with different offsets', () => {
    expect(isBefore('2026-03-01T08:00:00+08:00', '2026-03-01T01:00:00Z')).toBe(true);
    expect(isBefore('2026-03-01T01:00:00Z', '2026-03-01T01:00:00Z')).toBe(false);
  });

  it('counts completed years (an age) up to the day before the anniversary', () => {
    expect(wholeYearsBetween('2008-03-02', '2026-03-01T23:59:59Z')).toBe(17);
    expect(wholeYearsBetween('2008-03-01', '2026-03-01T00:00:00Z')).toBe(18);
  });

  it('refuses text that is not an instant', () => {
    expect(() => addSeconds('next tuesday', 1)).toThrow(RangeError);
  });
});
