import type { CertificateEvent, CertificateTerms } from './certificate.events';
import type { LevelCode } from '../shared/levels';

export type CertificateStatus = 'new' | 'active' | 'suspended' | 'expired' | 'revoked';

export interface CertificateState {
  status: CertificateStatus;
  certificateNumber?: string;
  applicationId?: string;
  candidateId?: string;
  standardCode?: string;
  level?: LevelCode;
  schemeVersion?: number;
  validFrom?: string;
  validUntil?: string;
  terms?: CertificateTerms;
  /** The validUntil a reminder was sent for: one reminder per validity period. */
  reminderSentFor?: string;
  renewals: number;
  suspensionReason?: string;
  revocationReason?: string;
  /** The credential last issued (its id and hash), from CredentialIssued. */
  credential?: { credentialId: string; sha256: string; validUntil: string };
}

export const initialCertificateState = (): CertificateState => ({ status: 'new', renewals: 0 });

export function evolveCertificate(state: CertificateState, event: CertificateEvent): CertificateState {
  switch (event.type) {
    case 'CertificateActivated':
      return {
        ...state,
        status: 'active',
        certificateNumber: event.data.certificateNumber,
        applicationId: event.data.applicationId,
        candidateId: event.data.candidateId,
        standardCode: event.data.standardCode,
        level: event.data.level,
        schemeVersion: event.data.schemeVersion,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
        terms: event.data.terms,
      };
    case 'RenewalReminderSent':
      return { ...state, reminderSentFor: event.data.validUntil };
    case 'CertificateExpired':
      return { ...state, status: 'expired' };
    case 'CertificateRenewed':
      return { ...state, status: 'active', validUntil: event.data.validUntil, renewals: state.renewals + 1 };
    case 'CertificateSuspended':
      return { ...state, status: 'suspended', suspensionReason: event.data.reason };
    case 'CertificateReinstated':
      return { ...state, status: 'active', suspensionReason: undefined };
    case 'CertificateRevoked':
      return { ...state, status: 'revoked', revocationReason: event.data.reason };
    case 'CredentialIssued':
      return {
        ...state,
        credential: { credentialId: event.data.credentialId, sha256: event.data.sha256, validUntil: event.data.validUntil },
      };
  }
}

export const replayCertificate = (events: CertificateEvent[]): CertificateState =>
  events.reduce(evolveCertificate, initialCertificateState());
