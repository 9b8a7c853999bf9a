import request from 'supertest';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { auditCommand } from '../../apps/cli/src/commands/audit.command';
import { API_RUNTIME, type ApiRuntime } from '../../apps/api/src/runtime';
import { verifyCheckpointJws } from '../../apps/api/src/audit/checkpoints/checkpoint-jws';
import type { CheckpointFile } from '../../apps/api/src/audit/checkpoints/checkpoint-file';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
let dir: string;
let apiUrl: string;
beforeAll(async () => {
  h = await startHarness('checkpoints');
  life = new Lifecycle(h);
  dir = await mkdtemp(join(tmpdir(), 'corridor-checkpoints-'));
  const server = h.http as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function cli() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env: { DATABASE_URL: h.app.get<ApiRuntime>(API_RUNTIME).config.DATABASE_URL, DATA_DIR: '.data', LOG_LEVEL: 'silent' as const },
      stdout: (t: string) => void (out.stdout += t),
      stderr: (t: string) => void (out.stderr += t),
      interactive: false,
    },
  };
}

async function settled(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    let last = 0;
    for await (const e of h.store.readAll()) last = e.position;
    const all = await h.db.query<{ p: string | null }>('SELECT max(position) AS p FROM event_store.events');
    if (last === Number(all.rows[0]?.p ?? 0)) return;
    if (Date.now() > deadline) throw new Error('the visibility horizon did not pass the last event');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('signed checkpoints through the API and the CLI', () => {
  let stream: string;
  let file: CheckpointFile;
  let cpPath: string;
  let jwksPath: string;

  beforeAll(async () => {
    const { applicationId } = await life.register('KZ-880001');
    await life.approve(applicationId);
    stream = `application-${applicationId}`;
    await settled();
  }, 60_000);

  it('no checkpoint yet: the public latest is a 404; taking one is for auditors and admins', async () => {
    await request(h.http).get('/audit/checkpoints/latest').expect(404);
    await request(h.http).post('/audit/checkpoints').set(auth(h.tokens.officerA)).send({}).expect(403);
    const taken = await request(h.http).post('/audit/checkpoints').set(auth(h.tokens.auditor)).send({}).expect(201);
    file = taken.body as CheckpointFile;
    expect(file.statement).toMatchObject({ seq: 1, size: expect.any(Number) });
    expect(file.heads).toContainEqual(expect.objectContaining({ stream, version: 2 }));
    // Nothing new since: the same checkpoint, 200.
    const again = await request(h.http).post('/audit/checkpoints').set(auth(h.tokens.admin)).send({}).expect(200);
    expect((again.body as CheckpointFile).statement.seq).toBe(1);
    cpPath = join(dir, 'cp.json');
    await writeFile(cpPath, JSON.stringify(file));
  });

  it('the latest checkpoint is public (size and root, no stream names) and verifies with the published JWKS', async () => {
    const latest = (await request(h.http).get('/audit/checkpoints/latest').expect(200)).body as CheckpointFile;
    expect(latest.heads).toBeUndefined();
    expect(latest.checkpoint).toBe(file.checkpoint);
    const jwks = (await request(h.http).get('/.well-known/jwks.json').expect(200)).body as { keys: unknown[] };
    jwksPath = join(dir, 'jwks.json');
    await writeFile(jwksPath, JSON.stringify(jwks));
    expect(await verifyCheckpointJws(latest.checkpoint, jwks)).toEqual(file.statement);
    const one = (await request(h.http).get('/audit/checkpoints/1').set(auth(h.tokens.auditor)).expect(200)).body as CheckpointFile;
    expect(one).toEqual(file);
    await request(h.http).get('/audit/checkpoints/1').set(auth(h.tokens.station)).expect(403);
    await request(h.http).get('/audit/checkpoints/99').set(auth(h.tokens.auditor)).expect(404);
  });

  it('the untouched store extends it: through the API, the CLI via the API, and the CLI on the store', async () => {
    const res = await request(h.http).post('/audit/checkpoints/verify').set(auth(h.tokens.auditor)).send(file).expect(200);
    expect(res.body).toMatchObject({ extends: true, changes: [], checkpoint: { seq: 1 } });
    const storeVerify = await request(h.http).get('/audit/verify').set(auth(h.tokens.auditor)).expect(200);
    expect(storeVerify.body).toMatchObject({ ok: true, checkpoint: { extends: true, checkpoint: { seq: 1 } } });
    const plain = cli();
    expect(await auditCommand(['verify'], plain.io)).toBe(0);
    expect(plain.out.stderr).toContain('the log extends the latest checkpoint, #1');
    const viaApi = cli();
    expect(await auditCommand(['verify', '--since', cpPath, '--api', apiUrl, '--token', h.tokens.auditor], viaApi.io)).toBe(0);
    expect(viaApi.out.stderr).toContain('the log extends checkpoint #1');
    const direct = cli();
    expect(await auditCommand(['verify', '--since', cpPath, '--jwks', jwksPath], direct.io)).toBe(0);
    expect(JSON.parse(direct.out.stdout)).toMatchObject({ extends: true });
    // Heads too large for the API's JSON body limit: the CLI falls back to the server's leaf record.
    const bulky = { ...file, heads: Array.from({ length: 2000 }, (_, i) => ({ stream: `application-padding-${i}`, version: 1, hash: 'f'.repeat(64) })) };
    await request(h.http).post('/audit/checkpoints/verify').set(auth(h.tokens.auditor)).send(bulky).expect(413);
    const bulkyPath = join(dir, 'bulky.json');
    await writeFile(bulkyPath, JSON.stringify(bulky));
    const viaApiBulky = cli();
    expect(await auditCommand(['verify', '--since', bulkyPath, '--api', apiUrl, '--token', h.tokens.auditor], viaApiBulky.io)).toBe(0);
    // `corridor audit checkpoint` without a token downloads the public latest one.
    const download = cli();
    expect(await auditCommand(['checkpoint', '--api', apiUrl], download.io)).toBe(0);
    expect((JSON.parse(download.out.stdout) as CheckpointFile).checkpoint).toBe(file.checkpoint);
  });

  it('a forged checkpoint is refused with 422 and by the CLI', async () => {
    const [header, , signature] = file.checkpoint.split('.');
    const shorter = Buffer.from(JSON.stringify({ ...file.statement, size: 1 })).toString('base64url');
    const forged = { ...file, checkpoint: `${header}.${shorter}.${signature}` };
    const res = await request(h.http).post('/audit/checkpoints/verify').set(auth(h.tokens.auditor)).send(forged).expect(422);
    expect(res.body).toMatchObject({ code: 'checkpoint-refused' });
    await request(h.http).post('/audit/checkpoints/verify').set(auth(h.tokens.auditor)).send({ checkpoint: 'x' }).expect(400);
    const forgedPath = join(dir, 'forged.json');
    await writeFile(forgedPath, JSON.stringify(forged));
    const run = cli();
    expect(await auditCommand(['verify', '--since', forgedPath, '--api', apiUrl, '--token', h.tokens.auditor], run.io)).toBe(1);
    expect(run.out.stderr).toMatch(/checkpoint refused: .*signature does not verify/);
  });

  it("a stream's last event cut: the chain is whole, yet `audit verify` and `verify --since` name the lost version; no new checkpoint is signed", async () => {
    await h.db.query('DELETE FROM event_store.events WHERE stream = $1 AND version = 2', [stream]);
    // Each stream's chain is still whole (all that `audit verify` checked before checkpoints)...
    expect(await h.store.verifyAll()).toMatchObject({ ok: true });
    // ...but the plain verification now also holds the log against the latest recorded checkpoint.
    const plain = cli();
    expect(await auditCommand(['verify'], plain.io)).toBe(1);
    expect(plain.out.stderr).toContain('chain intact');
    expect(plain.out.stderr).toContain('LOG CHANGED since the latest checkpoint, #1');
    expect(plain.out.stderr).toContain(`${stream} lost version 2`);
    const storeVerify = await request(h.http).get('/audit/verify').set(auth(h.tokens.auditor)).expect(200);
    expect(storeVerify.body).toMatchObject({ ok: false, checkpoint: { extends: false, checkpoint: { seq: 1 } } });

    const res = await request(h.http).post('/audit/checkpoints/verify').set(auth(h.tokens.auditor)).send(file).expect(200);
    expect(res.body).toMatchObject({ extends: false, evidence: 'leaf-record' });
    expect((res.body as { changes: { kind: string; stream?: string }[] }).changes).toContainEqual(
      expect.objectContaining({ kind: 'events-removed', stream, fromVersion: 2, toVersion: 2 }),
    );
    for (const args of [
      ['verify', '--since', cpPath, '--api', apiUrl, '--token', h.tokens.auditor],
      ['verify', '--since', cpPath, '--jwks', jwksPath],
    ]) {
      const run = cli();
      expect(await auditCommand(args, run.io)).toBe(1);
      expect(run.out.stderr).toContain(`LOG CHANGED since checkpoint #1 of ${file.statement.createdAt}`);
      expect(run.out.stderr).toContain(`${stream} lost version 2`);
    }
    const refused = await request(h.http).post('/audit/checkpoints').set(auth(h.tokens.auditor)).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'log-does-not-extend-checkpoint', checkpoint: 1 });
    const direct = cli();
    expect(await auditCommand(['checkpoint'], direct.io)).toBe(1);
    expect(direct.out.stderr).toMatch(/no checkpoint signed: .*no longer extends checkpoint #1/);
  });
});
