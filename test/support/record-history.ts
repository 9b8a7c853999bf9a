import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = join(__dirname, '../workflows/histories');

/**
 * With RECORD_HISTORIES=1, keeps the workflow's history as a replay fixture (committed, then replayed
 * by test/workflows/replay.test.ts so later workflow changes cannot break running applications).
 */
export async function recordHistory(temporal: Client, workflowId: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(join(historiesDir, `${name}.json`), historyToJSON(history));
}
