import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import { applicationIdOf, requireStatus } from './application.guards';
import type { ApplicationState } from './application.state';
import type { Actor } from '../shared/actor';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { addSeconds, addYears } from '../shared/iso-time';

/** A certificate number derived from the application id, so a replayed decision yields the same number. */
export function certificateNumberFor(applicationId: string, at: string): string {
  return `CN-${at.slice(0, 4)}-${applicationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

/** ISO/IEC 17024: the person deciding took no part in reviewing or assessing this candidate. */
function requireFourEyes(actor: Actor, state: ApplicationState): void {
  if (state.reviewers.includes(actor.id))
    refuse('four-eyes', `officer ${actor.id} took part in the review and cannot also decide certification`);
  if (state.assessors.includes(actor.id))
    refuse(
      'four-eyes',
      `officer ${actor.id} took part in the assessment and cannot also decide certification`,
    );
}

export function decideCertification(
  command: ApplicationCommandOf<'DecideCertification' | 'DenyCertification'>,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  const applicationId = applicationIdOf(state);
  const { actor, at } = command;
  requireRole(actor, ['officer'], 'decide certification');
  requireStatus(state, ['assessed'], 'decide certification');
  requireFourEyes(actor, state);

  if (command.type === 'DenyCertification')
    return [{ type: 'CertificationDenied', data: { applicationId, by: actor, reason: command.reason, at } }];

  const pending = state.targetCountries.filter((c) => !state.recognition[c]);
  if (pending.length > 0)
    refuse('recognition-pending', `recognition not yet checked for ${pending.join(', ')}`);
  const { scheme } = ctx;
  if (command.validityYears !== scheme.certificate.validityYears)
    refuse(
      'scheme-mismatch',
      `the pinned scheme grants ${scheme.certificate.validityYears} year(s) of validity, not ${command.validityYears}`,
    );

  const recognition = state.targetCountries.map((countryCode) => {
    const r = state.recognition[countryCode];
    return {
      countryCode,
      outcome: r?.outcome ?? 'not-recognised',
      agreementId: r?.agreementId,
      agreementVersion: r?.agreementVersion,
    };
  });
  return [
    { type: 'CertificationGranted', data: { applicationId, by: actor, at, recognition } },
    {
      type: 'CertificateIssued',
      data: {
        applicationId,
        certificateNumber: certificateNumberFor(applicationId, at),
        validFrom: at,
        validUntil:
          ctx.validityOverrideSeconds !== undefined
            ? addSeconds(at, ctx.validityOverrideSeconds)
            : addYears(at, scheme.certificate.validityYears),
        at,
        candidateId: state.candidateId,
        standardCode: state.standardCode,
        level: state.level,
        schemeVersion: state.schemeVersion,
      },
    },
  ];
}
