import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createCorridorWorker } from '../../apps/worker/src/corridor-worker';
import { writeWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import type { CorridorActivities } from '../../workflows/src/public';

Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });

/** The image's build step writes the bundle; the production worker loads it with `workflowBundle: { codePath }`. */
it('writes a workflow bundle file that a worker loads instead of bundling at start', async () => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run through jest (globalSetup starts Temporal)');
  const file = await writeWorkflowBundle(join(mkdtempSync(join(tmpdir(), 'corridor-bundle-')), 'dist', 'workflow-bundle.js'));
  expect(statSync(file).size).toBeGreaterThan(10_000);

  const { worker, connection } = await createCorridorWorker({
    address,
    namespace: 'default',
    taskQueue: `bundle-file-${Date.now()}`,
    activities: {} as CorridorActivities,
    workflowBundle: { codePath: file },
  });
  const running = worker.run();
  expect(worker.getState()).toBe('RUNNING');
  worker.shutdown();
  await running;
  await connection.close();
}, 180_000);
