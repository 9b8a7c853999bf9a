import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** What a lock file says about the process that holds an embedded database directory. */
export interface DataDirHolder {
  pid: number;
  hostname: string;
  /** The holder's command line, to tell the user which process it is. */
  command: string;
  since: string;
  /** Where the holder serves the database over the Postgres wire protocol (see pglite-share.ts). */
  socket?: { host: string; port: number };
}

/** A second process tried to open an embedded database directory that a live process holds. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder,
  ) {
    super(
      `The embedded database ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'Two processes must never open it at once (the second one loses data). Stop that process first, ' +
        (holder.socket
          ? `or run CLI commands (audit, seed, projections:rebuild) while it runs: they connect through its database socket at ${holder.socket.host}:${holder.socket.port}.`
          : 'or wait for it to finish.'),
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Records the address of the database socket in the lock file for other processes to use. */
  advertise(socket: { host: string; port: number }): void;
  release(): void;
}

/** Directories this process holds: a second open from the same process is refused too. */
const heldHere = new Set<string>();

export function lockFileOf(dataDir: string): string {
  return `${dataDir}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): DataDirHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DataDirHolder;
  } catch {
    // Missing, or torn by a crash between create and write: nobody we can name holds it.
    return undefined;
  }
}

/**
 * The live holder of a directory, or undefined when it is free or its lock is stale. A lock from
 * another host cannot be checked and counts as held; our own pid counts as held only if this
 * process really took it (after a container restart the new process may get the old pid).
 */
export function liveHolder(dataDir: string): DataDirHolder | undefined {
  const holder = readHolder(lockFileOf(dataDir));
  if (!holder || typeof holder.pid !== 'number') return undefined;
  if (holder.hostname !== hostname()) return holder;
  if (holder.pid === process.pid) return heldHere.has(dataDir) ? holder : undefined;
  return isAlive(holder.pid) ? holder : undefined;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the directory for this process, or throws DataDirInUseError naming the live holder.
 *
 * Why a pid file and not an mtime-refreshed lock (proper-lockfile): PGlite runs Postgres in WASM on
 * the event loop, so a long query would stop the refresh timer and let another process call the
 * lock stale; and after a crash (SIGKILL) a pid check frees the directory at once instead of after
 * a stale period. Taking over a stale lock happens under a mkdir mutex so that two starting
 * processes cannot both remove it and both win.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  if (heldHere.has(dataDir)) throw new DataDirInUseError(dataDir, readHolder(file) ?? selfHolder());
  const me = selfHolder();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = liveHolder(dataDir);
    if (holder) throw new DataDirInUseError(dataDir, holder);
    if (attempt > 50)
      throw new Error(`Could not take the lock ${file}; remove it if no process uses ${dataDir}`);
    takeOverStale(file, dataDir);
  }
  heldHere.add(dataDir);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldHere.delete(dataDir);
    process.off('exit', release);
    // Only our own lock: never remove one another process took after ours was broken.
    if (readHolder(file)?.pid === process.pid) unlinkSyncQuiet(file);
  };
  // A crash that still runs exit handlers (an uncaught error) frees it at once; SIGKILL leaves a
  // stale file that the next process recognises by its dead pid.
  process.on('exit', release);
  return {
    file,
    advertise(socket) {
      me.socket = socket;
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(me), { mode: 0o600 });
      renameSync(tmp, file);
    },
    release,
  };
}

function selfHolder(): DataDirHolder {
  return {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
}

function unlinkSyncQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Removes a stale lock file, under a short-lived mkdir mutex (itself stale after 10 s). */
function takeOverStale(file: string, dataDir: string): void {
  const mutex = `${file}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(mutex).mtimeMs > 10_000) rmdirSync(mutex);
    } catch {
      // gone meanwhile
    }
    sleepSync(50);
    return;
  }
  try {
    // A file without a holder yet may be one that another process is writing this very moment.
    const torn = readHolder(file) === undefined && Date.now() - statSync(file).mtimeMs < 5_000;
    if (torn) sleepSync(50);
    // Look again under the mutex: another process may have taken it over already.
    else if (!liveHolder(dataDir)) unlinkSyncQuiet(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    rmdirSync(mutex);
  }
}
