import request from 'supertest';
import { apiKeyHash } from '../../apps/api/src/auth/api-keys/api-key-verifier';
import { stationApiKeysFrom } from '../../apps/api/src/auth/api-keys/api-key-config';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, evidence } from '../support/lifecycle';

const ALMATY_KEY = 'ck_live_almaty_9f2c1e7a4b6d8e0f1a2b3c4d5e6f7a8b';
const BANGKOK_KEY = 'ck_live_bangkok_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d';

let h: Harness;
beforeAll(async () => {
  // Only the hashes are configured.
  process.env.STATION_API_KEYS = JSON.stringify([
    { id: 'almaty-1', stationId: 'ST-KZ-ALA', sha256: apiKeyHash(ALMATY_KEY) },
    { id: 'bangkok-1', stationId: 'ST-TH-BKK', sha256: apiKeyHash(BANGKOK_KEY) },
  ]);
  h = await startHarness('apikeys');
}, 120_000);
afterAll(async () => {
  await h?.close();
  delete process.env.STATION_API_KEYS;
});

const key = (k: string) => ({ 'x-api-key': k });
const registration = (candidateId: string) => ({
  candidate: { id: candidateId, fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
  standardCode: 'BR-AUTO-MECH',
  level: 'senior',
  evidence,
});

describe('X-Api-Key for station systems', () => {
  let applicationId: string;

  it('registers an application for the key’s own station, recorded as the key’s principal', async () => {
    const res = await request(h.http).post('/applications').set(key(ALMATY_KEY)).send(registration('KZ-800001'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stationId: 'ST-KZ-ALA', status: 'registered' });
    applicationId = res.body.applicationId;
    const [registered] = await h.streamEvents(`application-${applicationId}`);
    expect(registered!.data).toMatchObject({ registeredBy: { id: 'apikey:almaty-1', role: 'station', stationId: 'ST-KZ-ALA' } });

    const own = await request(h.http).get(`/applications/${applicationId}`).set(key(ALMATY_KEY));
    expect(own.status).toBe(200);
    const list = await request(h.http).get('/applications').set(key(ALMATY_KEY));
    expect((list.body.items as { applicationId: string }[]).map((i) => i.applicationId)).toEqual([applicationId]);
  });

  it('refuses a registration for another station with 403', async () => {
    const res = await request(h.http).post('/applications').set(key(ALMATY_KEY)).send({ ...registration('KZ-800002'), stationId: 'ST-TH-BKK' });
    expect(res.status).toBe(403);
  });

  it('answers 401 problem+json for a wrong, empty or doubled key, or a key sent with a bearer token', async () => {
    for (const headers of [key('ck_live_almaty_wrong'), key(ALMATY_KEY.slice(0, -1)), key(''), key('x'.repeat(5000)), { ...key(ALMATY_KEY), ...auth(h.tokens.station) }]) {
      const res = await request(h.http).get('/applications').set(headers);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('hides another station’s application: 404 on read and on commands', async () => {
    expect((await request(h.http).get(`/applications/${applicationId}`).set(key(BANGKOK_KEY))).status).toBe(404);
    const book = await request(h.http)
      .post(`/applications/${applicationId}/training/enrolment`)
      .set(key(BANGKOK_KEY))
      .send({ providerId: 'TP-001' });
    expect(book.status).toBe(404);
    const list = await request(h.http).get('/applications').set(key(BANGKOK_KEY));
    expect(list.body.items).toEqual([]);
    expect(await h.streamEvents(`application-${applicationId}`)).toHaveLength(1);
  });

  it('gives a station key the station role only: officer routes answer 403', async () => {
    const res = await request(h.http).post(`/applications/${applicationId}/eligibility-approval`).set(key(ALMATY_KEY)).send({});
    expect(res.status).toBe(403);
  });

  it('validates STATION_API_KEYS: hashes only, unique ids', () => {
    expect(stationApiKeysFrom({})).toEqual([]);
    expect(() => stationApiKeysFrom({ STATION_API_KEYS: '[{"id":"a","stationId":"S","sha256":"plain-key"}]' })).toThrow(/sha256/);
    const twice = JSON.stringify([1, 2].map(() => ({ id: 'a', stationId: 'S', sha256: apiKeyHash('k') })));
    expect(() => stationApiKeysFrom({ STATION_API_KEYS: twice })).toThrow(/duplicate key id a/);
    expect(() => stationApiKeysFrom({ STATION_API_KEYS: '{' })).toThrow(/not valid JSON/);
  });
});
