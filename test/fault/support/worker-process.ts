import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workflowBundle } from '../../support/workflow-bundle';
import { track } from './leftovers';

const root = resolve(__dirname, '../../..');

export interface WorkerBuild {
  main: string;
  bundlePath: string;
  remove(): void;
}

/**
 * Compiles the apps with swc (as `npm run build` does, into a folder of this test's own under dist/,
 * where node_modules still resolve) and writes the workflow bundle once, so each (re)start of the
 * worker process costs seconds.
 */
export async function buildWorker(label: string): Promise<WorkerBuild> {
  const out = join(root, 'dist', `fault-${label}-${process.pid}`);
  const remove = () => rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(root, 'node_modules/.bin/swc'),
    ['apps', 'libs', 'workflows', '-d', out, '--config-file', '.swcrc', '--copy-files', '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  mkdirSync(out, { recursive: true });
  const bundlePath = join(out, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  return { main: join(out, 'apps/worker/src/main.js'), bundlePath, remove };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker printed that it polls its task queue. */
  ready: Promise<void>;
  output(): string;
  /** SIGKILL: no shutdown hook runs, in-flight activities and workflow tasks are abandoned. */
  kill(): Promise<void>;
  /** SIGTERM with a SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** The worker as production runs it (apps/worker/src/main.ts) in a process of its own. */
export function startWorkerProcess(
  build: WorkerBuild,
  env: { DATABASE_URL: string; TEMPORAL_ADDRESS: string; TEMPORAL_TASK_QUEUE: string },
): WorkerProcess {
  const child = spawn(process.execPath, [build.main], {
    cwd: root,
    env: { ...process.env, ...env, WORKFLOW_BUNDLE: build.bundlePath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = track({ kind: 'pid', pid: child.pid!, command: build.main });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stderr?.on('data', append);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  void exited.then(forget);
  const ready = new Promise<void>((res, rej) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      append(chunk);
      if (log.includes('Corridor worker polling')) res();
    });
    void exited.then(() => rej(new Error(`worker exited before polling (${child.exitCode}): ${log}`)));
  });
  ready.catch(() => undefined);
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };
  return {
    child,
    ready,
    output: () => log,
    kill: () => signal('SIGKILL'),
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await signal('SIGTERM');
      clearTimeout(timer);
    },
  };
}
