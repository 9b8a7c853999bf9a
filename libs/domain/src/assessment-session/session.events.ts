import { z } from 'zod';
import { ConflictOfInterestRule } from '../scheme/certification-scheme';
import { Actor } from '../shared/actor';
import { CandidateId, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';

const At = z.iso.datetime();
const Score = z.number().min(0).max(100);

export const SessionScheduled = z.object({
  sessionId: Uuid,
  stationId: z.string().min(1),
  standardCode: StandardCode,
  level: LevelCode,
  /** The scheme whose conflict-of-interest rule the session applies. */
  schemeVersion: z.number().int().positive(),
  conflictRule: ConflictOfInterestRule,
  scheduledFor: At,
  capacity: z.number().int().positive(),
  by: Actor,
  at: At,
});

export const SessionCandidateBooked = z.object({
  sessionId: Uuid,
  applicationId: Uuid,
  candidateId: CandidateId,
  employer: z.string().min(1).optional(),
  trainingProviderId: z.string().min(1).optional(),
  by: Actor,
  at: At,
});

export const SessionCandidateCancelled = z.object({
  sessionId: Uuid,
  applicationId: Uuid,
  reason: z.string().min(1).max(2000),
  by: Actor,
  at: At,
});

export const AssessorAssigned = z.object({
  sessionId: Uuid,
  assessorId: z.string().min(1),
  name: z.string().min(1),
  /** Snapshot of the expert record at assignment, so later conflict checks replay the same way. */
  employer: z.string().min(1),
  trainingProviderId: z.string().min(1).optional(),
  by: Actor,
  at: At,
});

export const SessionResultSubmitted = z.object({
  sessionId: Uuid,
  applicationId: Uuid,
  candidateId: CandidateId,
  scores: z.object({ theory: Score, practical: Score }),
  assessorIds: z.array(z.string().min(1)).min(1),
  by: Actor,
  at: At,
});

export const SessionClosed = z.object({
  sessionId: Uuid,
  /** Booked candidates without a result: they did not sit the assessment. */
  absentees: z.array(Uuid),
  by: Actor,
  at: At,
});

export const sessionEventSchemas = {
  SessionScheduled,
  SessionCandidateBooked,
  SessionCandidateCancelled,
  AssessorAssigned,
  SessionResultSubmitted,
  SessionClosed,
} as const;

type Schemas = typeof sessionEventSchemas;
export type SessionEvent = {
  [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> };
}[keyof Schemas];
export type SessionEventType = SessionEvent['type'];
