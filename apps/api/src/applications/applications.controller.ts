import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { ApiViewPending, ViewPendingInterceptor, type ViewPending } from '../common/view-pending';
import { ApplicationsService } from './applications.service';
import {
  ApplicationIdParam,
  ApproveEligibilityBody,
  CheckRecognitionBody,
  DecisionBody,
  EnrolInTrainingBody,
  ProvideInformationBody,
  RecognisePriorLearningBody,
  RecordTrainingHoursBody,
  RegisterApplicationBody,
  RejectEligibilityBody,
  RequestInformationBody,
  SignOffTrainingBody,
  WorklistQuery,
  type ApplicationView,
} from './applications.schemas';

const Id = () => Param('id', { schema: ApplicationIdParam });
type In<T extends z.ZodType> = z.infer<T>;

/**
 * Case officers' and stations' door to applications: every action is a workflow update. Assessment
 * bookings and results are not here: they come only through a station's assessment session
 * (/sessions), whose workflow checks the session, the booking and the assessors' conflicts first.
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
@UseInterceptors(ViewPendingInterceptor)
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @ApiViewPending()
  @Roles('officer', 'station')
  @ApiOperation({ summary: 'Register a candidate for a standard at a level' })
  register(
    @Body({ schema: RegisterApplicationBody }) body: RegisterApplicationBody,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ApplicationView | ViewPending> {
    return this.applications.register(body, p, idempotencyKey);
  }

  @Get()
  @Roles('officer', 'station', 'auditor')
  @ApiOperation({ summary: 'Worklist with filters and keyset paging' })
  list(@Query({ schema: WorklistQuery }) query: WorklistQuery, @CurrentPrincipal() p: Principal) {
    return this.applications.list(query, p);
  }

  @Get(':id')
  @Roles('officer', 'station', 'auditor')
  @ApiOperation({ summary: 'Application detail with its timeline' })
  get(@Id() id: string, @CurrentPrincipal() p: Principal) {
    return this.applications.get(id, p);
  }

  @Post(':id/eligibility-approval')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  approve(@Id() id: string, @Body({ schema: ApproveEligibilityBody }) b: In<typeof ApproveEligibilityBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'ApproveEligibility', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/eligibility-rejection')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  reject(@Id() id: string, @Body({ schema: RejectEligibilityBody }) b: In<typeof RejectEligibilityBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'RejectEligibility', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/information-requests')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  requestInformation(@Id() id: string, @Body({ schema: RequestInformationBody }) b: In<typeof RequestInformationBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'RequestInformation', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/information')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer', 'station')
  provideInformation(@Id() id: string, @Body({ schema: ProvideInformationBody }) b: In<typeof ProvideInformationBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'ProvideInformation', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/training/enrolment')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer', 'station')
  enrol(@Id() id: string, @Body({ schema: EnrolInTrainingBody }) b: In<typeof EnrolInTrainingBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'EnrolInTraining', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/training/hours')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer', 'station')
  recordHours(@Id() id: string, @Body({ schema: RecordTrainingHoursBody }) b: In<typeof RecordTrainingHoursBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'RecordTrainingHours', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/training/sign-off')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer', 'station')
  signOff(@Id() id: string, @Body({ schema: SignOffTrainingBody }) b: In<typeof SignOffTrainingBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'SignOffTraining', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/prior-learning')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  recognisePriorLearning(@Id() id: string, @Body({ schema: RecognisePriorLearningBody }) b: In<typeof RecognisePriorLearningBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'RecognisePriorLearning', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/recognition-checks')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  checkRecognition(@Id() id: string, @Body({ schema: CheckRecognitionBody }) b: In<typeof CheckRecognitionBody>, @CurrentPrincipal() p: Principal) {
    return this.applications.command(id, { type: 'CheckRecognition', actor: actorOf(p), ...b }, p);
  }

  @Post(':id/decision')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Grant or deny certification (four eyes: not by a reviewer or assessor)' })
  decide(@Id() id: string, @Body({ schema: DecisionBody }) b: In<typeof DecisionBody>, @CurrentPrincipal() p: Principal) {
    const command =
      b.decision === 'grant'
        ? // The workflow replaces validityYears with the pinned scheme's; the decider checks they agree.
          ({ type: 'DecideCertification', actor: actorOf(p), decision: 'grant', validityYears: 0 } as const)
        : ({ type: 'DenyCertification', actor: actorOf(p), reason: b.reason } as const);
    return this.applications.command(id, command, p);
  }
}

