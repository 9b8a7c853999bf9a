import { Controller, Get, HttpException, HttpStatus, Inject, Logger, NotFoundException, Param, Res, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MissingFontError, missingCertificateFonts, renderCertificatePdf, UnsupportedScriptError } from '@corridor/credentials';
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
export class CertificateDocumentController implements OnModuleInit {
  private readonly logger = new Logger('CertificatePdf');

  constructor(
    private readonly credentials: CredentialService,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  /** Says at start-up which scripts this server cannot print, and what to install, instead of at the first holder's request. */
  onModuleInit(): void {
    const missing = missingCertificateFonts();
    if (missing.length > 0) {
      const packages = [...new Set(missing.map((m) => m.debianPackage))].join(' ');
      this.logger.warn(`certificate PDFs cannot print ${missing.map((m) => m.label).join(', ')}: apt-get install -y ${packages}`);
    }
  }

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
    }).catch((error: unknown) => {
      throw printProblem(number, error);
    });
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="${number}.pdf"`).send(pdf);
  }
}

/**
 * The certificate stays issued and verifiable whatever happens here; only its printout is refused,
 * with a reason an operator can act on: a font package to install (503: the server lacks it), or a
 * character no certificate font draws (422: the recorded name needs correcting).
 */
function printProblem(number: string, error: unknown): unknown {
  if (error instanceof MissingFontError) {
    return new HttpException(
      {
        type: 'problem',
        title: 'certificate font missing',
        detail: `certificate ${number} cannot be printed on this server: ${error.message}`,
        code: 'certificate-font-missing',
        script: error.slot,
        debianPackage: error.debianPackage,
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
  if (error instanceof UnsupportedScriptError) {
    return new HttpException(
      {
        type: 'problem',
        title: 'certificate text not printable',
        detail: `certificate ${number} holds a character no certificate font draws (${error.codePoint}); the certificate itself stays valid`,
        code: 'certificate-text-unprintable',
        codePoint: error.codePoint,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  return error;
}
