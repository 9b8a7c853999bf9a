import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CredentialService } from './credential.service';

@Module({
  controllers: [CertificatesController],
  providers: [CredentialService],
  exports: [CredentialService],
})
export class CertificatesModule {}
