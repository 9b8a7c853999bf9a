import type { CorridorConfig } from '../../api/src/config/corridor-config';
import { openStorage } from '../../api/src/open-runtime';

/**
 * Storage for a CLI command. An embedded database that a running Corridor holds is never opened a
 * second time (that loses data): the command goes through the server's database socket instead.
 */
export async function openCliStorage(
  config: CorridorConfig,
  say: (text: string) => void = (text) => void process.stderr.write(text),
): ReturnType<typeof openStorage> {
  const storage = await openStorage(config, 'attach');
  const holder = storage.attachedTo;
  if (holder?.socket)
    say(
      `using the embedded database of the running Corridor (pid ${holder.pid}) at ${holder.socket.host}:${holder.socket.port}\n`,
    );
  return storage;
}
