/**
 * The activities workflows may call, as types only: workflow code never imports their
 * implementation (apps/worker owns it).
 */
export interface DomainEventToAppend {
  type: string;
  data: unknown;
}

export interface AppendEventsInput {
  stream: string;
  /** Version the workflow believes the stream is at (0 = no stream yet). */
  expectedVersion: number;
  /** Seed for deterministic event ids: ids derive from (idSeed, stream version). */
  idSeed: string;
  events: DomainEventToAppend[];
  metadata?: Record<string, unknown>;
}

export interface AppendEventsOutput {
  nextVersion: number;
  positions: number[];
}

/** A command delivered by one workflow to an application workflow (e.g. a session's result). */
export interface DeliverToApplicationInput {
  applicationId: string;
  /** Deduplicates the update if the activity is retried after it was accepted. */
  updateId: string;
  command: { type: string; actor: { id: string; role: string; stationId?: string } } & Record<
    string,
    unknown
  >;
}

/** What the issuance activity signed: recorded as CredentialIssued (see libs/domain certificate events). */
export interface SignedCredentialRecord {
  certificateNumber: string;
  credentialId: string;
  format: 'vc+jwt';
  kid: string;
  sha256: string;
  jws: string;
  statusSlot: { listId: string; index: number };
  validFrom: string;
  validUntil: string;
}

export interface CorridorActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsOutput>;
  /** Executes the command as an update on the application's workflow; fails with its refusal. */
  deliverToApplication(input: DeliverToApplicationInput): Promise<{ position: number }>;
  /**
   * Signs the certificate's credential for the given validity, once the certificates read model holds
   * it (credential id, identity salt, status slot); retried until it does. Its result is recorded in the
   * workflow history, and then as an event.
   */
  signCredential(input: { certificateNumber: string; validUntil: string }): Promise<SignedCredentialRecord>;
}
