import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { VerifyController } from './verify.controller';

@Module({ imports: [CertificatesModule], controllers: [VerifyController] })
export class VerifyModule {}
