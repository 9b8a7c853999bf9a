import { randomUUID } from 'node:crypto';
import { issueCredential, generateDevKeyRing, validateAgainstObSchema } from '@corridor/credentials';
import { openPGlite, type RecordedEvent, type SqlDatabase } from '@corridor/event-store';
import { CERTIFICATE_STATUS_LIST_SIZE, certificatesProjection, seededRandomIndex, SqlStatusIndexRepository } from '@corridor/projections';
import { CertificatesReadModel } from './certificates.read-model';
import { factsOf } from './credential.service';
import { issuerSettings } from './issuer-settings';
import { loadConfig } from '../config/corridor-config';

const officer = { id: 'officer-anna-petrova', role: 'officer' };
const station = { id: 'station-kz-almaty', role: 'station', stationId: 'ST-KZ-ALA' };

/** The events of one application up to its certificate, plus certificate lifecycle events. */
function history(applicationId: string, certificateNumber: string, candidateId: string): Array<{ type: string; data: object }> {
  const at = '2026-03-01T08:00:00.000Z';
  const result = (attempt: number, theory: number, practical: number, passed: boolean) => ({
    type: 'AssessmentResultRecorded',
    data: {
      applicationId,
      by: station,
      attempt,
      sessionId: randomUUID(),
      scores: { theory, practical },
      components: [
        { component: 'theory', score: theory, weight: 30, passMark: 60, passed: theory >= 60 },
        { component: 'practical', score: practical, weight: 70, passMark: 70, passed: practical >= 70 },
      ],
      weightedScore: (theory * 30 + practical * 70) / 100,
      overallPassMark: 70,
      passed,
      assessorIds: ['EXP-AUTO-001'],
      at,
    },
  });
  return [
    {
      type: 'ApplicationRegistered',
      data: {
        applicationId,
        candidate: { id: candidateId, fullName: 'Somchai Wongsakul', nationality: 'TH', language: 'th' },
        standardCode: 'BR-AUTO-EV',
        level: 'senior',
        schemeVersion: 1,
        registeredBy: station,
        at,
      },
    },
    result(1, 55, 90, false),
    result(2, 81.5, 92, true),
    {
      type: 'RecognitionChecked',
      data: {
        applicationId,
        by: officer,
        countryCode: 'TH',
        outcome: 'conditional',
        agreement: { id: 'MRA-TH-AUTO-EV', version: 1, partnerStandard: { code: 'TH-AUT-EV', name: 'Electric Vehicle Service Technician' }, unitOverlapPercent: 80 },
        conditionsMet: [],
        conditionsUnmet: [{ kind: 'top-up-module', moduleCode: 'TH-EV-REG', hours: 16, description: 'Thai EV regulations' }],
        at,
      },
    },
    {
      type: 'RecognitionChecked',
      data: {
        applicationId,
        by: officer,
        countryCode: 'KZ',
        outcome: 'recognised',
        agreement: { id: 'MRA-KZ-AUTO', version: 2, partnerStandard: { code: 'KZ-PS-7231', name: 'Auto mechanic' }, unitOverlapPercent: 90 },
        conditionsMet: [],
        conditionsUnmet: [],
        at,
      },
    },
    { type: 'RecognitionChecked', data: { applicationId, by: officer, countryCode: 'EG', outcome: 'not-recognised', reason: 'no-agreement', conditionsMet: [], conditionsUnmet: [], at } },
    { type: 'CertificationGranted', data: { applicationId, by: officer, at } },
    { type: 'CertificateIssued', data: { applicationId, certificateNumber, validFrom: at, validUntil: '2029-03-01T08:00:00.000Z', at } },
  ];
}

class Log {
  private position = 0;
  readonly events: RecordedEvent[] = [];
  add(stream: string, type: string, data: object): void {
    this.position++;
    this.events.push({
      id: `00000000-0000-4000-8000-${String(this.position).padStart(12, '0')}`,
      stream,
      version: this.position,
      position: this.position,
      type,
      schemaVersion: 1,
      data,
      metadata: {},
      recordedAt: new Date('2026-03-01T08:00:00.000Z'),
      hash: '',
      prevHash: null,
    });
  }
}

async function project(db: SqlDatabase, events: RecordedEvent[]): Promise<void> {
  await certificatesProjection.setup(db);
  for (const event of events) {
    if (certificatesProjection.filter?.types && !certificatesProjection.filter.types.includes(event.type)) continue;
    await db.transaction((tx) => certificatesProjection.apply(event, tx));
  }
}

async function dump(db: SqlDatabase): Promise<string> {
  const out: unknown[] = [];
  for (const [table, order] of [['certificates', 'certificate_number'], ['certificate_status_slots', 'list_id, status_index'], ['certificate_applications', 'application_id']]) {
    out.push((await db.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows);
  }
  return JSON.stringify(out);
}

const A = { app: '11111111-1111-4111-8111-111111111111', number: 'CN-2026-0123456789AB', candidate: 'TH-300001' };
const B = { app: '22222222-2222-4222-8222-222222222222', number: 'CN-2026-BA9876543210', candidate: 'TH-300002' };

function sampleLog(): Log {
  const log = new Log();
  for (const c of [A, B]) for (const e of history(c.app, c.number, c.candidate)) log.add(`application-${c.app}`, e.type, e.data);
  const cert = (type: string, extra: object) => log.add(`certificate-${A.number}`, type, { certificateNumber: A.number, by: officer, at: '2026-04-01T00:00:00.000Z', ...extra });
  cert('CertificateSuspended', { reason: 'complaint' });
  cert('CertificateRevoked', { reason: 'fraud' });
  cert('CertificateReinstated', { note: 'too late: revocation is final' });
  return log;
}

describe('certificates projection (PGlite)', () => {
  const open: SqlDatabase[] = [];
  const fresh = async () => {
    const db = await openPGlite();
    open.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of open) await db.close();
  });

  it('keeps one row per certificate with the last passed attempt, agreement-backed recognitions and a slot', async () => {
    const db = await fresh();
    await project(db, sampleLog().events);
    const readModel = new CertificatesReadModel(db);
    const b = await readModel.get(B.number);
    expect(b).toMatchObject({
      certificateNumber: B.number,
      applicationId: B.app,
      candidate: { id: B.candidate, fullName: 'Somchai Wongsakul', nationality: 'TH', language: 'th' },
      standard: { code: 'BR-AUTO-EV', iscoCode: '7231' },
      level: 'senior',
      status: 'active',
      results: [
        { component: 'theory', score: 81.5, passMark: 60, weight: 0.3 },
        { component: 'practical', score: 92, passMark: 70, weight: 0.7 },
      ],
      recognitions: [
        { country: 'KZ', standardCode: 'KZ-PS-7231', agreementVersion: '2', status: 'recognised' },
        { country: 'TH', standardCode: 'TH-AUT-EV', agreementVersion: '1', status: 'conditional', conditions: ['top-up module TH-EV-REG (16 h): Thai EV regulations'] },
      ],
      validFrom: '2026-03-01T08:00:00.000Z',
      validUntil: '2029-03-01T08:00:00.000Z',
    });
    expect(b!.credentialId).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b!.statusSlot.listId).toBe('1');
    expect(b!.statusSlot.index).toBeGreaterThanOrEqual(0);
    expect(b!.statusSlot.index).toBeLessThan(CERTIFICATE_STATUS_LIST_SIZE);

    // Revocation is final: the reinstatement after it changes nothing.
    const a = await readModel.get(A.number);
    expect(a).toMatchObject({ status: 'revoked', statusReason: 'fraud', statusChangedAt: '2026-04-01T00:00:00.000Z' });
    expect(a!.statusSlot).not.toEqual(b!.statusSlot);
    expect(await readModel.indexesWithStatus('1', 'revoked')).toEqual([a!.statusSlot.index]);
    expect(await readModel.indexesWithStatus('1', 'suspended')).toEqual([]);

    const issued = await issueCredential(factsOf(b!), {
      config: issuerSettings(loadConfig({})),
      keyRing: generateDevKeyRing(),
      statusSlot: b!.statusSlot,
      credentialId: b!.credentialId,
      salt: b!.identitySalt,
    });
    expect(validateAgainstObSchema(issued.credential)).toEqual({ valid: true, errors: [] });
    expect(issued.credential.credentialSubject.achievement.alignment.map((al) => al.targetCode)).toEqual(['7231', 'KZ-PS-7231']);
  });

  it('gives identical tables when the same log is projected again', async () => {
    const log = sampleLog();
    const [first, second] = [await fresh(), await fresh()];
    await project(first, log.events);
    await project(second, log.events);
    expect(await dump(second)).toBe(await dump(first));
  });

  it('claims a slot once, through the unique key, and draws the same indexes from the same seed', async () => {
    const db = await fresh();
    await certificatesProjection.setup(db);
    const repository = new SqlStatusIndexRepository(db);
    expect(await repository.claim({ listId: '1', index: 7 }, 'urn:a')).toBe(true);
    expect(await repository.claim({ listId: '1', index: 7 }, 'urn:b')).toBe(false);
    expect(await repository.claim({ listId: '1', index: 8 }, 'urn:a')).toBe(false);
    expect(await repository.findByCredential('urn:a')).toEqual({ listId: '1', index: 7 });
    expect(await repository.usedCount('1')).toBe(1);

    const draw = (seed: string) => {
      const random = seededRandomIndex(seed);
      return Array.from({ length: 5 }, () => random(CERTIFICATE_STATUS_LIST_SIZE));
    };
    expect(draw('CN-2026-0123456789AB#1')).toEqual(draw('CN-2026-0123456789AB#1'));
    expect(draw('CN-2026-0123456789AB#1')).not.toEqual(draw('CN-2026-BA9876543210#1'));
    for (const i of draw('x')) expect(i).toBeLessThan(CERTIFICATE_STATUS_LIST_SIZE);
  });
});
