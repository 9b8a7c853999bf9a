import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isPortFree } from '../../apps/cli/src/temporal-dev-server';

/** The built CLI, run as users run it (`npm start` = build, then this file). */
const root = resolve(__dirname, '../..');
export const cliMain = join(root, 'dist/apps/cli/src/main.js');

/** Builds dist/ once per jest run, under a mkdir lock so that parallel test files never race. */
export async function buildOnce(): Promise<void> {
  // To run these tests against a build made otherwise (e.g. of an older commit, to see them fail).
  if (process.env.CORRIDOR_E2E_SKIP_BUILD) return;
  const lock = join(root, '.e2e-build.lock');
  const stamp = join(root, 'dist', `.e2e-built-${process.ppid}`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) rmdirSync(lock);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(stamp)) return;
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
    writeFileSync(stamp, '');
  } finally {
    rmdirSync(lock);
  }
}

/**
 * A free port for a child's API, below Linux's ephemeral range (32768+): a port picked with
 * listen(0) and handed over could meanwhile be given to one of the child's own dev server sockets.
 */
export async function freeApiPort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port found in 20000-31999');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/apps/cli/src/main.js <args>` to its end. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [cliMain, ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

export interface CorridorProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal). */
  exited: Promise<number | string | null>;
  /** SIGTERM and wait (SIGKILL after 30 s). */
  stop(): Promise<number | string | null>;
}

/** `corridor start` as a child process; `ready` resolves once the banner is printed. */
export function startCorridor(env: Record<string, string>): CorridorProcess & { ready: Promise<void> } {
  const child = spawn(process.execPath, [cliMain, 'start'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (chunk: Buffer): void => {
    out = (out + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | string | null>((res) =>
    child.once('exit', (code, signal) => res(code ?? signal)),
  );
  const ready = new Promise<void>((res, rej) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        res();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      rej(new Error(`corridor start exited (${String(code)}) before it was ready:\n${out.slice(-4000)}`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    output: () => out,
    exited,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** The certificate of a `corridor demo` run (its last line is JSON). */
export function demoResult(result: CliResult): {
  applicationId: string;
  certificateNumber: string;
  events: number;
} {
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code !== 0)
    throw new Error(`corridor demo failed (${result.code}): ${result.stderr}${result.stdout}`);
  return JSON.parse(last) as { applicationId: string; certificateNumber: string; events: number };
}
