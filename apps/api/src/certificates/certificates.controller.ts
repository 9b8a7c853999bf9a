import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { IssuerProfileDocument, PublicJwks } from '@corridor/credentials';
import { Public } from '../auth/auth.decorators';
import { CredentialService } from './credential.service';

/** VC-JOSE-COSE media type of a credential secured as a compact JWS. */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

/** Sends the compact JWS as bytes, so Express does not append a charset to the media type. */
function sendJws(res: Response, jws: string): void {
  res.status(200).type(VC_JWT_MEDIA_TYPE).send(Buffer.from(jws, 'utf8'));
}

/** The public face of issuance: credentials, the keys that verify them, the issuer and the status lists. */
@ApiTags('credentials')
@Public()
@Controller()
export class CertificatesController {
  constructor(private readonly credentials: CredentialService) {}

  @Get('certificates/:number/credential')
  @ApiOperation({ summary: 'The certificate as a signed Open Badges 3.0 credential (compact JWS)' })
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  async credential(@Param('number') number: string, @Res() res: Response): Promise<void> {
    const { jws } = await this.credentials.credential(number);
    res.setHeader('Cache-Control', 'no-cache');
    sendJws(res, jws);
  }

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys that verify credentials and status lists (JWKS)' })
  jwks(): Promise<PublicJwks> {
    return this.credentials.jwks();
  }

  @Get('issuer')
  @ApiOperation({ summary: 'The issuer profile (the document a credential issuer id dereferences to)' })
  issuer(): IssuerProfileDocument {
    return this.credentials.issuerProfile();
  }

  @Get('status-lists/:purpose/:listId')
  @ApiOperation({ summary: 'Signed Bitstring Status List credential (purpose: revocation or suspension)' })
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  async statusList(@Param('purpose') purpose: string, @Param('listId') listId: string, @Res() res: Response): Promise<void> {
    const { jws } = await this.credentials.statusList(purpose, listId);
    res.setHeader('Cache-Control', 'public, max-age=300');
    sendJws(res, jws);
  }
}
