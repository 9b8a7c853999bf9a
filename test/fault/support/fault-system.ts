import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/corridor-harness';
import { ResilientLifecycle, certify } from './resilient-lifecycle';
import { buildWorker, startWorkerProcess, type WorkerBuild, type WorkerProcess } from './worker-process';
import { readWholeLog, liveAndRebuiltReadModels, outcomeOf, type Outcome } from './integrity';

export interface FaultSystem {
  h: Harness;
  life: ResilientLifecycle;
  databaseUrl: string;
  worker: WorkerProcess;
  /** SIGKILL the worker process and start a new one (waits until it polls). */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API and projector in this process (driven over HTTP), the worker as a separate process that can
 * really be killed, against the given database and Temporal frontend.
 */
export async function startFaultSystem(
  label: string,
  options: { databaseUrl: string; temporalAddress: string },
): Promise<FaultSystem> {
  const build: WorkerBuild = await buildWorker(label);
  const taskQueue = `${label}-${randomUUID()}`;
  const env = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
  };
  let worker = startWorkerProcess(build, env);
  let h: Harness | undefined;
  try {
    await worker.ready;
    h = await startHarness(label, { ...options, worker: false, taskQueue });
  } catch (error) {
    await worker.kill();
    build.remove();
    throw error;
  }
  const system: FaultSystem = {
    h,
    life: new ResilientLifecycle(h),
    databaseUrl: options.databaseUrl,
    get worker() {
      return worker;
    },
    async restartWorker() {
      await worker.kill();
      worker = startWorkerProcess(build, env);
      await worker.ready;
    },
    async close() {
      system.life.abort();
      await worker.stop();
      await h.close();
      build.remove();
    },
  };
  return system;
}

export interface ScenarioResult {
  baseline: Outcome;
  outcomes: Outcome[];
  duplicates: string[];
  /** Events in the global log, and in the applications' and certificates' own streams. */
  events: number;
  inStreams: number;
  chainOk: boolean;
  readModels: Awaited<ReturnType<typeof liveAndRebuiltReadModels>>;
  /** Applications started but not yet certified when the fault struck. */
  inFlightAtFault: number;
}

/**
 * One application through to its certificate undisturbed (the expected streams), then `count` at once
 * with `fault` injected `faultAfterMs` into the run; then everything the assertions need.
 */
export async function runScenario(
  system: FaultSystem,
  prefix: string,
  count: number,
  faultAfterMs: number,
  fault: () => Promise<void>,
): Promise<ScenarioResult> {
  const { h, life } = system;
  const baseline = await outcomeOf(h, await certify(life, `${prefix}-000`));
  let finished = 0;
  const runs = Array.from({ length: count }, (_, i) =>
    new Promise((r) => setTimeout(r, i * 150))
      .then(() => certify(life, `${prefix}-${String(i + 1).padStart(3, '0')}`, 20))
      .finally(() => finished++),
  );
  let inFlightAtFault = 0;
  const injected = new Promise((r) => setTimeout(r, faultAfterMs)).then(() => {
    inFlightAtFault = count - finished;
    return fault();
  });
  const [ids] = await Promise.all([Promise.all(runs), injected]);
  const outcomes: Outcome[] = [];
  for (const id of ids) outcomes.push(await outcomeOf(h, id));
  const inStreams = [baseline, ...outcomes].reduce(
    (n, o) => n + o.applicationTypes.length + o.certificateTypes.length + o.sessionTypes.length,
    0,
  );
  const { events, duplicates } = await readWholeLog(h.store, inStreams);
  const chainOk = (await h.store.verifyAll()).ok;
  const readModels = await liveAndRebuiltReadModels(h, system.databaseUrl);
  return { baseline, outcomes, duplicates, events, inStreams, chainOk, readModels, inFlightAtFault };
}

/** The assertions every fault scenario makes (jest expect, so a failure names what differs). */
export function expectNothingLostOrDoubled(result: ScenarioResult, count: number): void {
  const { baseline, outcomes } = result;
  // The fault must have struck mid-run, or the scenario proved nothing.
  expect(result.inFlightAtFault).toBeGreaterThanOrEqual(Math.ceil(count / 2));
  expect(baseline.applicationTypes.at(-1)).toBe('CertificateIssued');
  expect(baseline.certificateTypes).toEqual(['CertificateActivated', 'CredentialIssued']);
  expect(outcomes).toHaveLength(count);
  for (const o of outcomes) {
    expect({ id: o.applicationId, types: o.applicationTypes }).toEqual({
      id: o.applicationId,
      types: baseline.applicationTypes,
    });
    expect({ id: o.certificateNumber, types: o.certificateTypes }).toEqual({
      id: o.certificateNumber,
      types: baseline.certificateTypes,
    });
    expect({ id: o.applicationId, sessionTypes: o.sessionTypes }).toEqual({
      id: o.applicationId,
      sessionTypes: baseline.sessionTypes,
    });
  }
  expect(new Set(outcomes.map((o) => o.certificateNumber)).size).toBe(count);
  expect(result.duplicates).toEqual([]);
  expect(result.events).toBe(result.inStreams);
  expect(result.chainOk).toBe(true);
  expect(result.readModels.live).toEqual(result.readModels.rebuilt);
}
