import { Logger } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPGlite, passThroughCodec, SqlEventStore, type SqlDatabase } from '@corridor/event-store';
import { CheckpointService } from '../../apps/api/src/audit/checkpoints/checkpoint.service';
import { CredentialService } from '../../apps/api/src/certificates/credential.service';
import { loadConfig } from '../../apps/api/src/config/corridor-config';
import type { ApiRuntime } from '../../apps/api/src/runtime';
import { events, eventually } from '../event-store/test-events';

/** AUDIT_CHECKPOINT_INTERVAL: the API process takes checkpoints by itself, and raises the alarm on a cut tail. */
describe('the checkpoint timer', () => {
  let db: SqlDatabase;
  let dir: string;
  let service: CheckpointService;
  const alarms: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corridor-checkpoint-timer-'));
    db = await openPGlite();
    const store = new SqlEventStore(db, passThroughCodec);
    await store.init();
    const config = loadConfig({ DATA_DIR: dir, AUDIT_CHECKPOINT_INTERVAL: '1', LOG_LEVEL: 'silent' });
    const runtime = { config, store, db } as unknown as ApiRuntime;
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void alarms.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    service = new CheckpointService(runtime, new CredentialService(runtime));
    await store.append('application-timer-1', events(3), { expected: 'no_stream' });
    await service.onModuleInit();
  });
  afterAll(async () => {
    await service?.onModuleDestroy();
    await db?.close();
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs a checkpoint without being asked, and another once the log grows', async () => {
    await eventually(async () => (await service.ledger.latest()) !== null, 30_000, 'a first checkpoint');
    expect(await service.ledger.latest()).toMatchObject({ seq: 1, size: 3 });
    await (service as unknown as { runtime: ApiRuntime }).runtime.store.append('application-timer-1', events(2), { expected: 3 });
    await eventually(async () => (await service.ledger.latest())?.size === 5, 30_000, 'a checkpoint of the grown log');
    expect(await service.ledger.latest()).toMatchObject({ seq: 2, size: 5 });
  });

  it('after a cut tail it signs nothing more and logs a tamper alarm', async () => {
    await db.query(`DELETE FROM event_store.events WHERE stream = 'application-timer-1' AND version = 5`);
    await eventually(() => alarms.some((a) => a.startsWith('TAMPER ALARM')), 30_000, 'the tamper alarm');
    expect(alarms.find((a) => a.startsWith('TAMPER ALARM'))).toContain('no longer extends checkpoint #2');
    expect(await service.ledger.latest()).toMatchObject({ seq: 2, size: 5 });
  });
});
