/**
 * Pure arithmetic on ISO-8601 instants. The domain never reads a clock: every instant comes from a
 * command's `at` (supplied by the workflow) or from an event. Parsing a given string is deterministic,
 * so these are safe inside Temporal's workflow sandbox.
 */

function toMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: ${iso}`);
  return ms;
}

/** The instant `seconds` after `iso` (fractions of a second are kept to the millisecond). */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(toMillis(iso) + Math.round(seconds * 1000)).toISOString();
}

/** The same calendar date and time `years` later (29 February rolls to 1 March, as Date does). */
export function addYears(iso: string, years: number): string {
  const d = new Date(toMillis(iso));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

export const isBefore = (a: string, b: string): boolean => toMillis(a) < toMillis(b);

/** Completed years from `from` to `to` — a person's age when `from` is the date of birth. */
export function wholeYearsBetween(from: string, to: string): number {
  const a = new Date(toMillis(from));
  const b = new Date(toMillis(to));
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  const beforeAnniversary =
    b.getUTCMonth() < a.getUTCMonth() ||
    (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return years;
}
