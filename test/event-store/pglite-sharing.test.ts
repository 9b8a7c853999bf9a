import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataDirInUseError, lockFileOf, openPGlite, type PGliteDatabase } from '@corridor/event-store';

const dirs = mkdtempSync(join(tmpdir(), 'corridor-pglite-sharing-'));

describe('an embedded (PGlite) data directory', () => {
  it('is opened by one holder only: a second open is refused with a message that says what to do', async () => {
    const dir = join(dirs, 'twice');
    const first = await openPGlite(dir, { serve: true });
    try {
      const second = openPGlite(dir);
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(
        new RegExp(
          `in use by process ${process.pid} .*Stop that process first, or run CLI commands .*127\\.0\\.0\\.1:${first.socket?.port}`,
        ),
      );
    } finally {
      await first.close();
    }
    // Closed: free again.
    const again = await openPGlite(dir);
    await again.close();
  });

  it('is refused while another live process holds it, and free once that process is killed', async () => {
    const dir = join(dirs, 'stale');
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const gone = new Promise((resolve) => holder.once('exit', resolve));
    try {
      writeFileSync(
        lockFileOf(dir),
        JSON.stringify({
          pid: holder.pid,
          hostname: hostname(),
          command: 'corridor start',
          since: new Date().toISOString(),
        }),
      );
      await expect(openPGlite(dir)).rejects.toThrow(`in use by process ${holder.pid} (corridor start`);
    } finally {
      holder.kill('SIGKILL');
      await gone;
    }
    // The holder crashed without removing its lock: the dead pid does not block the next open.
    const db = await openPGlite(dir);
    await db.close();
  });
});

describe('a PGlite served over its socket', () => {
  let db: PGliteDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await openPGlite(undefined, { serve: true });
    await db.query('CREATE TABLE t (v text)');
    client = new Client({
      host: db.socket!.host,
      port: db.socket!.port,
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.close();
  });

  it("keeps in-process writes out of a socket client's transaction (its rollback must not undo them)", async () => {
    await client.query('BEGIN');
    await client.query("INSERT INTO t VALUES ('client')");
    // In-process work while the client's transaction is open: it waits for the transaction's end.
    const inProcess = db.query("INSERT INTO t VALUES ('server')");
    await new Promise((r) => setTimeout(r, 100));
    await client.query('ROLLBACK');
    await inProcess;
    const { rows } = await db.query<{ v: string }>('SELECT v FROM t ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual(['server']);
  });

  it('keeps socket statements out of an in-process transaction', async () => {
    await db.query('DELETE FROM t');
    let clientWrite: Promise<unknown> | undefined;
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES ('server')");
        clientWrite = client.query("INSERT INTO t VALUES ('client')");
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await clientWrite;
    const { rows } = await db.query<{ v: string }>('SELECT v FROM t ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual(['client']);
  });
});
