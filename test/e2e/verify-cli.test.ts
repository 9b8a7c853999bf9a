import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { startHarness, type Harness } from '../support/corridor-harness';
import { Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
const dir = mkdtempSync(join(tmpdir(), 'corridor-verify-'));
beforeAll(async () => {
  h = await startHarness('verifycli');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function run(
  args: string[],
): Promise<{ code: number; verdict: { valid: boolean; status: string; statusAsOf?: string } }> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    const code = await verifyCommand(args);
    return { code, verdict: JSON.parse(lines.join('\n')) as { valid: boolean; status: string } };
  } finally {
    spy.mockRestore();
  }
}

const text = async (path: string): Promise<string> =>
  (
    await request(h.http)
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      })
  ).body as string;

describe('corridor verify (offline)', () => {
  it('says valid for an issued credential, revoked with a cached status list, invalid when tampered', async () => {
    const { applicationId } = await life.register('KZ-500001');
    await life.approve(applicationId);
    await life.exemptFully(applicationId);
    await life.result(applicationId, await life.book(applicationId), 90, 90);
    const number = (await life.grant(applicationId)).body.certificateNumber as string;

    const jws = await text(`/certificates/${number}/credential`);
    const credentialFile = join(dir, 'credential.jwt');
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(credentialFile, jws);
    writeFileSync(jwksFile, await text('/.well-known/jwks.json'));

    const valid = await run([credentialFile, '--jwks', jwksFile]);
    expect(valid).toMatchObject({ code: 0, verdict: { valid: true, status: 'valid' } });

    const tampered = join(dir, 'tampered.jwt');
    const i = Math.floor(jws.length / 2);
    writeFileSync(tampered, jws.slice(0, i) + (jws[i] === 'A' ? 'B' : 'A') + jws.slice(i + 1));
    expect((await run([tampered, '--jwks', jwksFile])).code).toBe(1);

    await life.post(`/certificates/${number}/revocation`, h.tokens.officerA, { reason: 'fraud' });
    const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as {
      credentialStatus: { statusListCredential: string };
    };
    const listPath = new URL(payload.credentialStatus.statusListCredential).pathname;
    const listFile = join(dir, 'revocation.jwt');
    writeFileSync(listFile, await text(listPath));
    const revoked = await run([credentialFile, '--jwks', jwksFile, '--revocation-list', listFile]);
    expect(revoked.code).toBe(1);
    expect(revoked.verdict.status).toBe('revoked');
    expect(revoked.verdict.statusAsOf).toBeTruthy();
  }, 60_000);

  it('refuses to run without keys (exit code 2)', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await verifyCommand([join(dir, 'nothing.jwt')])).toBe(2);
    spy.mockRestore();
  });
});
