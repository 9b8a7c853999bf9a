// A deliberately incompatible change to the application workflow: it schedules a timer before its
// first activity. Replaying recorded histories against it must fail with a determinism violation,
// which proves the replay test can fail.
import { sleep } from '@temporalio/workflow';
import {
  applicationWorkflow as current,
  type ApplicationWorkflowInput,
} from '../../../workflows/src/application/application.workflow';

export async function applicationWorkflow(input: ApplicationWorkflowInput) {
  await sleep(1);
  return current(input);
}
