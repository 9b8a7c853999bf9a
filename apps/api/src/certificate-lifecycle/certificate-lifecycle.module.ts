import { Module } from '@nestjs/common';
import { CertificateLifecycleController } from './certificate-lifecycle.controller';
import { CertificateLifecycleService } from './certificate-lifecycle.service';

@Module({ controllers: [CertificateLifecycleController], providers: [CertificateLifecycleService] })
export class CertificateLifecycleModule {}
