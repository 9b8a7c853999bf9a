import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApplicationsService } from './applications.service';
import {
  ApplicationIdParam,
  ApproveEligibilityBody,
  DecisionBody,
  RegisterApplicationInput,
  WorklistQuery,
  type ApplicationView,
} from './applications.schemas';
import type { z } from 'zod';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('officer', 'station')
  register(
    @Body({ schema: RegisterApplicationInput }) body: RegisterApplicationInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.applications.register(body, principal);
  }

  @Get()
  @Roles('officer', 'station', 'auditor')
  list(@Query({ schema: WorklistQuery }) query: WorklistQuery, @CurrentPrincipal() principal: Principal) {
    return this.applications.list(query, principal);
  }

  @Get(':id')
  @Roles('officer', 'station', 'auditor')
  get(@Param('id', { schema: ApplicationIdParam }) id: string, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.applications.get(id, principal);
  }

  @Post(':id/eligibility-approval')
  @HttpCode(200)
  @Roles('officer')
  approve(
    @Param('id', { schema: ApplicationIdParam }) id: string,
    @Body({ schema: ApproveEligibilityBody }) body: z.infer<typeof ApproveEligibilityBody>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.applications.approveEligibility(id, body.note, principal);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('officer')
  decide(
    @Param('id', { schema: ApplicationIdParam }) id: string,
    @Body({ schema: DecisionBody }) _body: z.infer<typeof DecisionBody>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.applications.decide(id, principal);
  }
}
