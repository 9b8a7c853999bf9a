import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure as CommonApplicationFailure } from '@temporalio/common';
import {
  sessionDeliveryUpdate,
  type DeliverToApplicationInput,
  type SessionDeliveredCommand,
} from '../../../../workflows/src/public';

/**
 * Sends a command from one workflow (an assessment session) to an application's workflow as its
 * session-delivery update, the only way bookings and results reach an application. The update id makes a retried delivery return the first outcome instead of acting twice.
 */
export function deliverToApplicationActivity(client: Client) {
  return async function deliverToApplication(
    input: DeliverToApplicationInput,
  ): Promise<{ position: number }> {
    try {
      const result = await client.workflow
        .getHandle(input.applicationId)
        .executeUpdate(sessionDeliveryUpdate, {
          args: [input.command as unknown as SessionDeliveredCommand],
          updateId: input.updateId,
        });
      return { position: result.position };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof CommonApplicationFailure)
        throw ApplicationFailure.nonRetryable(error.cause.message, error.cause.type);
      if (error instanceof WorkflowNotFoundError)
        throw ApplicationFailure.nonRetryable(
          `application ${input.applicationId} does not exist or is closed`,
          'application-not-found',
        );
      throw error;
    }
  };
}
