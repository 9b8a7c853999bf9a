import { eventStoreContract } from './event-store.contract';
import { sqlHarness } from './sql-harness';

describe('SqlEventStore on Postgres', () => {
  eventStoreContract(sqlHarness('postgres', 'pg'));
});
