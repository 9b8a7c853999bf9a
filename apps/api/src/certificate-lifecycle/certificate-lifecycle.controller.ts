import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiViewPending, ViewPendingInterceptor } from '../common/view-pending';
import { actorOf, type Principal } from '../auth/principal';
import { CertificateLifecycleService } from './certificate-lifecycle.service';
import { CertificateNumberParam, ReinstateBody, RenewBody, RevokeBody, SuspendBody } from './certificate-lifecycle.schemas';

const Number_ = () => Param('number', { schema: CertificateNumberParam });

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
@UseInterceptors(ViewPendingInterceptor)
export class CertificateLifecycleController {
  constructor(private readonly certificates: CertificateLifecycleService) {}

  @Get(':number/lifecycle')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Current lifecycle state of a certificate (active, suspended, expired, revoked)' })
  state(@Number_() number: string) {
    return this.certificates.state(number);
  }

  @Post(':number/suspension')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  suspend(@Number_() number: string, @Body({ schema: SuspendBody }) b: z.infer<typeof SuspendBody>, @CurrentPrincipal() p: Principal) {
    return this.certificates.command(number, { type: 'SuspendCertificate', actor: actorOf(p), ...b });
  }

  @Post(':number/reinstatement')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  reinstate(@Number_() number: string, @Body({ schema: ReinstateBody }) b: z.infer<typeof ReinstateBody>, @CurrentPrincipal() p: Principal) {
    return this.certificates.command(number, { type: 'ReinstateCertificate', actor: actorOf(p), ...b });
  }

  @Post(':number/revocation')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  revoke(@Number_() number: string, @Body({ schema: RevokeBody }) b: z.infer<typeof RevokeBody>, @CurrentPrincipal() p: Principal) {
    return this.certificates.command(number, { type: 'RevokeCertificate', actor: actorOf(p), ...b });
  }

  @Post(':number/renewal')
  @ApiViewPending()
  @HttpCode(200)
  @Roles('officer')
  renew(@Number_() number: string, @Body({ schema: RenewBody }) b: z.infer<typeof RenewBody>, @CurrentPrincipal() p: Principal) {
    return this.certificates.command(number, { type: 'RenewCertificate', actor: actorOf(p), ...b });
  }
}
