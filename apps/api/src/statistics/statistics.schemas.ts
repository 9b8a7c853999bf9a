import { z } from 'zod';
import { CountryCode, StandardCode, Text } from '@corridor/domain';

export const CertificationGroupBy = z.enum(['country', 'standard', 'station', 'year']);
export type CertificationGroupBy = z.infer<typeof CertificationGroupBy>;

/** `groupBy` is required; the other fields narrow what is counted. */
export const CertificationStatsQuery = z
  .object({
    groupBy: CertificationGroupBy,
    country: CountryCode.optional(),
    standard: StandardCode.optional(),
    station: Text.min(1).max(100).optional(),
    year: z.coerce.number().int().min(2000).max(2200).optional(),
  })
  .strict();
export type CertificationStatsQuery = z.infer<typeof CertificationStatsQuery>;

export interface CertificationStatsView {
  groupBy: CertificationGroupBy;
  /** Certificates issued in total (over the filters). */
  total: number;
  /** One entry per group, most certifications first; `key` is null for applications without a station. */
  items: { key: string | number | null; certified: number }[];
}
