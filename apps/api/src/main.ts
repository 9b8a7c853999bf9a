import 'reflect-metadata';
import { createApiApp } from './bootstrap';
import { externalTemporalAddress, loadConfig } from './config/corridor-config';
import { openApiRuntime, openStorage } from './open-runtime';
import { devSigningKey, writeDevCredentials } from './auth/dev-credentials';
import { ConfigurationError } from './config/file-settings';

/** The API alone, as production runs it: external Temporal (TEMPORAL_ADDRESS) and event store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const temporalAddress = externalTemporalAddress(config, 'the API');
  const storage = await openStorage(config, 'share');
  await storage.projector.start();
  const runtime = await openApiRuntime(config, storage, temporalAddress);
  const app = await createApiApp(runtime);
  app.enableShutdownHooks();
  const close = async (): Promise<void> => {
    await app.close();
    await storage.projector.stop();
    await runtime.connection.close();
    await storage.store.close();
    await storage.db.close();
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen(config.PORT, config.HOST);
  console.log(`Corridor API listening on ${config.publicBaseUrl}`);
  if (!config.AUTH_JWKS) {
    // Without an identity provider's keys the API trusts a development key: say so, and hand out tokens.
    const file = await writeDevCredentials(config.dataDir, config.publicBaseUrl, await devSigningKey(config.dataDir), {
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
    }, config.AUTH_MAX_TOKEN_LIFETIME);
    console.warn(`AUTH_JWKS is not set: development tokens written to ${file}`);
  }
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: its message names the setting; a stack adds nothing.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
