import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { workflowsPath } from '../../apps/worker/src/corridor-worker';
import { historiesDir } from '../support/record-history';

const fixtures = readdirSync(historiesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: historyFromJSON(JSON.parse(readFileSync(join(historiesDir, f), 'utf8'))),
  }));

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {}, log() {} };

describe('recorded workflow histories', () => {
  it('exist (recorded from the e2e runs)', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('replay against the current workflow code', async () => {
    const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: quiet });
    const results = Worker.runReplayHistories({ workflowBundle }, fixtures);
    const failures: string[] = [];
    for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('would catch an incompatible change (determinism violation)', async () => {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./incompatible'),
      logger: quiet,
    });
    const application = fixtures.filter((f) => f.workflowId === 'happy-path-rpl');
    expect(application).toHaveLength(1);
    const results = Worker.runReplayHistories({ workflowBundle }, application);
    for await (const r of results) expect(r.error).toBeInstanceOf(DeterminismViolationError);
  }, 120_000);
});
