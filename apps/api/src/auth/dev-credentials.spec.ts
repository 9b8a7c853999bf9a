import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { devSigningKey, jwksOf, writeDevCredentials, type DevCredentials } from './dev-credentials';
import { TokenVerifier } from './token-service';

const settings = { issuer: 'corridor', audience: 'corridor-api' };

describe('development tokens', () => {
  it('expire within the lifetime the API accepts, so the tokens `npm start` prints work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-dev-tokens-'));
    const key = await devSigningKey(dataDir);
    const file = await writeDevCredentials(dataDir, 'http://127.0.0.1:3000', key, settings, 3600);
    const { tokens } = JSON.parse(readFileSync(file, 'utf8')) as DevCredentials;
    const verifier = new TokenVerifier(jwksOf(key), { ...settings, maxLifetimeSeconds: 3600 });
    for (const token of Object.values(tokens)) {
      const { exp, iat } = decodeJwt(token);
      expect(exp! - iat!).toBeLessThanOrEqual(3600);
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: expect.any(String) });
    }
  });

  it('by default live no longer than the default AUTH_MAX_TOKEN_LIFETIME (12 h)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-dev-tokens-'));
    const file = await writeDevCredentials(dataDir, 'http://127.0.0.1:3000', await devSigningKey(dataDir), settings);
    const { tokens } = JSON.parse(readFileSync(file, 'utf8')) as DevCredentials;
    const { exp, iat } = decodeJwt(tokens.officerA);
    expect(exp! - iat!).toBeLessThanOrEqual(12 * 3600);
  });
});
