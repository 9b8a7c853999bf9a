import type { CertificateCommand, CertificateCommandOf } from './certificate.commands';
import {
  decideCertificate,
  evolveCertificate,
  initialCertificateState,
  replayCertificate,
  type CertificateState,
} from './certificate.decider';
import type { CertificateEvent } from './certificate.events';
import type { Actor } from '../shared/actor';
import { addSeconds } from '../shared/iso-time';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

const DAY = 86_400;
const certificateNumber = 'CN-2026-3F2A6C1E8B4D';
const issuedAt = '2026-04-25T08:00:00.000Z';
const expiry = '2029-04-25T08:00:00.000Z';
const beforeExpiry = (days: number): string => addSeconds(expiry, -days * DAY);
const afterExpiry = (days: number): string => addSeconds(expiry, days * DAY);

const officer: Actor = { id: 'officer-bob', role: 'officer' };
const timer: Actor = { id: 'system:timer', role: 'admin' };
const station: Actor = { id: 'station-kz-ala', role: 'station', stationId: 'ST-KZ-ALA' };

// validity 3 years; renewal needs 240 h; reminder 90 days ahead; renewal from 180 days before to 90 days after expiry
const ctx = { scheme: testScheme() };

const activate: CertificateCommandOf<'ActivateCertificate'> = {
  type: 'ActivateCertificate',
  certificateNumber,
  applicationId: '3f2a6c1e-8b4d-4e0a-9c1b-2d3e4f5a6b7c',
  candidateId: 'KZ-000123',
  standardCode: 'BR-AUTO-EV',
  level: 'senior',
  schemeVersion: 1,
  validFrom: issuedAt,
  validUntil: expiry,
  actor: timer,
  at: issuedAt,
};
const remind = (at: string): CertificateCommand => ({ type: 'SendRenewalReminder', actor: timer, at });
const expire = (at: string): CertificateCommand => ({ type: 'ExpireCertificate', actor: timer, at });
const renew = (at: string, hours = 300): CertificateCommandOf<'RenewCertificate'> => ({
  type: 'RenewCertificate',
  continuingPracticeHours: hours,
  actor: officer,
  at,
});
const suspend = (at = '2027-01-10T00:00:00.000Z'): CertificateCommandOf<'SuspendCertificate'> => ({
  type: 'SuspendCertificate',
  reason: 'complaint under investigation',
  actor: officer,
  at,
});
const reinstate = (at = '2027-02-10T00:00:00.000Z'): CertificateCommandOf<'ReinstateCertificate'> => ({
  type: 'ReinstateCertificate',
  note: 'complaint unfounded',
  actor: officer,
  at,
});
const revoke = (at = '2027-03-01T00:00:00.000Z'): CertificateCommandOf<'RevokeCertificate'> => ({
  type: 'RevokeCertificate',
  reason: 'certificate obtained by fraud',
  actor: officer,
  at,
});

function run(commands: CertificateCommand[]): { state: CertificateState; events: CertificateEvent[] } {
  let state = initialCertificateState();
  const events: CertificateEvent[] = [];
  for (const c of commands)
    for (const e of decideCertificate(c, state, ctx)) {
      events.push(e);
      state = evolveCertificate(state, e);
    }
  return { state, events };
}
const given = (commands: CertificateCommand[]): CertificateState => run(commands).state;
const active = [activate];

describe('certificate: activation', () => {
  it('when the issued certificate is activated, then CertificateActivated fixes the renewal terms', () => {
    expect(decideCertificate(activate, initialCertificateState(), ctx)).toEqual([
      {
        type: 'CertificateActivated',
        data: {
          certificateNumber,
          applicationId: activate.applicationId,
          candidateId: 'KZ-000123',
          standardCode: 'BR-AUTO-EV',
          level: 'senior',
          schemeVersion: 1,
          validFrom: issuedAt,
          validUntil: expiry,
          terms: {
            validityYears: 3,
            continuingPracticeHours: 240,
            reminderLeadSeconds: 90 * DAY,
            renewalWindowSeconds: 180 * DAY,
            renewalGraceSeconds: 90 * DAY,
          },
          by: timer,
          at: issuedAt,
        },
      },
    ]);
    expect(given(active)).toMatchObject({ status: 'active', validUntil: expiry });
  });

  it('takes durations from configuration and the scheme from shipped data by default', () => {
    const [event] = decideCertificate(activate, initialCertificateState(), {
      durationConfig: { scale: 1 / DAY },
    });
    expect(event?.type === 'CertificateActivated' && event.data.terms.reminderLeadSeconds).toBeCloseTo(90);
  });

  it('refuses a second activation, an unknown or mismatched scheme, inverted validity and a station', () => {
    expect(refusal(() => decideCertificate(activate, given(active), ctx)).code).toBe('already-activated');
    expect(
      refusal(() => decideCertificate({ ...activate, schemeVersion: 9 }, initialCertificateState())).code,
    ).toBe('unknown-scheme');
    expect(
      refusal(() => decideCertificate({ ...activate, level: 'junior' }, initialCertificateState(), ctx)).code,
    ).toBe('scheme-mismatch');
    expect(
      refusal(() => decideCertificate({ ...activate, validUntil: issuedAt }, initialCertificateState(), ctx))
        .code,
    ).toBe('invalid-validity');
    expect(
      refusal(() => decideCertificate({ ...activate, actor: station }, initialCertificateState(), ctx)).code,
    ).toBe('forbidden');
  });

  it('refuses anything else before activation', () => {
    expect(refusal(() => decideCertificate(suspend(), initialCertificateState(), ctx)).code).toBe(
      'invalid-transition',
    );
  });
});

describe('certificate: reminder and expiry', () => {
  it('when the reminder lead is reached, then RenewalReminderSent once per validity period', () => {
    const { state, events } = run([...active, remind(beforeExpiry(90))]);
    expect(events.at(-1)).toEqual({
      type: 'RenewalReminderSent',
      data: { certificateNumber, validUntil: expiry, by: timer, at: beforeExpiry(90) },
    });
    expect(refusal(() => decideCertificate(remind(beforeExpiry(10)), state, ctx)).code).toBe(
      'reminder-already-sent',
    );
  });

  it('refuses a reminder from a station', () => {
    expect(
      refusal(() => decideCertificate({ ...remind(beforeExpiry(30)), actor: station }, given(active), ctx))
        .code,
    ).toBe('forbidden');
  });

  it('refuses a reminder too early, after the end of validity, or for a suspended certificate', () => {
    expect(refusal(() => decideCertificate(remind(beforeExpiry(91)), given(active), ctx)).code).toBe(
      'too-early',
    );
    expect(refusal(() => decideCertificate(remind(expiry), given(active), ctx)).code).toBe('validity-ended');
    expect(
      refusal(() => decideCertificate(remind(beforeExpiry(30)), given([...active, suspend()]), ctx)).code,
    ).toBe('invalid-transition');
  });

  it('when validity ends, then CertificateExpired', () => {
    const { state, events } = run([...active, remind(beforeExpiry(90)), expire(expiry)]);
    expect(events.at(-1)).toEqual({
      type: 'CertificateExpired',
      data: { certificateNumber, validUntil: expiry, by: timer, at: expiry },
    });
    expect(state.status).toBe('expired');
    expect(refusal(() => decideCertificate(expire(afterExpiry(1)), state, ctx)).code).toBe(
      'invalid-transition',
    );
  });

  it('expires a suspended certificate too', () => {
    expect(run([...active, suspend(), expire(expiry)]).state.status).toBe('expired');
  });

  it('refuses expiry before the end of validity and by a station', () => {
    expect(refusal(() => decideCertificate(expire(beforeExpiry(1)), given(active), ctx)).code).toBe(
      'not-yet-expired',
    );
    expect(
      refusal(() => decideCertificate({ ...expire(expiry), actor: station }, given(active), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('certificate: renewal', () => {
  it('when renewed inside the window with enough practice, then the new period follows on from the old', () => {
    const { state, events } = run([...active, remind(beforeExpiry(90)), renew(beforeExpiry(60))]);
    expect(events.at(-1)).toEqual({
      type: 'CertificateRenewed',
      data: {
        certificateNumber,
        previousValidUntil: expiry,
        validUntil: '2032-04-25T08:00:00.000Z',
        continuingPracticeHours: 300,
        by: officer,
        at: beforeExpiry(60),
      },
    });
    expect(state).toMatchObject({ status: 'active', validUntil: '2032-04-25T08:00:00.000Z', renewals: 1 });
    // A new period gets its own reminder.
    expect(decideCertificate(remind('2032-02-01T00:00:00.000Z'), state, ctx)[0]?.type).toBe(
      'RenewalReminderSent',
    );
  });

  it('renews an expired certificate within the grace period', () => {
    const { state } = run([...active, expire(expiry), renew(afterExpiry(90))]);
    expect(state).toMatchObject({ status: 'active', validUntil: '2032-04-25T08:00:00.000Z' });
  });

  it('refuses renewal before the window, after the grace period, or without enough practice', () => {
    expect(refusal(() => decideCertificate(renew(beforeExpiry(181)), given(active), ctx)).code).toBe(
      'too-early',
    );
    expect(
      refusal(() => decideCertificate(renew(afterExpiry(91)), given([...active, expire(expiry)]), ctx)).code,
    ).toBe('renewal-grace-passed');
    const err = refusal(() => decideCertificate(renew(beforeExpiry(60), 239), given(active), ctx));
    expect(err.code).toBe('renewal-requirements-unmet');
    expect(err.message).toContain('239 hour(s) of continuing practice; the scheme requires 240');
  });

  it('refuses renewing a suspended certificate, and renewal by the timer', () => {
    expect(
      refusal(() => decideCertificate(renew(beforeExpiry(60)), given([...active, suspend()]), ctx)).code,
    ).toBe('suspended');
    expect(
      refusal(() => decideCertificate({ ...renew(beforeExpiry(60)), actor: timer }, given(active), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('certificate: suspension and reinstatement', () => {
  it('when suspended, then CertificateSuspended; when reinstated, then active again', () => {
    const { state, events } = run([...active, suspend(), reinstate()]);
    expect(events.slice(1)).toEqual([
      {
        type: 'CertificateSuspended',
        data: {
          certificateNumber,
          reason: 'complaint under investigation',
          by: officer,
          at: '2027-01-10T00:00:00.000Z',
        },
      },
      {
        type: 'CertificateReinstated',
        data: { certificateNumber, note: 'complaint unfounded', by: officer, at: '2027-02-10T00:00:00.000Z' },
      },
    ]);
    expect(state).toMatchObject({ status: 'active', suspensionReason: undefined });
    expect(replayCertificate(events)).toEqual(state);
  });

  it('refuses suspending twice, suspending an expired certificate, and a station suspending', () => {
    expect(refusal(() => decideCertificate(suspend(), given([...active, suspend()]), ctx)).code).toBe(
      'already-suspended',
    );
    expect(
      refusal(() => decideCertificate(suspend(afterExpiry(1)), given([...active, expire(expiry)]), ctx)).code,
    ).toBe('invalid-transition');
    expect(refusal(() => decideCertificate({ ...suspend(), actor: station }, given(active), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('refuses reinstating what is not suspended, or after validity ran out while suspended', () => {
    expect(refusal(() => decideCertificate(reinstate(), given(active), ctx)).code).toBe('not-suspended');
    expect(refusal(() => decideCertificate(reinstate(expiry), given([...active, suspend()]), ctx)).code).toBe(
      'validity-ended',
    );
    const suspended = given([...active, suspend()]);
    expect(refusal(() => decideCertificate({ ...reinstate(), actor: station }, suspended, ctx)).code).toBe(
      'forbidden',
    );
  });
});

describe('certificate: revocation', () => {
  it.each([
    ['active', active],
    ['suspended', [...active, suspend()]],
    ['expired', [...active, expire(expiry)]],
  ] as const)('when a %s certificate is revoked, then CertificateRevoked', (_status, history) => {
    const { state, events } = run([...history, revoke(afterExpiry(5))]);
    expect(events.at(-1)).toEqual({
      type: 'CertificateRevoked',
      data: { certificateNumber, reason: 'certificate obtained by fraud', by: officer, at: afterExpiry(5) },
    });
    expect(state).toMatchObject({ status: 'revoked', revocationReason: 'certificate obtained by fraud' });
  });

  it('then every later command is refused', () => {
    const revoked = given([...active, revoke()]);
    const later: CertificateCommand[] = [
      activate,
      remind(beforeExpiry(30)),
      expire(expiry),
      renew(beforeExpiry(30)),
      suspend(),
      reinstate(),
      revoke(),
    ];
    for (const command of later)
      expect(refusal(() => decideCertificate(command, revoked, ctx)).code).toBe('revoked');
  });

  it('refuses revocation by a station', () => {
    expect(refusal(() => decideCertificate({ ...revoke(), actor: station }, given(active), ctx)).code).toBe(
      'forbidden',
    );
  });
});
