import { rebuildProjections } from '@corridor/projections';
import { loadConfig } from '../../../api/src/config/corridor-config';
import { allProjections } from '../../../api/src/open-runtime';
import { openCliStorage } from '../cli-storage';
import { rebuildInOneTransaction } from '../rebuild-in-one-transaction';

/** `corridor projections:rebuild [name]`: rebuilds read models from position 0 with a progress bar. */
export async function rebuildCommand(args: string[]): Promise<number> {
  const [name] = args;
  if (name && !allProjections.some((p) => p.name === name)) {
    console.error(`unknown projection ${name}; known: ${allProjections.map((p) => p.name).join(', ')}`);
    return 2;
  }
  const storage = await openCliStorage(loadConfig());
  try {
    const rebuild = storage.attachedTo ? rebuildInOneTransaction : rebuildProjections;
    const results = await rebuild({
      store: storage.store,
      db: storage.db,
      projections: allProjections,
      name,
    });
    console.log(JSON.stringify(results));
    return 0;
  } finally {
    await storage.store.close();
    await storage.db.close();
  }
}
