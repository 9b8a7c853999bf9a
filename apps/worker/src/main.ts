import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { domainEventCodec } from '@corridor/domain';
import { openEventStore } from '@corridor/event-store';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { externalTemporalAddress, loadConfig } from '../../api/src/config/corridor-config';
import { createActivities } from './activities';
import { createCorridorWorker } from './corridor-worker';
import { ConfigurationError } from '../../api/src/config/file-settings';

/** The worker alone, as production runs it: polls the task queue, appends to the event store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const address = externalTemporalAddress(config, 'the worker');
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const { store, db } = await openEventStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : join(config.dataDir, 'eventstore'),
    kurrentdbUrl: config.KURRENTDB_URL,
    codec: domainEventCodec,
    // Beside a separately run API on the same embedded directory: whoever comes first serves it.
    dataDirAccess: 'share',
  });
  await store.init();
  // Activities that deliver commands to other workflows use an ordinary client connection.
  const clientConnection = await Connection.connect({ address });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const { worker, connection } = await createCorridorWorker({
    address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ store, temporal, db, config }),
    // The image ships a bundle built once (apps/worker/src/workflow-bundle.ts); without one, webpack bundles at start.
    ...(config.WORKFLOW_BUNDLE ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE } } : {}),
  });
  console.log(
    `Corridor worker polling ${config.TEMPORAL_TASK_QUEUE} on ${address}`,
  );
  // A heartbeat file while the worker polls: the container health check reads its age (docker/compose.yaml).
  const heartbeat = setInterval(() => {
    if (worker.getState() === 'RUNNING') writeFile(join(config.dataDir, 'worker.heartbeat'), new Date().toISOString()).catch(() => undefined);
  }, 15_000);
  heartbeat.unref();
  await worker.run();
  clearInterval(heartbeat);
  await connection.close();
  await clientConnection.close();
  await store.close();
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: its message names the setting; a stack adds nothing.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
