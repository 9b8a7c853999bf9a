import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE } from '../../../workflows/src/public';
import type { CorridorActivities } from '../../../workflows/src/public';

export interface CorridorWorkerOptions {
  address: string;
  namespace: string;
  activities: CorridorActivities;
  taskQueue?: string;
  /** A prebuilt bundle (tests bundle once per run; production ships one). */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export const workflowsPath = require.resolve('../../../workflows/src/index');

export async function createCorridorWorker(
  options: CorridorWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
  });
  return { worker, connection };
}
