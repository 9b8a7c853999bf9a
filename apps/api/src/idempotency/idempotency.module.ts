import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { IDEMPOTENCY_OPTIONS, IdempotencyInterceptor, type IdempotencyOptions } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

const options: IdempotencyOptions = { waitMs: 5_000, pollMs: 50 };

/** Idempotency-Key support on every POST route (global interceptor; the table is created on start). */
@Module({
  providers: [
    { provide: IDEMPOTENCY_OPTIONS, useValue: options },
    {
      provide: IdempotencyStore,
      useFactory: (runtime: ApiRuntime) => new IdempotencyStore(runtime.db, { staleAfterMs: 60_000, retentionMs: 24 * 3600_000 }),
      inject: [API_RUNTIME],
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule implements OnModuleInit {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.setup();
  }
}
