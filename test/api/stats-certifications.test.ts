import request from 'supertest';
import { API_RUNTIME, type ApiRuntime } from '../../apps/api/src/runtime';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('stats');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const stats = (query: string, token = h.tokens.auditor) => request(h.http).get(`/statistics/certifications${query}`).set(auth(token));

async function certify(candidateId: string, nationality: string): Promise<string> {
  const { applicationId: id } = await life.register(candidateId, {
    candidate: { id: candidateId, fullName: 'Aigerim Sadykova', nationality, language: 'kk' },
  });
  await life.approve(id);
  await life.exemptFully(id);
  const sessionId = await life.book(id);
  await life.result(id, sessionId, 82, 88);
  const granted = await life.grant(id);
  expect(granted.body.status).toBe('certified');
  return id;
}

describe('GET /statistics/certifications', () => {
  it('counts issued certificates by country, standard, station and year; open applications do not count', async () => {
    const empty = await stats('?groupBy=country');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ groupBy: 'country', total: 0, items: [] });

    await certify('KZ-700001', 'KZ');
    await certify('UZ-700002', 'UZ');
    const open = await life.register('KZ-700003');
    await life.approve(open.applicationId);

    const year = new Date().getUTCFullYear();
    const byCountry = await stats('?groupBy=country');
    expect(byCountry.status).toBe(200);
    expect(byCountry.body).toEqual({ groupBy: 'country', total: 2, items: [{ key: 'KZ', certified: 1 }, { key: 'UZ', certified: 1 }] });
    expect((await stats('?groupBy=standard', h.tokens.officerA)).body).toEqual({ groupBy: 'standard', total: 2, items: [{ key: 'BR-AUTO-MECH', certified: 2 }] });
    expect((await stats('?groupBy=station')).body).toEqual({ groupBy: 'station', total: 2, items: [{ key: 'ST-KZ-ALA', certified: 2 }] });
    expect((await stats('?groupBy=year', h.tokens.admin)).body).toEqual({ groupBy: 'year', total: 2, items: [{ key: year, certified: 2 }] });
    // Filters narrow what is counted.
    expect((await stats('?groupBy=year&country=UZ')).body).toEqual({ groupBy: 'year', total: 1, items: [{ key: year, certified: 1 }] });
    expect((await stats(`?groupBy=country&year=${year - 1}`)).body).toEqual({ groupBy: 'country', total: 0, items: [] });

    // The projection is checkpointed and rebuildable: the same counts from position 0.
    const rows = async () => (await h.db.query('SELECT * FROM certification_stats ORDER BY nationality')).rows;
    const before = await rows();
    expect(before).toHaveLength(2);
    await h.app.get<ApiRuntime>(API_RUNTIME).projector.rebuild('certification_stats');
    expect(await rows()).toEqual(before);
  });

  it('answers 400 problem+json for a missing or unknown groupBy and for unknown parameters', async () => {
    for (const query of ['', '?groupBy=colour', '?groupBy=country&colour=red', '?groupBy=year&year=abc']) {
      const res = await stats(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const bad = await stats('?groupBy=colour');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'groupBy' })]);
  });

  it('is for officers and auditors: stations get 403, anonymous callers 401', async () => {
    expect((await stats('?groupBy=country', h.tokens.station)).status).toBe(403);
    expect((await request(h.http).get('/statistics/certifications?groupBy=country')).status).toBe(401);
  });
});
