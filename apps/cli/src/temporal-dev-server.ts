import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';

export interface DevServerOptions {
  /** SQLite file; in memory when unset. */
  dbFile?: string;
  /** gRPC port; a free one when unset. A port given here must be free, or the start fails. */
  port?: number;
  /** Web UI port (must be free); headless when unset. */
  uiPort?: number;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Faster, less durable SQLite for tests. */
  fast?: boolean;
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const projectRoot = resolve(__dirname, '../../..').replace(/\/dist$/, '');

/** $TEMPORAL_CLI -> PATH -> tools folder -> build, as scripts/temporal-cli.sh implements. */
export function resolveTemporalCli(): string {
  const script = resolve(projectRoot, 'scripts/temporal-cli.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const path = out.trim().split('\n').pop();
  if (!path) throw new Error('scripts/temporal-cli.sh printed no path');
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:port (where the dev server binds). */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolveFree(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolveFree(true)));
  });
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    message: string,
    /** True when a port given in the options was found taken before anything was started. */
    readonly givenPortTaken = false,
  ) {
    super(message);
  }
}

/**
 * A namespace only the dev server we start has: it proves that the server answering on the port is
 * ours and not one that was there before (a failed start leaves the port to whoever holds it). With a
 * SQLite file it is kept beside the file, so restarts reuse one namespace instead of adding more.
 */
function markerNamespace(dbFile: string | undefined): string {
  const fresh = `corridor-instance-${randomBytes(6).toString('hex')}`;
  if (!dbFile) return fresh;
  const file = `${dbFile}.instance`;
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (/^corridor-instance-[0-9a-f]{12}$/.test(kept)) return kept;
  }
  writeFileSync(file, `${fresh}\n`);
  return fresh;
}

/**
 * A `corridor start` killed with SIGKILL leaves its dev server running on the SQLite file. A new
 * start would otherwise run a second server on the same file (on other ports now): stop the orphan
 * first. Only a process whose command line names this very file is touched.
 */
async function stopOrphanOf(dbFile: string): Promise<void> {
  const pidFile = `${dbFile}.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return; // gone (or no /proc: nothing we can check)
  }
  if (!Number.isInteger(pid) || pid <= 0 || !cmdline.includes('start-dev') || !cmdline.includes(dbFile)) return;
  console.warn(`Stopping the Temporal dev server (pid ${pid}) that an earlier run left on ${dbFile}`);
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; existsSync(`/proc/${pid}`); waited += 100) {
    if (waited === 10_000) process.kill(pid, 'SIGKILL');
    if (waited > 20_000) throw new Error(`The Temporal dev server pid ${pid} on ${dbFile} does not stop; stop it first`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function answersAsOurs(address: string, marker: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.getSystemInfo({});
    try {
      await connection.workflowService.describeNamespace({ namespace: marker });
      return true;
    } catch {
      return false;
    }
  } finally {
    await connection.close();
  }
}

/**
 * Starts `temporal server start-dev` and returns once it answers. It never hands back a server it
 * did not start: given ports must be free, the child must still be running, and the server answering
 * must know this start's marker namespace.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  for (const [what, p] of [
    ['gRPC port (TEMPORAL_PORT)', options.port],
    ['web UI port (TEMPORAL_UI_PORT)', options.uiPort],
  ] as const) {
    if (p !== undefined && !(await isPortFree(p)))
      throw new PortInUseError(
        `Cannot start the Temporal dev server: its ${what} ${p} on 127.0.0.1 is already in use by another program. ` +
          'Corridor never uses a Temporal server it did not start: choose another port, leave it unset for a free one, ' +
          'or set TEMPORAL_ADDRESS to use the server that is there.',
        true,
      );
  }
  const cli = resolveTemporalCli();
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const marker = markerNamespace(options.dbFile);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--namespace',
    marker,
    '--log-level',
    options.logLevel ?? 'error',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableExecuteMultiOperation=true',
    '--search-attribute',
    'CorridorStation=Keyword',
    '--sqlite-pragma',
    'journal_mode=WAL',
  ];
  if (options.fast) args.push('--sqlite-pragma', 'synchronous=OFF');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');

  if (options.dbFile) await stopOrphanOf(options.dbFile);
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (options.dbFile && child.pid) writeFileSync(`${options.dbFile}.pid`, `${child.pid}\n`);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const address = `127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  let foreign = false;
  for (;;) {
    let failure: unknown;
    try {
      if (await answersAsOurs(address, marker)) {
        if (running()) break;
      } else foreign = true;
    } catch (error) {
      failure = error;
    }
    if (!running()) {
      // Typically a port taken between our check and its bind: then someone else may answer there.
      throw new PortInUseError(
        `Temporal dev server exited (${child.exitCode ?? child.signalCode}) while starting on ${address}` +
          `${options.uiPort ? ` with web UI port ${options.uiPort}` : ''}` +
          `${foreign ? `; another Temporal server answers on ${address}` : ''}. Corridor never uses a Temporal ` +
          'server it did not start: choose other ports (TEMPORAL_PORT, TEMPORAL_UI_PORT), leave them unset for free ' +
          `ones, or set TEMPORAL_ADDRESS to use an existing server. ${stderr}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        foreign
          ? `A Temporal server answers on ${address}, but not the one Corridor started (no namespace ${marker}).`
          : `Temporal dev server did not answer on ${address} within 60 s: ${String(failure)} ${stderr}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  let stopping: Promise<void> | undefined;
  return {
    address,
    namespace,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: child,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
