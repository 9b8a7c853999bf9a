import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowsPath } from '../../apps/worker/src/corridor-worker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflows once per test file (webpack is slow; workers share the result). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {}, log() {} },
  });
  return bundle;
}
