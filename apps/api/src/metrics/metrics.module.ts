import { Module } from '@nestjs/common';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.registry';

@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_REGISTRY,
      useFactory: (runtime: ApiRuntime) =>
        createMetricsRegistry(() => runtime.projector.lag(), {
          status: () => runtime.projector.status(),
          notifications: () => runtime.db.notificationStatus?.(),
        }),
      inject: [API_RUNTIME],
    },
  ],
})
export class MetricsModule {}
