import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BitstringStatusList,
  generateDevKeyRing,
  InMemoryStatusIndexRepository,
  issueCredential,
  publicJwks,
  reserveStatusSlot,
  statusListCredential,
  type IssuerConfig,
  type KeyRing,
} from '@corridor/credentials';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { sampleFacts, TEST_ISSUER } from './support/fixtures';

/** An issuer on 127.0.0.1: its JWKS and status lists served over HTTP, every request recorded. */
class TinyIssuer {
  readonly requests: string[] = [];
  readonly keyRing: KeyRing = generateDevKeyRing();
  private server!: Server;
  config!: IssuerConfig;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      void this.serve(req.url ?? '').then((body) => {
        res.writeHead(body === undefined ? 404 : 200).end(body ?? '');
      });
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.config = { ...TEST_ISSUER, issuerId: `${base}/issuer`, url: base, publicBaseUrl: base, statusListBaseUrl: `${base}/status` };
    return this;
  }

  get jwksUrl(): string {
    return `${this.config.publicBaseUrl}/.well-known/jwks.json`;
  }

  private async serve(path: string): Promise<string | undefined> {
    if (path === '/.well-known/jwks.json') return JSON.stringify(publicJwks(this.keyRing));
    const purpose = /^\/status\/(revocation|suspension)\/L1$/.exec(path)?.[1] as 'revocation' | 'suspension' | undefined;
    if (!purpose) return undefined;
    const list = new BitstringStatusList();
    return (await statusListCredential({ config: this.config, keyRing: this.keyRing, purpose, listId: 'L1', list, validFrom: '2025-06-01T00:00:00Z' })).jws;
  }

  /** A credential naming `config` as its issuer, signed with this issuer's key. */
  async issue(config: IssuerConfig = this.config): Promise<string> {
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const statusSlot = await reserveStatusSlot(new InMemoryStatusIndexRepository(), { listId: 'L1', credentialId });
    return (await issueCredential(sampleFacts(), { config, keyRing: this.keyRing, statusSlot, credentialId })).jws;
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'corridor-trust-'));
let attacker: TinyIssuer;
let centre: TinyIssuer;
let trustFile: string;

beforeAll(async () => {
  attacker = await new TinyIssuer().start();
  centre = await new TinyIssuer().start();
  trustFile = join(dir, 'trusted-issuers.json');
  writeFileSync(trustFile, JSON.stringify({ [centre.config.issuerId]: centre.jwksUrl }));
});
afterAll(async () => {
  await attacker?.close();
  await centre?.close();
  delete process.env.CORRIDOR_TRUSTED_ISSUERS;
});

function save(name: string, jws: string): string {
  const file = join(dir, name);
  writeFileSync(file, jws);
  return file;
}

async function run(args: string[]): Promise<{ code: number; verdict: { valid: boolean; status: string; errors: string[] }; output: string }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    const code = await verifyCommand(args);
    return { code, verdict: JSON.parse(lines.join('\n')) as { valid: boolean; status: string; errors: string[] }, output: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

describe('corridor verify --online trusts only configured issuers', () => {
  it('reports a forged credential pointing at its own key server as "issuer-not-trusted" (exit 1), fetching nothing from it', async () => {
    const forged = save('forged.jwt', await attacker.issue());
    attacker.requests.length = 0;

    const withoutList = await run([forged, '--online']);
    expect(withoutList.code).toBe(1);
    expect(withoutList.verdict).toMatchObject({ valid: false, status: 'issuer-not-trusted' });

    const withList = await run([forged, '--online', '--trust', trustFile]);
    expect(withList.code).toBe(1);
    expect(withList.verdict.status).toBe('issuer-not-trusted');
    expect(withList.verdict.errors).toEqual([`issuer: ${attacker.config.issuerId} is not on the trust list (add it with --trust <file> or CORRIDOR_TRUSTED_ISSUERS)`]);
    expect(attacker.requests).toEqual([]);
    process.stdout.write(`\nforged issuer, corridor verify --online --trust:\n${withList.output}\n`);
  });

  it('says valid for the trusted issuer, with its keys and status lists fetched online', async () => {
    const genuine = save('genuine.jwt', await centre.issue());
    const res = await run([genuine, '--online', '--trust', trustFile]);
    expect(res).toMatchObject({ code: 0, verdict: { valid: true, status: 'valid' } });
    expect(centre.requests).toEqual(expect.arrayContaining(['/.well-known/jwks.json', '/status/revocation/L1', '/status/suspension/L1']));
  });

  it('fails the signature of a credential that names the trusted issuer but was signed by another key', async () => {
    // Its status list URLs point at the attacker's server: they must not even be fetched.
    const impostor = save('impostor.jwt', await attacker.issue({ ...centre.config, statusListBaseUrl: `${attacker.config.publicBaseUrl}/status` }));
    attacker.requests.length = 0;
    const res = await run([impostor, '--online', '--trust', trustFile]);
    expect(res.code).toBe(1);
    expect(res.verdict.status).toBe('invalid-signature');
    expect(attacker.requests).toEqual([]);
  });

  it('takes the trust list from CORRIDOR_TRUSTED_ISSUERS, with a JWKS file verifying offline', async () => {
    const jwksFile = save('centre-jwks.json', JSON.stringify(publicJwks(centre.keyRing)));
    process.env.CORRIDOR_TRUSTED_ISSUERS = JSON.stringify({ [centre.config.issuerId]: jwksFile });
    const requestsBefore = centre.requests.length;
    expect(await run([save('offline.jwt', await centre.issue())])).toMatchObject({ code: 0, verdict: { status: 'valid' } });
    expect(centre.requests.length).toBe(requestsBefore);
    expect((await run([save('forged-offline.jwt', await attacker.issue())])).verdict.status).toBe('issuer-not-trusted');
    delete process.env.CORRIDOR_TRUSTED_ISSUERS;
  });
});
