import { z } from 'zod';

export const Uuid = z.uuid();
/** Stable candidate identifier (never an e-mail address). */
export const CandidateId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, 'a candidate id is 3-64 letters, digits, "-" or "_"');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "KZ"');
export const StandardCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9.-]{1,31}$/, 'a standard code such as "BR-AUTO-EV"');
