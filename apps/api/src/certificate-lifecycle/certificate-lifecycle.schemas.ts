import { z } from 'zod';
import { ReinstateCertificate, RenewCertificate, RevokeCertificate, SuspendCertificate } from '@corridor/domain';

const clientSide = { type: true, actor: true, at: true } as const;

export const CertificateNumberParam = z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/, 'a certificate number such as CN-2026-0123456789AB');
export const SuspendBody = SuspendCertificate.omit(clientSide).strict();
export const ReinstateBody = ReinstateCertificate.omit(clientSide).strict();
export const RevokeBody = RevokeCertificate.omit(clientSide).strict();
export const RenewBody = RenewCertificate.omit(clientSide).strict();
