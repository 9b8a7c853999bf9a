import { Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp } from '../../../api/src/bootstrap';
import { loadConfig } from '../../../api/src/config/corridor-config';
import { devSigningKey, writeDevCredentials } from '../../../api/src/auth/dev-credentials';
import { openApiRuntime, openStorage } from '../../../api/src/open-runtime';
import { referenceDataLoaded, seedReferenceData } from '../../../api/src/reference/reference-store';
import { shippedReferenceData } from '@corridor/domain';
import { createActivities } from '../../../worker/src/activities';
import { createCorridorWorker } from '../../../worker/src/corridor-worker';
import { freePort, PortInUseError, startDevServer, type DevServer } from '../temporal-dev-server';

/**
 * The whole system in one process on embedded defaults: Temporal dev server (SQLite under .data/),
 * event store on PGlite (or DATABASE_URL), projector, worker and API.
 */
export async function startCommand(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  // Nest owns signals: one orderly shutdown path, no orphaned dev server.
  Runtime.install({ shutdownSignals: [] });

  const cleanups: (() => Promise<unknown>)[] = [];
  let devServer: DevServer | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string, exitCode = 0): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`\n${signal} received: stopping Corridor...`);
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('shutdown step failed:', error);
      }
    }
    console.log('Corridor stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      console.log(`Starting the Temporal dev server (SQLite under ${config.dataDir})...`);
      // Free ports unless configured: a second instance, or any other program on 7233/8233, must
      // neither stop this one nor be mistaken for its server (startDevServer checks it is ours).
      const start = async (): Promise<DevServer> =>
        startDevServer({
          dbFile: join(config.dataDir, 'temporal.sqlite'),
          port: config.TEMPORAL_PORT,
          uiPort: config.TEMPORAL_UI_PORT ?? (await freePort()),
          namespace: config.TEMPORAL_NAMESPACE,
          logLevel: 'error',
        });
      // A port we picked ourselves can be taken before the dev server binds it: pick again, once.
      devServer = await start().catch((error: unknown) => {
        if (!(error instanceof PortInUseError) || error.givenPortTaken) throw error;
        console.warn(`${error.message.split('. ')[0]}; trying other free ports`);
        return start();
      });
      const server = devServer;
      cleanups.push(() => server.stop());
      temporalAddress = devServer.address;
    }

    const storage = await openStorage(config, 'serve');
    // Closed last: PGlite writes its state out, stops serving the CLI and frees the directory.
    cleanups.push(() => storage.db.close());
    cleanups.push(() => storage.store.close());
    await storage.projector.start();
    cleanups.push(() => storage.projector.stop());
    if (!(await referenceDataLoaded(storage.db))) {
      const counts = await seedReferenceData(storage.db, shippedReferenceData());
      console.log(
        `Reference data seeded: ${Object.entries(counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
    }

    const runtime = await openApiRuntime(config, storage, temporalAddress);
    cleanups.push(() => runtime.connection.close());
    const { worker, connection: workerConnection } = await createCorridorWorker({
      address: temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ store: storage.store, temporal: runtime.temporal, db: storage.db, config }),
    });
    const running = worker.run();
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await workerConnection.close();
    });

    const app = await createApiApp(runtime);
    await app.listen(config.PORT, config.HOST);
    cleanups.push(() => app.close());

    const apiUrl = config.publicBaseUrl;
    const credentialsFile = config.AUTH_JWKS
      ? undefined
      : await writeDevCredentials(config.dataDir, apiUrl, await devSigningKey(config.dataDir), {
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
        }, config.AUTH_MAX_TOKEN_LIFETIME);
    console.log(`
Corridor is running.
  API            ${apiUrl}
  OpenAPI docs   ${apiUrl}/docs  (JSON: ${apiUrl}/docs-json)
  Health         ${apiUrl}/health
  Temporal       ${devServer ? `${temporalAddress} (dev server), UI ${devServer.uiUrl}` : `external at ${temporalAddress}`}
  Event store    ${storage.store.kind}${config.DATABASE_URL ? '' : ` (${join(config.dataDir, 'eventstore')}${storage.db.socket ? `, CLI socket ${storage.db.socket.host}:${storage.db.socket.port}` : ''})`}
${credentialsFile ? `  Dev tokens     ${credentialsFile}\n` : ''}Press Ctrl-C to stop.`);
  } catch (error) {
    console.error('Corridor failed to start:', error instanceof Error ? error.message : error);
    // A failed start must say so to scripts too (it used to exit 0).
    await shutdown('startup failure', 1);
  }
}
