import { eventStoreContract } from './event-store.contract';
import { sqlHarness } from './sql-harness';

describe('SqlEventStore on PGlite', () => {
  eventStoreContract(sqlHarness('pglite', 'pglite'));
});
