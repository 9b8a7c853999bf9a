import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { workflowsPath } from './corridor-worker';

/**
 * Bundles the workflow code once, at image build time: a production worker then loads the file
 * (`workflowBundle: { codePath }`) instead of running webpack on every start, and every worker of a
 * release runs byte-identical workflow code.
 */
export async function writeWorkflowBundle(file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath });
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, code);
  return target;
}

// `node dist/apps/worker/src/workflow-bundle.js <file>` (the Docker build runs it).
if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node workflow-bundle.js <output file>');
    process.exit(2);
  }
  writeWorkflowBundle(file).then(
    (written) => console.log(`workflow bundle written to ${written}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
