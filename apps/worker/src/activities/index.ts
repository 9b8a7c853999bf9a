import type { Client } from '@temporalio/client';
import type { EventStore, SqlExecutor } from '@corridor/event-store';
import type { KeyRing } from '@corridor/credentials';
import type { CorridorActivities } from '../../../../workflows/src/public';
import type { CorridorConfig } from '../../../api/src/config/corridor-config';
import { loadCredentialKeyRing } from '../../../api/src/certificates/credential-keys';
import { issuerSettings } from '../../../api/src/certificates/issuer-settings';
import { appendEventsActivity } from './append-events.activity';
import { deliverToApplicationActivity } from './deliver-to-application.activity';
import { signCredentialActivity } from './sign-credential.activity';

export interface ActivityDeps {
  store: EventStore;
  temporal: Client;
  /** The read-model database (the certificates projection) the credential is signed from. */
  db: SqlExecutor;
  /** Issuer profile and signing keys come from the same settings the API publishes its JWKS from. */
  config: CorridorConfig;
}

export function createActivities(deps: ActivityDeps): CorridorActivities {
  let keyRing: Promise<KeyRing> | undefined;
  return {
    appendEvents: appendEventsActivity(deps.store),
    deliverToApplication: deliverToApplicationActivity(deps.temporal),
    signCredential: signCredentialActivity({
      db: deps.db,
      issuer: issuerSettings(deps.config),
      keyRing: () => (keyRing ??= loadCredentialKeyRing(deps.config).then((r) => r.keyRing)),
    }),
  };
}
