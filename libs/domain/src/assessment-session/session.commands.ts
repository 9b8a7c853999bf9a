import { z } from 'zod';
import { AttemptScores } from '../scheme/scoring';
import { Actor } from '../shared/actor';
import { CandidateId, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';
import { MultilineText, Text } from '../shared/text';

const Meta = { actor: Actor, at: z.iso.datetime() };

export const ScheduleSession = z.object({
  type: z.literal('ScheduleSession'),
  sessionId: Uuid,
  stationId: Text.min(1),
  standardCode: StandardCode,
  level: LevelCode,
  /** Absent: the latest scheme for the standard and level. */
  schemeVersion: z.number().int().positive().optional(),
  scheduledFor: z.iso.datetime(),
  capacity: z.number().int().min(1).max(200),
  ...Meta,
});

export const BookCandidate = z.object({
  type: z.literal('BookCandidate'),
  applicationId: Uuid,
  candidateId: CandidateId,
  /** From the application's evidence and training enrolment, for the conflict-of-interest check. */
  employer: Text.trim().min(1).max(200).optional(),
  trainingProviderId: Text.min(1).optional(),
  ...Meta,
});

export const CancelSessionBooking = z.object({
  type: z.literal('CancelSessionBooking'),
  applicationId: Uuid,
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

export const AssignAssessor = z.object({
  type: z.literal('AssignAssessor'),
  assessorId: Text.min(1),
  ...Meta,
});

export const SubmitSessionResult = z.object({
  type: z.literal('SubmitSessionResult'),
  applicationId: Uuid,
  scores: AttemptScores,
  /** Assessors of this session who marked the candidate. */
  assessorIds: z.array(Text.min(1)).min(1),
  ...Meta,
});

export const CloseSession = z.object({ type: z.literal('CloseSession'), ...Meta });

export const SessionCommand = z.discriminatedUnion('type', [
  ScheduleSession,
  BookCandidate,
  CancelSessionBooking,
  AssignAssessor,
  SubmitSessionResult,
  CloseSession,
]);
export type SessionCommand = z.infer<typeof SessionCommand>;
export type SessionCommandOf<T extends SessionCommand['type']> = Extract<SessionCommand, { type: T }>;
