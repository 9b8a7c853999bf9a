import type { CertificateCommand, CertificateCommandOf } from './certificate.commands';
import type { CertificateEvent, CertificateTerms } from './certificate.events';
import type { CertificateState } from './certificate.state';
import type { ReferenceData } from '../reference/reference-data.schema';
import { findSchemeIn } from '../reference/reference-lookup';
import { shippedReferenceData } from '../reference/shipped-reference-data';
import { schemeLabel, type CertificationScheme } from '../scheme/certification-scheme';
import { certificateValiditySeconds, effectiveDurations, type DurationConfig } from '../scheme/scheme-durations';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { addSeconds, addYears, isBefore } from '../shared/iso-time';

export {
  evolveCertificate,
  initialCertificateState,
  replayCertificate,
  type CertificateState,
  type CertificateStatus,
} from './certificate.state';

/** Optional inputs for activation: the pinned scheme (default: shipped) and the duration configuration. */
export interface CertificateContextInput {
  scheme?: CertificationScheme;
  durationConfig?: DurationConfig;
  reference?: ReferenceData;
}

function activate(
  command: CertificateCommandOf<'ActivateCertificate'>,
  context: CertificateContextInput,
): CertificateEvent[] {
  requireRole(command.actor, ['officer', 'admin'], 'activate a certificate');
  const wanted = { standardCode: command.standardCode, level: command.level, version: command.schemeVersion };
  const scheme =
    context.scheme ??
    findSchemeIn(
      (context.reference ?? shippedReferenceData()).schemes,
      wanted.standardCode,
      wanted.level,
      wanted.version,
    ) ??
    refuse('unknown-scheme', `no certification scheme ${schemeLabel(wanted)}`);
  if (schemeLabel(scheme) !== schemeLabel(wanted))
    refuse(
      'scheme-mismatch',
      `the certificate was issued under ${schemeLabel(wanted)}, not ${schemeLabel(scheme)}`,
    );
  if (!isBefore(command.validFrom, command.validUntil))
    refuse('invalid-validity', `valid until ${command.validUntil} is not after ${command.validFrom}`);
  const durations = effectiveDurations(scheme, context.durationConfig);
  const terms: CertificateTerms = {
    validityYears: scheme.certificate.validityYears,
    continuingPracticeHours: scheme.certificate.renewal.continuingPracticeHours,
    reminderLeadSeconds: durations.renewalReminderLead,
    renewalWindowSeconds: durations.renewalWindow,
    renewalGraceSeconds: durations.renewalGrace,
    validitySeconds: certificateValiditySeconds(context.durationConfig),
  };
  const { type: _type, actor, ...facts } = command;
  return [{ type: 'CertificateActivated', data: { ...facts, terms, by: actor } }];
}

/**
 * Decides a command for a certificate: active → reminded → expired or renewed; suspended ↔ reinstated;
 * revoked is final. Pure; `at` comes from the command.
 */
export function decideCertificate(
  command: CertificateCommand,
  state: CertificateState,
  context: CertificateContextInput = {},
): CertificateEvent[] {
  // A credential signed before a revocation landed is still recorded: the status list says it is revoked.
  if (state.status === 'revoked' && command.type !== 'RecordCredential')
    refuse('revoked', `certificate ${state.certificateNumber} was revoked; nothing more can happen to it`);
  if (command.type === 'ActivateCertificate') {
    if (state.status !== 'new')
      refuse('already-activated', `certificate ${state.certificateNumber} is already active`);
    return activate(command, context);
  }
  if (state.status === 'new') refuse('invalid-transition', 'the certificate has not been activated');
  const certificateNumber =
    state.certificateNumber ?? refuse('invalid-transition', 'the certificate has no number');
  const validUntil = state.validUntil ?? refuse('invalid-transition', 'the certificate has no validity');
  const terms = state.terms ?? refuse('invalid-transition', 'the certificate has no terms');
  const { actor, at } = command;

  switch (command.type) {
    case 'SendRenewalReminder': {
      requireRole(actor, ['officer', 'admin'], 'send a renewal reminder');
      if (state.status !== 'active')
        refuse('invalid-transition', `no reminder for a ${state.status} certificate`);
      if (state.reminderSentFor === validUntil)
        refuse('reminder-already-sent', `a reminder for expiry on ${validUntil} was already sent`);
      const from = addSeconds(validUntil, -terms.reminderLeadSeconds);
      if (isBefore(at, from)) refuse('too-early', `reminders start at ${from}`);
      if (!isBefore(at, validUntil)) refuse('validity-ended', `the certificate ran out at ${validUntil}`);
      return [{ type: 'RenewalReminderSent', data: { certificateNumber, validUntil, by: actor, at } }];
    }
    case 'ExpireCertificate': {
      requireRole(actor, ['officer', 'admin'], 'expire a certificate');
      if (state.status === 'expired') refuse('invalid-transition', 'the certificate has already expired');
      if (isBefore(at, validUntil)) refuse('not-yet-expired', `the certificate is valid until ${validUntil}`);
      return [{ type: 'CertificateExpired', data: { certificateNumber, validUntil, by: actor, at } }];
    }
    case 'RenewCertificate': {
      requireRole(actor, ['officer'], 'renew a certificate');
      if (state.status === 'suspended')
        refuse('suspended', 'a suspended certificate must be reinstated before renewal');
      const opens = addSeconds(validUntil, -terms.renewalWindowSeconds);
      if (isBefore(at, opens)) refuse('too-early', `renewal opens at ${opens}`);
      const closes = addSeconds(validUntil, terms.renewalGraceSeconds);
      if (isBefore(closes, at))
        refuse('renewal-grace-passed', `renewal closed at ${closes}; the holder must certify again`);
      if (command.continuingPracticeHours < terms.continuingPracticeHours)
        refuse(
          'renewal-requirements-unmet',
          `${command.continuingPracticeHours} hour(s) of continuing practice; the scheme requires ${terms.continuingPracticeHours}`,
        );
      // The new period follows on from the old one, so renewing early or late never shifts the cycle.
      const next =
        terms.validitySeconds !== undefined
          ? addSeconds(validUntil, terms.validitySeconds)
          : addYears(validUntil, terms.validityYears);
      return [
        {
          type: 'CertificateRenewed',
          data: {
            certificateNumber,
            previousValidUntil: validUntil,
            validUntil: next,
            continuingPracticeHours: command.continuingPracticeHours,
            by: actor,
            at,
          },
        },
      ];
    }
    case 'SuspendCertificate': {
      requireRole(actor, ['officer'], 'suspend a certificate');
      if (state.status === 'suspended') refuse('already-suspended', 'the certificate is already suspended');
      if (state.status !== 'active')
        refuse('invalid-transition', `a ${state.status} certificate cannot be suspended`);
      return [
        { type: 'CertificateSuspended', data: { certificateNumber, reason: command.reason, by: actor, at } },
      ];
    }
    case 'ReinstateCertificate': {
      requireRole(actor, ['officer'], 'reinstate a certificate');
      if (state.status !== 'suspended')
        refuse('not-suspended', `the certificate is ${state.status}, not suspended`);
      if (!isBefore(at, validUntil))
        refuse('validity-ended', `the certificate ran out at ${validUntil} while suspended`);
      return [
        { type: 'CertificateReinstated', data: { certificateNumber, note: command.note, by: actor, at } },
      ];
    }
    case 'RecordCredential': {
      requireRole(actor, ['admin'], 'record an issued credential');
      const c = command.credential;
      if (c.certificateNumber !== certificateNumber)
        refuse('credential-mismatch', `the credential is for ${c.certificateNumber}, not ${certificateNumber}`);
      // The credential must state exactly the validity on the record.
      if (Date.parse(c.validFrom) !== Date.parse(state.validFrom ?? '') || Date.parse(c.validUntil) !== Date.parse(validUntil))
        refuse(
          'credential-mismatch',
          `the credential is valid ${c.validFrom}..${c.validUntil}; the certificate ${state.validFrom}..${validUntil}`,
        );
      return [{ type: 'CredentialIssued', data: { ...c, by: actor, at } }];
    }
    case 'RevokeCertificate': {
      requireRole(actor, ['officer'], 'revoke a certificate');
      return [
        { type: 'CertificateRevoked', data: { certificateNumber, reason: command.reason, by: actor, at } },
      ];
    }
  }
}
