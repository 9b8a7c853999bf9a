import { canonicalJson, CheckpointInconsistentError, CheckpointLedger, eventHash, openPGlite, openPostgres, passThroughCodec, quoteIdent, SqlEventStore, type SqlDatabase, type RecordedEvent } from '@corridor/event-store';
import { generateDevKeyRing, publicJwks, type KeyRing } from '@corridor/credentials';
import { checkpointFile, type CheckpointFile } from '../../apps/api/src/audit/checkpoints/checkpoint-file';
import { CheckpointRefusedError, signCheckpoint } from '../../apps/api/src/audit/checkpoints/checkpoint-jws';
import { verifySince } from '../../apps/api/src/audit/checkpoints/verify-since';
import { collect, event, events, eventually, uniqueStream } from './test-events';
import { postgresUrl, uniqueSchema } from './sql-harness';

/**
 * Signed checkpoints against real stores: a tail cut from a stream or from the whole log, and an old
 * event rewritten with its stream's chain recomputed, all pass the per-stream chain check
 * (verifyAll) and are each reported by verification against a checkpoint taken before.
 */
describe.each([['postgres'], ['pglite']] as const)('signed checkpoints on %s', (kind) => {
  let db: SqlDatabase;
  const keyRing: KeyRing = generateDevKeyRing();
  const keys = publicJwks(keyRing);

  beforeAll(async () => {
    db = kind === 'postgres' ? await openPostgres(postgresUrl()) : await openPGlite();
  });
  afterAll(async () => {
    await db.close();
  });

  /**
   * Checkpoints cover only events whose position is final (no older transaction still open on the
   * server, whoever's it is): wait for the horizon to pass the last append.
   */
  async function settled(store: SqlEventStore, position: number): Promise<void> {
    await eventually(async () => (await store.headPosition()) >= position, 30_000, `the visibility horizon to pass ${position}`);
  }

  /** A fresh store and ledger in their own schema, with three streams and a last two-event transaction. */
  async function scenario() {
    const schema = uniqueSchema(`cp_${kind}`);
    const store = new SqlEventStore(db, passThroughCodec, { schema });
    await store.init();
    const ledger = new CheckpointLedger(db, store, { schema });
    await ledger.init();
    const [a, b, c] = [uniqueStream('application'), uniqueStream('certificate'), uniqueStream('application')];
    await store.append(a, [event('Registered', { n: 1 })], { expected: 'no_stream' });
    await store.append(b, events(2), { expected: 'no_stream' });
    await store.append(a, [event('Approved', { n: 2 })], { expected: 1 });
    await store.append(c, events(2), { expected: 'no_stream' });
    await store.append(a, [event('Certified', { n: 3 })], { expected: 2 });
    await store.append(c, events(1), { expected: 2 });
    // The log's last transaction: two events of b.
    const { positions } = await store.append(b, events(2), { expected: 2 });
    await settled(store, positions[1] as number);
    const sign = (statement: Parameters<typeof signCheckpoint>[0]) => signCheckpoint(statement, keyRing);
    const { checkpoint, created } = await ledger.take(sign);
    expect(created).toBe(true);
    const file: CheckpointFile = JSON.parse(JSON.stringify(checkpointFile(checkpoint, await ledger.heads(checkpoint.size)))) as CheckpointFile;
    const sql = (text: string, params?: unknown[]) => db.query(text.replaceAll('$events', `${quoteIdent(schema)}.events`), params);
    return { schema, store, ledger, a, b, c, file, sign, sql, since: `since checkpoint #1 of ${checkpoint.createdAt}` };
  }

  it('an untouched log that grew extends the checkpoint, and the next checkpoint follows on', async () => {
    const s = await scenario();
    expect(s.file.statement).toMatchObject({ seq: 1, size: 10, streams: 3 });
    expect(s.file.heads).toEqual([
      { stream: s.a, version: 3, hash: expect.any(String) },
      { stream: s.c, version: 3, hash: expect.any(String) },
      { stream: s.b, version: 4, hash: expect.any(String) },
    ].sort((x, y) => (x.stream < y.stream ? -1 : 1)));
    expect((await s.ledger.take(s.sign)).created).toBe(false);
    await settled(s.store, (await s.store.append(s.a, [event('Renewed', { n: 4 })], { expected: 3 })).positions[0] as number);
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report).toMatchObject({ extends: true, changes: [], checkpoint: { seq: 1, size: 10 }, current: { size: 11 } });
    const next = await s.ledger.take(s.sign);
    expect(next).toMatchObject({ created: true, checkpoint: { seq: 2, size: 11 } });
  });

  it("(a) a stream's last event deleted: the chain check still says intact; the checkpoint names the lost version", async () => {
    const s = await scenario();
    const { rowCount } = await s.sql('DELETE FROM $events WHERE stream = $1 AND version = 3', [s.a]);
    expect(rowCount).toBe(1);
    expect((await s.store.verifyAll()).ok).toBe(true); // what `audit verify` said before checkpoints
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report.extends).toBe(false);
    expect(report.evidence).toBe('leaf-record');
    expect(report.changes).toEqual([
      expect.objectContaining({ kind: 'log-shrank', from: 10, to: 9 }),
      expect.objectContaining({ kind: 'events-removed', stream: s.a, fromVersion: 3, toVersion: 3 }),
    ]);
    expect(report.changes[1]?.message).toContain(`${s.a} lost version 3`);
    expect(report.changes[1]?.message).toContain(s.since);
    // The server will not sign a log that no longer extends its last checkpoint.
    await expect(s.ledger.take(s.sign)).rejects.toBeInstanceOf(CheckpointInconsistentError);
  });

  it("(a') a stream's last event deleted and the log grown past the checkpoint's size: still caught", async () => {
    const s = await scenario();
    await s.sql('DELETE FROM $events WHERE stream = $1 AND version = 3', [s.a]);
    await settled(s.store, (await s.store.append(s.c, events(3), { expected: 3 })).positions[2] as number);
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report).toMatchObject({ extends: false, current: { size: 12 } });
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'events-removed', stream: s.a, fromVersion: 3, toVersion: 3 })]);
  });

  it("(b) the log's last transaction deleted: the log shrank and the stream lost both versions", async () => {
    const s = await scenario();
    const { rowCount } = await s.sql('DELETE FROM $events WHERE transaction_id = (SELECT max(transaction_id) FROM $events)');
    expect(rowCount).toBe(2);
    expect((await s.store.verifyAll()).ok).toBe(true);
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report.extends).toBe(false);
    expect(report.changes).toEqual([
      expect.objectContaining({ kind: 'log-shrank', from: 10, to: 8, message: `the log shrank from 10 to 8 events ${s.since}` }),
      expect.objectContaining({ kind: 'events-removed', stream: s.b, fromVersion: 3, toVersion: 4, message: expect.stringContaining(`${s.b} lost versions 3..4`) }),
    ]);
  });

  /** Rewrites version 1 of a stream and recomputes every hash after it, as a careful forger would. */
  async function rewriteFirstEvent(s: Awaited<ReturnType<typeof scenario>>): Promise<RecordedEvent[]> {
    const stored = await collect(s.store.readStream(s.a));
    let prevHash: string | null = null;
    for (const e of stored) {
      const data = e.version === 1 ? { n: 1, forged: true } : e.data;
      const hash = eventHash({ ...e, data, prevHash });
      await s.sql('UPDATE $events SET data = $3::json, prev_hash = $4, hash = $5 WHERE stream = $1 AND version = $2', [s.a, e.version, canonicalJson(data), prevHash, hash]);
      prevHash = hash;
    }
    expect(await s.store.verifyStream(s.a)).toMatchObject({ ok: true, events: 3 });
    expect((await s.store.verifyAll()).ok).toBe(true);
    return stored;
  }

  it('(c) an old event rewritten with its chain recomputed: every version whose hash moved is named, with positions', async () => {
    const s = await scenario();
    const before = await rewriteFirstEvent(s);
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report).toMatchObject({ extends: false, evidence: 'leaf-record', current: { size: 10 } });
    expect(report.changes).toEqual([
      expect.objectContaining({ kind: 'events-rewritten', stream: s.a, fromVersion: 1, toVersion: 3, positions: before.map((e) => e.position) }),
    ]);
    expect(report.changes[0]?.message).toContain(`${s.a} versions 1..3 rewritten`);
  });

  it('(c) with the leaf record wiped as well, the signed stream heads in the file still name the stream', async () => {
    const s = await scenario();
    await rewriteFirstEvent(s);
    await s.sql(`DELETE FROM ${quoteIdent(s.schema)}.checkpoint_leaves`);
    const report = await verifySince(s.store, s.ledger, s.file, keys);
    expect(report).toMatchObject({ extends: false, evidence: 'stream-heads' });
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'events-rewritten', stream: s.a, toVersion: 3, atOrBefore: true })]);
    // Heads that do not match the signed digest are not used: only the roots are left to compare.
    const forgedHeads = { ...s.file, heads: s.file.heads?.filter((h) => h.stream !== s.a) };
    const rootsOnly = await verifySince(s.store, s.ledger, forgedHeads, keys);
    expect(rootsOnly).toMatchObject({ extends: false, evidence: 'roots-only', changes: [expect.objectContaining({ kind: 'root-mismatch' })] });
  });

  it('a forged checkpoint is refused: another key, an altered statement, or a credential signature', async () => {
    const s = await scenario();
    const other = generateDevKeyRing();
    const foreign = await signCheckpoint({ ...s.file.statement, size: 3 }, other);
    await expect(verifySince(s.store, s.ledger, { ...s.file, checkpoint: foreign }, keys)).rejects.toThrow(CheckpointRefusedError);
    // Same kid, a payload claiming a shorter log, the issuer's signature kept: the signature fails.
    const [header, , signature] = s.file.checkpoint.split('.');
    const payload = Buffer.from(JSON.stringify({ ...s.file.statement, size: 7 })).toString('base64url');
    await expect(verifySince(s.store, s.ledger, { ...s.file, checkpoint: `${header}.${payload}.${signature}` }, keys)).rejects.toThrow(/signature does not verify/);
    // Signed by the issuer's key but as something else (typ): not a checkpoint.
    const { signVcJwt } = await import('@corridor/credentials');
    const credential = await signVcJwt({ ...s.file.statement }, keyRing);
    await expect(verifySince(s.store, s.ledger, { ...s.file, checkpoint: credential }, keys)).rejects.toThrow(/typ corridor-checkpoint\+jws/);
  });
});
