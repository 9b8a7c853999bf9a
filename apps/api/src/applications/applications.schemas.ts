import { z } from 'zod';
import { CountryCode, LevelCode, RegisterApplicationInput, StandardCode } from '@corridor/domain';

export { RegisterApplicationInput };

export const ApplicationIdParam = z.uuid({ message: 'the application id must be a UUID' });

export const ApproveEligibilityBody = z.object({ note: z.string().max(2000).optional() }).strict();
export const DecisionBody = z.object({ decision: z.literal('grant') }).strict();

export const ApplicationStatus = z.enum(['registered', 'eligible', 'granted', 'certified']);

export const WorklistQuery = z
  .object({
    status: ApplicationStatus.optional(),
    station: z.string().min(1).optional(),
    standard: StandardCode.optional(),
    country: CountryCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  })
  .strict();
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const ApplicationView = z.object({
  applicationId: z.uuid(),
  candidateId: z.string(),
  candidateName: z.string(),
  nationality: z.string(),
  language: z.string(),
  standardCode: z.string(),
  level: LevelCode,
  stationId: z.string().nullable(),
  schemeVersion: z.number(),
  status: z.string(),
  certificateNumber: z.string().nullable(),
  validUntil: z.string().nullable(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;
