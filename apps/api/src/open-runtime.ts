import { Client, Connection } from '@temporalio/client';
import type { JSONWebKeySet } from 'jose';
import { domainEventCodec } from '@corridor/domain';
import { openEventStore, type EventStoreConfig } from '@corridor/event-store';
import { applicationsProjection, certificatesProjection, certificationStatsProjection, Projector } from '@corridor/projections';
import { join } from 'node:path';
import type { CorridorConfig } from './config/corridor-config';
import { assertDevelopment, devSigningKey, jwksOf } from './auth/dev-credentials';
import { TokenVerifier } from './auth/token-service';
import type { ApiRuntime } from './runtime';

export const allProjections = [applicationsProjection, certificatesProjection, certificationStatsProjection];

/**
 * Opens the event store, the read-model database and the projector (shared by API and `corridor start`).
 * `access` says how an embedded (PGlite) directory is shared: the server serves it, CLI commands
 * attach to a running server (see EventStoreConfig.dataDirAccess).
 */
export async function openStorage(config: CorridorConfig, access: EventStoreConfig['dataDirAccess'] = 'own') {
  const { store, db, attachedTo } = await openEventStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : join(config.dataDir, 'eventstore'),
    kurrentdbUrl: config.KURRENTDB_URL,
    codec: domainEventCodec,
    dataDirAccess: access,
  });
  await store.init();
  const projector = new Projector({ store, db, projections: allProjections });
  return { store, db, projector, attachedTo };
}

export async function tokenJwks(config: CorridorConfig): Promise<JSONWebKeySet> {
  if (config.AUTH_JWKS) return JSON.parse(config.AUTH_JWKS) as JSONWebKeySet;
  assertDevelopment(config, 'AUTH_JWKS is not set');
  return jwksOf(await devSigningKey(config.dataDir));
}

export async function openApiRuntime(
  config: CorridorConfig,
  storage: Awaited<ReturnType<typeof openStorage>>,
  temporalAddress: string,
): Promise<ApiRuntime & { connection: Connection }> {
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const tokenVerifier = new TokenVerifier(await tokenJwks(config), {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME,
  });
  return { config, ...storage, temporal, tokenVerifier, connection };
}
