import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { publicJwks, verifyCredential } from '@corridor/credentials';
import { Public } from '../auth/auth.decorators';
import { CredentialService } from '../certificates/credential.service';
import { renderVerifyPage, type VerifyResponse } from './verify-page';
import { readCertificateRecord, sha256Hex } from '../certificates/credential-record';

/**
 * Public verification: the credential as issued now, checked like any outside verifier would (published
 * keys, current signed status lists), so the page and an offline check cannot disagree.
 */
@ApiTags('verification')
@Public()
@Controller('verify')
export class VerifyController {
  constructor(private readonly credentials: CredentialService) {}

  @Get(':certificateNumber')
  @ApiOperation({ summary: 'Verdict on a certificate: JSON, or a small HTML page when the client prefers text/html' })
  @ApiProduces('application/json', 'text/html')
  async verify(@Param('certificateNumber') certificateNumber: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { jws, record } = await this.credentials.credential(certificateNumber);
    const now = new Date();
    const verdict = await verifyCredential(jws, {
      keys: publicJwks(await this.credentials.keyRing()),
      statusLists: await this.credentials.statusListsFor(record, now),
      now,
    });
    const credential = verdict.credential;
    // The bytes served must be the ones recorded at issuance: a read model edited behind the
    // history's back (or a stale one) is not a valid certificate, however good its signature.
    const recordedSha = (await readCertificateRecord(this.credentials.store, record.certificateNumber))?.credentials.at(-1)?.sha256 ?? null;
    const matches = recordedSha !== null && recordedSha === sha256Hex(jws);
    const errors = matches ? verdict.errors : [...verdict.errors, 'the served credential differs from the one recorded at issuance'];
    const body: VerifyResponse = {
      certificateNumber: record.certificateNumber,
      valid: verdict.valid && matches,
      status: verdict.status,
      checks: verdict.checks,
      recorded: { sha256: recordedSha, matches },
      ...(verdict.statusAsOf ? { statusAsOf: verdict.statusAsOf } : {}),
      ...(verdict.kid ? { kid: verdict.kid } : {}),
      errors,
      checkedAt: now.toISOString(),
      credentialUrl: `${this.credentials.issuer.publicBaseUrl}/certificates/${encodeURIComponent(record.certificateNumber)}/credential`,
      ...(credential
        ? {
            certificate: {
              name: credential.name,
              issuer: credential.issuer.name,
              achievement: credential.credentialSubject.achievement.id,
              validFrom: credential.validFrom,
              validUntil: credential.validUntil,
            },
          }
        : {}),
    };
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-store');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.status(200).type('text/html').send(renderVerifyPage(body));
      return;
    }
    res.status(200).json(body);
  }
}
