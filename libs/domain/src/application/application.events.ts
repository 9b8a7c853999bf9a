import { z } from 'zod';
import { Actor } from '../shared/actor';
import { CandidateId, CountryCode, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';

const At = z.iso.datetime();

export const ApplicationRegistered = z.object({
  applicationId: Uuid,
  candidate: z.object({
    id: CandidateId,
    fullName: z.string().min(1).max(200),
    nationality: CountryCode,
    /** Preferred language for documents (BCP 47), e.g. "kk" or "ru". */
    language: z.string().min(2).max(35),
  }),
  standardCode: StandardCode,
  level: LevelCode,
  stationId: z.string().min(1).optional(),
  schemeVersion: z.number().int().positive(),
  registeredBy: Actor,
  at: At,
});

export const EligibilityApproved = z.object({
  applicationId: Uuid,
  by: Actor,
  note: z.string().max(2000).optional(),
  at: At,
});

export const CertificationGranted = z.object({
  applicationId: Uuid,
  by: Actor,
  at: At,
});

export const CertificateIssued = z.object({
  applicationId: Uuid,
  certificateNumber: z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/),
  validFrom: At,
  validUntil: At,
  at: At,
});

export const applicationEventSchemas = {
  ApplicationRegistered,
  EligibilityApproved,
  CertificationGranted,
  CertificateIssued,
} as const;

type Schemas = typeof applicationEventSchemas;
export type ApplicationEvent = {
  [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> };
}[keyof Schemas];
export type ApplicationEventType = ApplicationEvent['type'];
