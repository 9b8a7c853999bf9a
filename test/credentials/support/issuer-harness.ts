import {
  BitstringStatusList,
  generateDevKeyRing,
  InMemoryStatusIndexRepository,
  issueCredential,
  reserveStatusSlot,
  statusListCredential,
  type CertificateFacts,
  type IssuedCredential,
  type KeyRing,
  type StatusPurpose,
  type StatusSlot,
} from '@corridor/credentials';
import { sampleFacts, TEST_ISSUER } from './fixtures';

/** A small in-memory issuer: key ring, slot repository and the two live status lists of list "L1". */
export class IssuerHarness {
  readonly repository = new InMemoryStatusIndexRepository();
  readonly lists: Record<StatusPurpose, BitstringStatusList> = { revocation: new BitstringStatusList(), suspension: new BitstringStatusList() };

  constructor(public keyRing: KeyRing = generateDevKeyRing()) {}

  async issue(facts: CertificateFacts = sampleFacts()): Promise<IssuedCredential & { slot: StatusSlot }> {
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const slot = await reserveStatusSlot(this.repository, { listId: 'L1', credentialId });
    const issued = await issueCredential(facts, { config: TEST_ISSUER, keyRing: this.keyRing, statusSlot: slot, credentialId });
    return { ...issued, slot };
  }

  async publishedList(purpose: StatusPurpose, validFrom = '2025-06-01T00:00:00Z'): Promise<string> {
    const { jws } = await statusListCredential({ config: TEST_ISSUER, keyRing: this.keyRing, purpose, listId: 'L1', list: this.lists[purpose], validFrom });
    return jws;
  }
}
