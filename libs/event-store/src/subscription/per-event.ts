import type {
  BatchSubscribeOptions,
  BatchSubscription,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';

/**
 * The port's one-event-at-a-time subscription on top of a batch subscription. Tracks the last
 * handled event itself so that `position` is exact even when a handler fails mid-batch.
 */
export function subscribePerEvent(
  start: (options: BatchSubscribeOptions) => BatchSubscription,
  options: SubscribeOptions,
): Subscription {
  let lastHandled = options.after ?? 0;
  const inner = start({
    after: options.after,
    filter: options.filter,
    onError: options.onError,
    pollIntervalMs: options.pollIntervalMs,
    handler: async (batch) => {
      for (const event of batch.events) {
        await options.handler(event);
        lastHandled = event.position;
      }
    },
  });
  return {
    get position() {
      return lastHandled;
    },
    caughtUp: () => inner.caughtUp(),
    stop: () => inner.stop(),
  };
}
