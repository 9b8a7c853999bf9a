import { z } from 'zod';
import { Actor } from '../shared/actor';
import { CandidateId, CountryCode, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';

/** What a client sends to register a candidate (validated at the HTTP edge). */
export const RegisterApplicationInput = z.object({
  candidate: z.object({
    id: CandidateId,
    fullName: z.string().trim().min(1, 'the full name is required').max(200),
    nationality: CountryCode,
    language: z.string().min(2).max(35).default('en'),
  }),
  standardCode: StandardCode,
  level: LevelCode,
  stationId: z.string().min(1).optional(),
});
export type RegisterApplicationInput = z.infer<typeof RegisterApplicationInput>;

export const RegisterApplication = RegisterApplicationInput.extend({
  type: z.literal('RegisterApplication'),
  applicationId: Uuid,
  schemeVersion: z.number().int().positive(),
  actor: Actor,
  at: z.iso.datetime(),
});

export const ApproveEligibility = z.object({
  type: z.literal('ApproveEligibility'),
  actor: Actor,
  note: z.string().max(2000).optional(),
  at: z.iso.datetime(),
});

export const DecideCertification = z.object({
  type: z.literal('DecideCertification'),
  actor: Actor,
  decision: z.literal('grant'),
  /** Validity of the certificate in years (from the scheme). */
  validityYears: z.number().int().positive(),
  at: z.iso.datetime(),
});

export const ApplicationCommand = z.discriminatedUnion('type', [
  RegisterApplication,
  ApproveEligibility,
  DecideCertification,
]);
export type ApplicationCommand = z.infer<typeof ApplicationCommand>;
