import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { IDEMPOTENCY_OPTIONS, IdempotencyInterceptor, type IdempotencyOptions } from './idempotency.interceptor';
import { IdempotencyStore, type IdempotencyStoreOptions } from './idempotency.store';

/**
 * A duplicate waits up to `waitMs` for the first request's answer. The lease is shorter, so a claim
 * whose process died (or lost its database before it could release) is taken over within that wait
 * instead of blocking the key; taking over is safe because the operation behind a key is idempotent.
 */
const options: IdempotencyOptions = { waitMs: 5_000, pollMs: 50 };
const storeOptions: IdempotencyStoreOptions = {
  leaseMs: 3_000,
  retentionMs: 24 * 3600_000,
  retryDelaysMs: [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000],
};

/** Idempotency-Key support on every POST route (global interceptor; the table is created on start). */
@Module({
  providers: [
    { provide: IDEMPOTENCY_OPTIONS, useValue: options },
    {
      provide: IdempotencyStore,
      useFactory: (runtime: ApiRuntime) => new IdempotencyStore(runtime.db, storeOptions),
      inject: [API_RUNTIME],
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.setup();
  }

  onModuleDestroy(): void {
    this.store.close();
  }
}
