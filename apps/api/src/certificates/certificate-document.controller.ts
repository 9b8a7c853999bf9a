import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { renderCertificatePdf } from '@corridor/credentials';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { CertificateNumberParam } from '../certificate-lifecycle/certificate-lifecycle.schemas';
import { CredentialService, factsOf } from './credential.service';

/**
 * The printable certificate: Chinese, English and the holder's language, a QR code to the public
 * verification page, and the signed credential attached. It names the holder, so unlike the
 * verification page it is not public.
 */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificateDocumentController {
  constructor(
    private readonly credentials: CredentialService,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Get(':number/pdf')
  @Roles('officer', 'station', 'auditor')
  @ApiOperation({ summary: 'The certificate as a PDF (zh, en and the holder’s language) with QR code and embedded credential' })
  @ApiProduces('application/pdf')
  async pdf(
    @Param('number', { schema: CertificateNumberParam }) number: string,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const { jws, record } = await this.credentials.credential(number);
    if (principal.role === 'station') {
      const { rows } = await this.runtime.db.query<{ station_id: string | null }>(
        `SELECT station_id FROM applications WHERE application_id = $1`,
        [record.applicationId],
      );
      if (rows[0]?.station_id !== principal.stationId) throw new NotFoundException(`certificate ${number} does not exist`);
    }
    const pdf = await renderCertificatePdf(factsOf(record), {
      verificationUrl: `${this.runtime.config.publicBaseUrl}/verify/${number}`,
      jws,
      language: record.candidate.language,
    });
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="${number}.pdf"`).send(pdf);
  }
}
