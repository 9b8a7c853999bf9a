import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { PublicRateLimitGuard, publicRateLimitFrom } from './public-rate-limit';

/** Per-client limits on public routes (PUBLIC_RATE_LIMIT per minute); answers 429 problem+json. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      useFactory: () => ({
        // Named `default` so the headers are plain Retry-After and X-RateLimit-*.
        throttlers: [{ name: 'default', ttl: 60_000, limit: publicRateLimitFrom() }],
        errorMessage: 'too many requests to a public endpoint; retry after the number of seconds in Retry-After',
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: PublicRateLimitGuard }],
})
export class RateLimitModule {}
