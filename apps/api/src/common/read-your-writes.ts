import { Logger } from '@nestjs/common';
import type { Projector } from '@corridor/projections';

const logger = new Logger('ReadYourWrites');

/**
 * Waits for the read models to apply a recorded command (read-your-writes). It is a courtesy, not a
 * condition: the command is already in the event store, so a projector that lags or a read-model
 * database that is briefly unreachable must never turn its answer into a 5xx (the client would retry
 * a command that happened). Returns false when the read models have not caught up.
 */
export async function readModelsCaughtUp(projector: Projector, position: number): Promise<boolean> {
  try {
    await projector.waitFor(position);
    return true;
  } catch (error) {
    logger.warn(
      `answering from the workflow's state: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}
