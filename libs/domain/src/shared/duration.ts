import { z } from 'zod';

/**
 * Durations in schemes are written for people ("P14D", "PT12H") or as plain seconds, and stored as
 * seconds so that configuration can scale or override them (tests cannot time-skip Temporal here).
 * Years and months are refused: their length in seconds depends on the calendar.
 */
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in an ISO-8601 duration of weeks, days, hours, minutes and seconds; undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m.map((part) => (part === undefined ? 0 : Number(part)));
  return (w ?? 0) * 604_800 + (d ?? 0) * 86_400 + (h ?? 0) * 3_600 + (min ?? 0) * 60 + (s ?? 0);
}

/** A duration given as seconds or as an ISO-8601 duration; parsed to seconds. */
export const DurationSeconds = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const seconds = parseIsoDuration(value);
  if (seconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a duration: use seconds or ISO-8601 weeks/days/hours/minutes/seconds such as "P14D" or "PT12H"`,
    });
    return z.NEVER;
  }
  return seconds;
});
export type DurationSeconds = z.output<typeof DurationSeconds>;
