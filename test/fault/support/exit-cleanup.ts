const cleanups = new Set<() => void>();
let installed = false;

/**
 * Runs `fn` (synchronous: kill a child, drop a cluster) when the jest worker exits, even when a test
 * failed before its afterAll or the run was interrupted. Returns a function that forgets it.
 */
export function onExit(fn: () => void): () => void {
  cleanups.add(fn);
  if (!installed) {
    installed = true;
    const runAll = () => {
      for (const cleanup of [...cleanups]) {
        cleanups.delete(cleanup);
        try {
          cleanup();
        } catch {
          // Best effort on the way out.
        }
      }
    };
    process.once('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        runAll();
        process.exit(130);
      });
  }
  return () => cleanups.delete(fn);
}
