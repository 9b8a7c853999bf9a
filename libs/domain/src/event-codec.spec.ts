import { applicationEventSchemas } from './application/application.events';
import { sessionEventSchemas } from './assessment-session/session.events';
import { certificateEventSchemas } from './certificate/certificate.events';
import { domainEventCodec, eventDefinitions, InvalidEventError, UnknownEventTypeError } from './event-codec';

const at = '2026-03-01T08:00:00.000Z';
const applicationId = '3f2a6c1e-8b4d-4e0a-9c1b-2d3e4f5a6b7c';
const thinSliceRegistration = {
  applicationId,
  candidate: { id: 'KZ-000123', fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
  standardCode: 'BR-AUTO-EV',
  level: 'senior',
  stationId: 'ST-KZ-ALA',
  schemeVersion: 1,
  registeredBy: { id: 'station-kz', role: 'station', stationId: 'ST-KZ-ALA' },
  at,
};

describe('domain event codec', () => {
  it('registers every event of every aggregate, with no name used twice', () => {
    const names = [
      ...Object.keys(applicationEventSchemas),
      ...Object.keys(sessionEventSchemas),
      ...Object.keys(certificateEventSchemas),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(eventDefinitions).sort()).toEqual([...names].sort());
  });

  it('still reads a registration written by the thin slice, before the optional fields existed', () => {
    expect(domainEventCodec.decode('ApplicationRegistered', 1, thinSliceRegistration)).toEqual({
      type: 'ApplicationRegistered',
      data: thinSliceRegistration,
    });
  });

  it('encodes valid data at the current schema version', () => {
    const data = {
      certificateNumber: 'CN-2026-3F2A6C1E8B4D',
      reason: 'fraud',
      by: { id: 'officer-bob', role: 'officer' },
      at,
    };
    expect(domainEventCodec.encode('CertificateRevoked', data)).toEqual({ data, schemaVersion: 1 });
  });

  it('refuses invalid data naming the field', () => {
    expect(() =>
      domainEventCodec.encode('ReviewEscalated', {
        applicationId,
        by: { id: 'x', role: 'admin' },
        dueBy: 'tomorrow',
        at,
      }),
    ).toThrow(InvalidEventError);
    expect(() =>
      domainEventCodec.encode('ReviewEscalated', {
        applicationId,
        by: { id: 'x', role: 'admin' },
        dueBy: 'tomorrow',
        at,
      }),
    ).toThrow(/dueBy/);
  });

  it('refuses an unknown event type', () => {
    expect(() => domainEventCodec.encode('SomethingHappened', {})).toThrow(UnknownEventTypeError);
  });

  it('refuses data from a schema version it has no upcaster for', () => {
    expect(() => domainEventCodec.decode('SessionClosed', 0, {})).toThrow(
      /no upcaster from schema version 0/,
    );
  });

  it('refuses to write text with a NUL or a lone surrogate, yet still reads such an event stored earlier', () => {
    const poisoned = { ...thinSliceRegistration, candidate: { ...thinSliceRegistration.candidate, fullName: 'A\u0000B' } };
    expect(() => domainEventCodec.encode('ApplicationRegistered', poisoned)).toThrow(/candidate\.fullName: .*U\+0000/);
    const lone = { ...thinSliceRegistration, candidate: { ...thinSliceRegistration.candidate, fullName: 'x\ud800y' } };
    expect(() => domainEventCodec.encode('ApplicationRegistered', lone)).toThrow(InvalidEventError);
    expect(domainEventCodec.decode('ApplicationRegistered', 1, poisoned).data).toMatchObject({ candidate: { fullName: 'A\u0000B' } });
  });
});
