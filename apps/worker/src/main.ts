import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { domainEventCodec } from '@corridor/domain';
import { openEventStore } from '@corridor/event-store';
import { join } from 'node:path';
import { externalTemporalAddress, loadConfig } from '../../api/src/config/corridor-config';
import { createActivities } from './activities';
import { createCorridorWorker } from './corridor-worker';

/** The worker alone, as production runs it: polls the task queue, appends to the event store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const address = externalTemporalAddress(config, 'the worker');
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const { store } = await openEventStore({
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
    activities: createActivities({ store, temporal }),
  });
  console.log(
    `Corridor worker polling ${config.TEMPORAL_TASK_QUEUE} on ${address}`,
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
