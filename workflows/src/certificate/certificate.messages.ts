import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { WithoutAt } from '../shared/complete-command';
import type { CertificateCommand } from '../../../libs/domain/src/certificate/certificate.commands';
import type { CertificateState } from '../../../libs/domain/src/certificate/certificate.state';

/** Officer actions on a live certificate; activation and the timers belong to the workflow. */
export type CertificateCommandInput = WithoutAt<
  Extract<
    CertificateCommand,
    { type: 'RenewCertificate' | 'SuspendCertificate' | 'ReinstateCertificate' | 'RevokeCertificate' }
  >
>;
export const EXTERNAL_CERTIFICATE_COMMANDS = [
  'RenewCertificate',
  'SuspendCertificate',
  'ReinstateCertificate',
  'RevokeCertificate',
] as const satisfies readonly CertificateCommandInput['type'][];

export interface CertificateCommandResult {
  state: CertificateState;
  version: number;
  events: string[];
  position: number;
}

export const certificateCommandUpdate = defineUpdate<CertificateCommandResult, [CertificateCommandInput]>(
  'certificateCommand',
);
export const certificateStateQuery = defineQuery<{ state: CertificateState; version: number }>(
  'certificateState',
);

export const certificateStream = (certificateNumber: string): string => `certificate-${certificateNumber}`;
export const certificateWorkflowId = (certificateNumber: string): string =>
  `certificate-${certificateNumber}`;
