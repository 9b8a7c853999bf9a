import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicJwks, verifyCredentialFile } from '@corridor/credentials';
import { IssuerHarness } from './support/issuer-harness';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('verifyCredentialFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'corridor-verify-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies a credential file against a JWKS file and status list files, as of their download time', async () => {
    const issuer = new IssuerHarness();
    const { jws, slot } = await issuer.issue();
    issuer.lists.suspension.set(slot.index, true);
    const files = {
      credential: path.join(dir, 'credential.jwt'),
      jwks: path.join(dir, 'jwks.json'),
      revocation: path.join(dir, 'revocation.jwt'),
      suspension: path.join(dir, 'suspension.jwt'),
    };
    await writeFile(files.credential, `${jws}\n`);
    await writeFile(files.jwks, JSON.stringify(publicJwks(issuer.keyRing)));
    await writeFile(files.revocation, await issuer.publishedList('revocation'));
    await writeFile(files.suspension, await issuer.publishedList('suspension'));
    const downloaded = new Date('2026-01-14T07:00:00Z');
    await utimes(files.revocation, downloaded, downloaded);
    await utimes(files.suspension, downloaded, downloaded);

    const verdict = await verifyCredentialFile(files.credential, {
      jwksPath: files.jwks,
      statusListPaths: { revocation: files.revocation, suspension: files.suspension },
      now: NOW,
    });
    expect(verdict).toMatchObject({ valid: false, status: 'suspended', statusAsOf: downloaded.toISOString() });

    const withoutLists = await verifyCredentialFile(files.credential, { jwksPath: files.jwks, now: NOW });
    expect(withoutLists.status).toBe('valid');
  });

  it('explains what to do with a PDF and refuses to run without keys', async () => {
    const pdf = path.join(dir, 'certificate.pdf');
    await writeFile(pdf, '%PDF-1.3\n');
    await expect(verifyCredentialFile(pdf, { keys: { keys: [] } })).rejects.toThrow(/pdfdetach/);
    const jwt = path.join(dir, 'x.jwt');
    await writeFile(jwt, 'a.b.c');
    await expect(verifyCredentialFile(jwt, {})).rejects.toThrow(/keys or jwksPath/);
  });
});
