import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CheckpointService } from './checkpoints/checkpoint.service';
import { CheckpointsController } from './checkpoints/checkpoints.controller';

// CertificatesModule: checkpoints are signed with the issuer's credential key ring, the one its JWKS publishes.
@Module({ imports: [CertificatesModule], controllers: [AuditController, CheckpointsController], providers: [AuditService, CheckpointService] })
export class AuditModule {}
