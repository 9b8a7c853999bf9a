import { hostileInput } from './scenarios/hostile-input';
import { postgresRestarted } from './scenarios/postgres-restart';
import { readModelsBehind } from './scenarios/read-model-behind';
import { temporalRestarted } from './scenarios/temporal-restart';
import { workerKilled } from './scenarios/worker-kill';

/**
 * "Never lose, never stick, never mislead" under faults. One file, so the workflows are bundled once
 * for all scenarios; each scenario starts (and always stops) what it breaks.
 */
describe('fault: worker process', workerKilled);
describe('fault: Temporal server', temporalRestarted);
describe('fault: Postgres server', postgresRestarted);
describe('fault: read models behind', readModelsBehind);
describe('fault: hostile input', hostileInput);
