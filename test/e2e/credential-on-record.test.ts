import { createHash } from 'node:crypto';
import request from 'supertest';
import { rebuildProjections, certificatesProjection } from '@corridor/projections';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { getText } from '../api/http-text';

/**
 * What was issued is on the record: the signed credential is an event in the certificate's history,
 * served byte for byte; read-model edits, rebuilds and reference-data changes cannot alter it, and
 * verification notices a served credential that is not the recorded one.
 */
let h: Harness;
let life: Lifecycle;
let certificateNumber: string;

const served = async (): Promise<string> => {
  const res = await getText(h, `/certificates/${certificateNumber}/credential`);
  expect(res.status).toBe(200);
  return res.text;
};
const sha256 = (text: string): string => createHash('sha256').update(text, 'ascii').digest('hex');

beforeAll(async () => {
  h = await startHarness('on-record');
  life = new Lifecycle(h);
  const { applicationId: id } = await life.register('KZ-800001');
  await life.approve(id);
  await life.exemptFully(id);
  await life.result(id, await life.book(id), 88, 90);
  certificateNumber = (await life.grant(id)).body.certificateNumber as string;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('the issued credential is on the record', () => {
  it('records the signed credential as an event and serves exactly those bytes', async () => {
    const jws = await served();
    const events = await h.streamEvents(`certificate-${certificateNumber}`);
    const issued = events.filter((e) => e.type === 'CredentialIssued');
    expect(issued).toHaveLength(1);
    const data = issued[0]!.data as { jws: string; sha256: string; kid: string; credentialId: string };
    expect(data.jws).toBe(jws);
    expect(data.sha256).toBe(sha256(jws));
    expect(JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: data.kid });
  });

  it('a read-model change (titles from reference data) or a rebuild does not change what the holder holds', async () => {
    const before = await served();
    await h.db.query(`UPDATE certificates SET standard_title_en = 'Something Else', candidate_name = 'Mallory' WHERE certificate_number = $1`, [
      certificateNumber,
    ]);
    expect(await served()).toBe(before);
    await rebuildProjections({ store: h.store, db: h.db, projections: [certificatesProjection] });
    expect(await served()).toBe(before);
  });

  it('an auditor sees the credential issued and every status change since', async () => {
    await life.post(`/certificates/${certificateNumber}/suspension`, h.tokens.officerA, { reason: 'complaint under investigation' });
    await life.post(`/certificates/${certificateNumber}/reinstatement`, h.tokens.officerB, { note: 'unfounded' });
    const res = await request(h.http).get(`/audit/certificates/${certificateNumber}/record`).set(auth(h.tokens.auditor)).expect(200);
    const body = res.body as {
      credentials: { sha256: string; jws: string }[];
      history: { type: string; reason?: string }[];
      served: { sha256: string; matchesRecorded: boolean };
    };
    expect(body.credentials).toHaveLength(1);
    expect(body.credentials[0]!.jws).toBe(await served());
    expect(body.history.map((e) => e.type)).toEqual([
      'CertificateActivated',
      'CredentialIssued',
      'CertificateSuspended',
      'CertificateReinstated',
    ]);
    expect(body.history[2]).toMatchObject({ reason: 'complaint under investigation' });
    expect(body.served).toEqual({ sha256: body.credentials[0]!.sha256, matchesRecorded: true });
    await request(h.http).get(`/audit/certificates/${certificateNumber}/record`).set(auth(h.tokens.officerA)).expect(403);
  });

  it('verification reports a served credential that differs from the recorded one', async () => {
    const good = await request(h.http).get(`/verify/${certificateNumber}`).expect(200);
    expect(good.body).toMatchObject({ valid: true, recorded: { matches: true } });
    // Someone re-signs a doctored credential with the issuer's own key and swaps it into the read model.
    const { jws: other } = await (async () => {
      const otherNumber = await (async () => {
        const { applicationId: id } = await life.register('KZ-800002');
        await life.approve(id);
        await life.exemptFully(id);
        await life.result(id, await life.book(id), 99, 99);
        return (await life.grant(id)).body.certificateNumber as string;
      })();
      const rows = await h.db.query<{ credential_jws: string | null }>(`SELECT credential_jws FROM certificates WHERE certificate_number = $1`, [otherNumber]);
      for (let i = 0; i < 100 && !rows.rows[0]?.credential_jws; i++) {
        await new Promise((r) => setTimeout(r, 100));
        Object.assign(rows, await h.db.query(`SELECT credential_jws FROM certificates WHERE certificate_number = $1`, [otherNumber]));
      }
      return { jws: rows.rows[0]!.credential_jws! };
    })();
    await h.db.query(`UPDATE certificates SET credential_jws = $2 WHERE certificate_number = $1`, [certificateNumber, other]);
    const swapped = await request(h.http).get(`/verify/${certificateNumber}`).expect(200);
    expect(swapped.body.valid).toBe(false);
    expect(swapped.body.recorded.matches).toBe(false);
    expect((swapped.body.errors as string[]).join(' ')).toMatch(/differs from the one recorded/);
    const audit = await request(h.http).get(`/audit/certificates/${certificateNumber}/record`).set(auth(h.tokens.auditor)).expect(200);
    expect(audit.body.served.matchesRecorded).toBe(false);
  }, 60_000);
});
