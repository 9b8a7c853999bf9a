import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { rawReferenceData } from '../../libs/domain/src/reference/data';
import { shippedReferenceData } from '@corridor/domain';
import { seedCommand } from '../../apps/cli/src/commands/seed.command';
import { seedReferenceData } from '../../apps/api/src/reference/reference-store';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth } from '../support/lifecycle';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('reference');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('reference data', () => {
  it('is seeded and served to stations: 27 service stations, 6 master workshops, 4 bases, 30+ standards, 47 countries', async () => {
    const counts = await seedReferenceData(h.db, shippedReferenceData());
    expect(counts).toMatchObject({ stations: 33, trainingBases: 4, countries: 47 });
    const stations = await request(h.http).get('/reference/stations').set(auth(h.tokens.station)).expect(200);
    const kinds = (stations.body.items as { kind: string }[]).map((s) => s.kind);
    expect(kinds.filter((k) => k === 'service-station')).toHaveLength(27);
    expect(kinds.filter((k) => k === 'master-workshop')).toHaveLength(6);
    const standards = await request(h.http)
      .get('/reference/standards')
      .set(auth(h.tokens.officerA))
      .expect(200);
    expect(standards.body.count).toBeGreaterThanOrEqual(30);
    await request(h.http).get('/reference/planets').set(auth(h.tokens.officerA)).expect(400);
  });

  it('refuses invalid reference data naming the record and field, storing nothing', async () => {
    const broken = structuredClone(rawReferenceData) as { stations: { countryCode: string }[] };
    broken.stations[3]!.countryCode = 'XX';
    const file = join(mkdtempSync(join(tmpdir(), 'corridor-seed-')), 'reference.json');
    writeFileSync(file, JSON.stringify(broken));
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await seedCommand(['--file', file])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/stations\[3\]\.countryCode/);
  });
});
