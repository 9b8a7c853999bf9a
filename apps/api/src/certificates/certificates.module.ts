import { Module } from '@nestjs/common';
import { CertificateDocumentController } from './certificate-document.controller';
import { CertificatesController } from './certificates.controller';
import { CredentialService } from './credential.service';

@Module({
  controllers: [CertificatesController, CertificateDocumentController],
  providers: [CredentialService],
  exports: [CredentialService],
})
export class CertificatesModule {}
