import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiViewPending, ViewPendingInterceptor } from '../common/view-pending';
import { NoBody } from '../common/no-body';
import { actorOf, type Principal } from '../auth/principal';
import { SessionsService } from './sessions.service';
import { AssignAssessorBody, BookCandidateBody, CancelBookingBody, ScheduleSessionBody, SessionIdParam, SubmitResultBody } from './sessions.schemas';
import { ApplicationIdParam } from '../applications/applications.schemas';

const Id = () => Param('id', { schema: SessionIdParam });

/** Overseas stations' door: assessment sessions for their own candidates only. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
@UseInterceptors(ViewPendingInterceptor)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @ApiViewPending()
  @Roles('station', 'officer')
  @ApiOperation({ summary: 'Schedule an assessment session at a station' })
  schedule(@Body({ schema: ScheduleSessionBody }) b: z.infer<typeof ScheduleSessionBody>, @CurrentPrincipal() p: Principal) {
    return this.sessions.schedule(b, p);
  }

  @Get(':id')
  @Roles('station', 'officer', 'auditor')
  get(@Id() id: string, @CurrentPrincipal() p: Principal) {
    return this.sessions.get(id, p);
  }

  @Post(':id/bookings')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('station', 'officer')
  @ApiOperation({ summary: "Book a candidate's application into the session (delivered to the application)" })
  book(@Id() id: string, @Body({ schema: BookCandidateBody }) b: z.infer<typeof BookCandidateBody>, @CurrentPrincipal() p: Principal) {
    return this.sessions.book(id, b.applicationId, p);
  }

  @Post(':id/bookings/:applicationId/cancellation')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('station', 'officer')
  cancel(
    @Id() id: string,
    @Param('applicationId', { schema: ApplicationIdParam }) applicationId: string,
    @Body({ schema: CancelBookingBody }) b: z.infer<typeof CancelBookingBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.sessions.command(id, { type: 'CancelSessionBooking', actor: actorOf(p), applicationId, ...b });
  }

  @Post(':id/assessors')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('station', 'officer')
  @ApiOperation({ summary: 'Assign an assessor from the expert database (conflict of interest checked)' })
  assign(@Id() id: string, @Body({ schema: AssignAssessorBody }) b: z.infer<typeof AssignAssessorBody>, @CurrentPrincipal() p: Principal) {
    return this.sessions.command(id, { type: 'AssignAssessor', actor: actorOf(p), ...b });
  }

  @Post(':id/results')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: "Submit a candidate's scores (recorded on the application as an attempt)" })
  submit(@Id() id: string, @Body({ schema: SubmitResultBody }) b: z.infer<typeof SubmitResultBody>, @CurrentPrincipal() p: Principal) {
    return this.sessions.command(id, { type: 'SubmitSessionResult', actor: actorOf(p), ...b });
  }

  @Post(':id/closure')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('station', 'officer')
  close(@Id() id: string, @Body({ schema: NoBody }) _body: unknown, @CurrentPrincipal() p: Principal) {
    return this.sessions.command(id, { type: 'CloseSession', actor: actorOf(p) });
  }
}
