import {
  almaty,
  alice,
  applicationId,
  approve,
  auditor,
  ctx,
  day,
  given,
  rayong,
  register,
  t0,
  toRegistered,
} from './application.fixtures';
import { decideApplication, initialApplicationState } from './application.decider';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

describe('application registration', () => {
  it('given nothing, when a station registers its candidate, then ApplicationRegistered pins the scheme and the review due date', () => {
    const events = decideApplication(register(), initialApplicationState(), ctx);
    expect(events).toEqual([
      {
        type: 'ApplicationRegistered',
        data: {
          applicationId,
          candidate: { id: 'KZ-000123', fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
          standardCode: 'BR-AUTO-EV',
          level: 'senior',
          stationId: 'ST-KZ-ALA',
          schemeVersion: 1,
          registeredBy: almaty,
          at: t0,
          evidence: undefined,
          targetCountries: ['TH', 'MY'],
          reviewDueBy: day(10),
        },
      },
    ]);
  });

  it('then the state is registered, under review', () => {
    const state = given(toRegistered);
    expect(state).toMatchObject({
      status: 'registered',
      candidateId: 'KZ-000123',
      schemeVersion: 1,
      reviewDueBy: day(10),
      targetCountries: ['TH', 'MY'],
    });
  });

  it('without a context, takes the pinned scheme from the shipped reference data', () => {
    const [event] = decideApplication(register(), initialApplicationState());
    expect(event?.type === 'ApplicationRegistered' && event.data.reviewDueBy).toBe(day(10));
  });

  it('scales the review SLA with the duration configuration', () => {
    const [event] = decideApplication(register(), initialApplicationState(), {
      ...ctx,
      durationConfig: { scale: 1 / 86_400 },
    });
    expect(event?.type === 'ApplicationRegistered' && event.data.reviewDueBy).toBe(
      '2026-03-01T08:00:10.000Z',
    );
  });

  it('refuses a second registration', () => {
    expect(refusal(() => decideApplication(register(), given(toRegistered), ctx)).code).toBe(
      'already-registered',
    );
  });

  it('refuses any other command before registration', () => {
    expect(refusal(() => decideApplication(approve, initialApplicationState(), ctx)).code).toBe(
      'invalid-transition',
    );
  });

  it('refuses an auditor, and a station registering for another station', () => {
    expect(
      refusal(() => decideApplication(register({ actor: auditor }), initialApplicationState(), ctx)).code,
    ).toBe('forbidden');
    expect(
      refusal(() => decideApplication(register({ actor: rayong }), initialApplicationState(), ctx)).code,
    ).toBe('forbidden');
  });

  it('lets an officer register for any station', () => {
    expect(decideApplication(register({ actor: alice }), initialApplicationState(), ctx)).toHaveLength(1);
  });

  it('refuses a scheme that does not exist', () => {
    const err = refusal(() => decideApplication(register({ schemeVersion: 9 }), initialApplicationState()));
    expect(err.code).toBe('unknown-scheme');
    expect(err.message).toContain('BR-AUTO-EV senior v9');
    expect(
      refusal(() => decideApplication(register({ standardCode: 'BR-NOPE' }), initialApplicationState())).code,
    ).toBe('unknown-scheme');
  });

  it('refuses a supplied scheme other than the one the command pins', () => {
    const other = testScheme({ version: 2 });
    expect(
      refusal(() => decideApplication(register(), initialApplicationState(), { ...ctx, scheme: other })).code,
    ).toBe('scheme-mismatch');
  });

  it('refuses an unknown station and a station not accredited for the standard', () => {
    expect(
      refusal(() =>
        decideApplication(
          register({ actor: alice, stationId: 'ST-ZZ-NONE' }),
          initialApplicationState(),
          ctx,
        ),
      ).code,
    ).toBe('unknown-station');
    // Astana assesses AI, ICT and green standards, not new-energy vehicles.
    expect(
      refusal(() =>
        decideApplication(register({ actor: alice, stationId: 'ST-KZ-AST' }), initialApplicationState(), ctx),
      ).code,
    ).toBe('station-not-accredited');
  });

  it('refuses recognition targets that are not known countries', () => {
    expect(
      refusal(() =>
        decideApplication(register({ targetCountries: ['TH', 'ZZ'] }), initialApplicationState(), ctx),
      ).code,
    ).toBe('unknown-country');
  });
});
