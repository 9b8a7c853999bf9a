import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { domainEventCodec } from '@corridor/domain';
import { openEventStore } from '@corridor/event-store';
import { join } from 'node:path';
import { loadConfig } from '../../api/src/config/corridor-config';
import { createActivities } from './activities';
import { createCorridorWorker } from './corridor-worker';

/** The worker alone, as production runs it: polls the task queue, appends to the event store. */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const { store } = await openEventStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : join(config.dataDir, 'eventstore'),
    kurrentdbUrl: config.KURRENTDB_URL,
    codec: domainEventCodec,
  });
  await store.init();
  const address = config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  // Activities that deliver commands to other workflows use an ordinary client connection.
  const clientConnection = await Connection.connect({ address });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const { worker, connection } = await createCorridorWorker({
    address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ store, temporal }),
    // A prebuilt bundle makes a restarted worker poll again in seconds instead of re-running webpack.
    ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } } : {}),
  });
  console.log(
    `Corridor worker polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'}`,
  );
  await worker.run();
  await connection.close();
  await clientConnection.close();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
