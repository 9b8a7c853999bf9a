import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A process or a Postgres cluster a fault test started, to be removed even if the test never can. */
export type Leftover =
  { kind: 'pid'; pid: number; command: string } | { kind: 'cluster'; version: string; name: string };

const dirOf = (run: string) => join(tmpdir(), `corridor-test-leftovers-${run}`);

/**
 * Notes a started resource in a folder of this jest run (test/support/global-setup sets
 * CORRIDOR_TEST_RUN); a test removes the note when it cleans up itself. Jest sandboxes `process`, so
 * an exit hook in a test file does not run: global teardown (the jest parent) sweeps what is left.
 */
export function track(leftover: Leftover): () => void {
  const run = process.env.CORRIDOR_TEST_RUN;
  if (!run) return () => undefined;
  mkdirSync(dirOf(run), { recursive: true });
  const file = join(
    dirOf(run),
    `${leftover.kind}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}.json`,
  );
  writeFileSync(file, JSON.stringify(leftover));
  return () => rmSync(file, { force: true });
}

/** Kills the processes and drops the clusters a run's tests left behind. */
export function sweepLeftovers(run: string): void {
  const dir = dirOf(run);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const file of files) {
    try {
      const leftover = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Leftover;
      if (leftover.kind === 'pid') {
        // Only if that pid still runs what we started (pids are reused).
        const cmdline = readFileSync(`/proc/${leftover.pid}/cmdline`, 'utf8');
        if (cmdline.includes(leftover.command)) process.kill(leftover.pid, 'SIGKILL');
      } else {
        execFileSync('pg_dropcluster', ['--stop', leftover.version, leftover.name], { stdio: 'ignore' });
      }
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
