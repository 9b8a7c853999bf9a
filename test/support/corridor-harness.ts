import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { domainEventCodec } from '@corridor/domain';
import { openEventStore, type EventStore, type RecordedEvent, type SqlDatabase } from '@corridor/event-store';
import { Projector } from '@corridor/projections';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/corridor-config';
import { DEV_PRINCIPALS } from '../../apps/api/src/auth/dev-credentials';
import { generateSigningKey, issueToken, TokenVerifier } from '../../apps/api/src/auth/token-service';
import { allProjections } from '../../apps/api/src/open-runtime';
import { createActivities } from '../../apps/worker/src/activities';
import { createCorridorWorker } from '../../apps/worker/src/corridor-worker';
import { freshDatabase } from './fresh-database';
import { workflowBundle } from './workflow-bundle';

let runtimeInstalled = false;

export interface Harness {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  store: EventStore;
  db: SqlDatabase;
  temporal: Client;
  taskQueue: string;
  tokens: Record<keyof typeof DEV_PRINCIPALS | 'otherStation', string>;
  streamEvents(stream: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Another Temporal frontend than the jest-wide dev server (fault tests restart their own). */
  temporalAddress?: string;
  /** A database of the caller's (kept at close) instead of a fresh one on the shared server. */
  databaseUrl?: string;
  /** false: no worker in this process; the caller runs one (e.g. a child process it can kill). */
  worker?: boolean;
  taskQueue?: string;
}

/**
 * The whole system against real servers: the jest-wide Temporal dev server, a fresh Postgres
 * database, a real worker on its own task queue, and the Nest app.
 */
export async function startHarness(label: string, options: HarnessOptions = {}): Promise<Harness> {
  const withWorker = options.worker ?? true;
  if (withWorker && !runtimeInstalled) {
    Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const address = options.temporalAddress ?? process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: run through jest (globalSetup starts Temporal)');
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await freshDatabase(label);
  const taskQueue = options.taskQueue ?? `${label}-${randomUUID()}`;
  const config = {
    ...loadConfig({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'silent',
    }),
  };

  const { store, db } = await openEventStore({ databaseUrl: database.url, codec: domainEventCodec });
  await store.init();
  const projector = new Projector({ store, db, projections: allProjections });
  await projector.start();

  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: 'default' });
  const inProcess = withWorker
    ? await createCorridorWorker({
        address,
        namespace: 'default',
        taskQueue,
        activities: createActivities({ store, temporal, db, config }),
        workflowBundle: await workflowBundle(),
      })
    : undefined;
  const running = inProcess?.worker.run();

  const key = await generateSigningKey('test-key');
  const settings = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE };
  const tokenVerifier = new TokenVerifier({ keys: [key.publicJwk] }, settings);
  const app = await createApiApp({ config, store, db, temporal, projector, tokenVerifier }, { logs: false });
  await app.init();

  const tokens = {} as Harness['tokens'];
  for (const [name, principal] of Object.entries(DEV_PRINCIPALS))
    tokens[name as keyof typeof DEV_PRINCIPALS] = await issueToken(key, principal, settings);
  tokens.otherStation = await issueToken(
    key,
    { sub: 'station-th-bkk', role: 'station', stationId: 'ST-TH-BKK' },
    settings,
  );

  return {
    app,
    http: app.getHttpServer(),
    store,
    db,
    temporal,
    taskQueue,
    tokens,
    async streamEvents(stream) {
      const events: RecordedEvent[] = [];
      for await (const e of store.readStream(stream)) events.push(e);
      return events;
    },
    async close() {
      await app.close();
      if (inProcess) {
        stopWorker(inProcess.worker);
        await running;
        await inProcess.connection.close();
      }
      await connection.close();
      await projector.stop();
      await store.close();
      await database.drop();
    },
  };
}

function stopWorker(worker: Worker): void {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}
