import { z } from 'zod';
import { AssignAssessor, CancelSessionBooking, LevelCode, ScheduleSession, StandardCode, SubmitSessionResult, Text } from '@corridor/domain';

const clientSide = { type: true, actor: true, at: true } as const;

export const SessionIdParam = z.uuid({ message: 'the session id must be a UUID' });

export const ScheduleSessionBody = z
  .object({
    /** Optional, so a station system can choose it and retry safely. */
    sessionId: z.uuid().optional(),
    /** Officers schedule for any station; a station's own is taken from its credentials. */
    stationId: Text.min(1).optional(),
    standardCode: StandardCode,
    level: LevelCode,
    scheduledFor: ScheduleSession.shape.scheduledFor,
    capacity: ScheduleSession.shape.capacity,
  })
  .strict();
export const BookCandidateBody = z.object({ applicationId: z.uuid() }).strict();
export const CancelBookingBody = CancelSessionBooking.omit({ ...clientSide, applicationId: true }).strict();
export const AssignAssessorBody = AssignAssessor.omit(clientSide).strict();
export const SubmitResultBody = SubmitSessionResult.omit(clientSide).strict();
