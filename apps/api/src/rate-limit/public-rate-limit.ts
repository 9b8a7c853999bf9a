import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { z } from 'zod';
import { IS_PUBLIC } from '../auth/auth.decorators';

/**
 * Public routes that are never limited: liveness probes. (/metrics is limited like the rest: a
 * scrape every few seconds stays far below the limit, and each scrape queries the database.)
 */
export const RATE_LIMIT_EXEMPT_PATHS = new Set(['/health']);

/**
 * PUBLIC_RATE_LIMIT: requests per minute a client (IP address) may make to each public route
 * (default 120). Behind a proxy, have Express trust it so that the client's address is used.
 */
export function publicRateLimitFrom(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = z.coerce.number().int().min(1).max(1_000_000).default(120).safeParse(env.PUBLIC_RATE_LIMIT?.trim() || undefined);
  if (!parsed.success) throw new Error('Invalid configuration:\n  PUBLIC_RATE_LIMIT: a whole number of requests per minute (1–1000000)');
  return parsed.data;
}

/**
 * Throttles only routes marked @Public() (verification, credentials, keys, status lists): what
 * anyone can call without a token. Authenticated routes and the exempt paths are never limited.
 */
@Injectable()
export class PublicRateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic) return Promise.resolve(true);
    const path = context.switchToHttp().getRequest<Request>().path;
    return Promise.resolve(RATE_LIMIT_EXEMPT_PATHS.has(path));
  }
}
