import type { EventStore, SqlDatabase } from '@corridor/event-store';
import { ProgressBar } from './progress-bar';
import type { Projection } from './projection';
import { Projector } from './projector';

export interface RebuildProjectionsOptions {
  store: EventStore;
  db: SqlDatabase;
  projections: Projection[];
  /** Only this projection (default: all). */
  name?: string;
  /** Where the progress bar goes (default process.stderr). */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface RebuiltProjection {
  name: string;
  events: number;
  ms: number;
}

/**
 * For the `projections:rebuild [name]` command: rebuilds one or all projections with a progress
 * bar on stderr (stdout stays free for the result). Run it with the API's projector stopped or not:
 * a running projector notices the reset checkpoint and follows.
 */
export async function rebuildProjections(options: RebuildProjectionsOptions): Promise<RebuiltProjection[]> {
  const out = options.out ?? process.stderr;
  const projector = new Projector({ store: options.store, db: options.db, projections: options.projections });
  const names = options.name ? [options.name] : projector.names();
  const results: RebuiltProjection[] = [];
  for (const name of names) {
    const bar = new ProgressBar(out, name);
    const started = Date.now();
    const { events } = await projector.rebuild(name, (p) => bar.update(p.events, p.total));
    bar.done();
    results.push({ name, events, ms: Date.now() - started });
  }
  return results;
}
