import type { Client } from '@temporalio/client';
import type { EventStore, SqlDatabase } from '@corridor/event-store';
import type { Projector } from '@corridor/projections';
import type { CorridorConfig } from './config/corridor-config';
import type { TokenVerifier } from './auth/token-service';

/**
 * The process-wide resources the API runs on. Built once by whoever starts the API (the standalone
 * main, `corridor start`, or a test) and handed to the Nest module, so one process can share them
 * with a worker and the projector.
 */
export interface ApiRuntime {
  config: CorridorConfig;
  store: EventStore;
  db: SqlDatabase;
  temporal: Client;
  projector: Projector;
  tokenVerifier: TokenVerifier;
}

export const API_RUNTIME = Symbol('API_RUNTIME');
