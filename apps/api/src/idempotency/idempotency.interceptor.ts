import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { concatMap, from, Observable, of, throwError, catchError } from 'rxjs';
import { z } from 'zod';
import { canonicalJson } from '@corridor/event-store';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { IdempotencyStore, type IdempotencyScope } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** How long a duplicate waits for the first request to finish before getting 409 (ms). */
  waitMs: number;
  pollMs: number;
  /**
   * How long a completion or release that failed (its database unreachable) is retried in the
   * background (ms, default 60 s); meanwhile the key stays pending and retries of it wait.
   */
  retryWritesForMs?: number;
}

/** 1–200 printable ASCII characters (a UUID is the usual choice). */
export const IdempotencyKey = z
  .string()
  .min(1, 'the Idempotency-Key header must not be empty')
  .max(200, 'the Idempotency-Key header is at most 200 characters')
  .regex(/^[\x20-\x7e]+$/, 'the Idempotency-Key header takes printable ASCII only');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Idempotency-Key` on POST routes. The first request with a key runs and its response is stored
 * under (caller, method, path, key) with a hash of the body; a retry with the same body gets that
 * response again without running the handler (header `Idempotent-Replayed: true`), one with another
 * body gets 422. A duplicate arriving while the first still runs waits for its answer, or gets 409.
 *
 * Stored: successes and definite refusals (4xx other than 400). Released, so that a retry runs again:
 * 400 (the input was never accepted) and 5xx/unexpected errors (the outcome is unknown).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || header === undefined) return next.handle();

    const parsed = IdempotencyKey.safeParse(Array.isArray(header) ? header.join(', ') : header);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'invalid Idempotency-Key header';
      throw new BadRequestException({ type: 'problem', title: 'invalid request', detail: message, errors: [{ path: 'Idempotency-Key', message }] });
    }
    const scope: IdempotencyScope = { principal: req.principal?.sub ?? 'anonymous', method: req.method, path: req.path, key: parsed.data };
    const requestHash = createHash('sha256').update(canonicalJson(req.body ?? null)).digest('hex');

    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const claim = await this.store.claim(scope, requestHash);
      switch (claim.kind) {
        case 'claimed':
          return this.run(scope, res, next);
        case 'mismatch':
          throw new UnprocessableEntityException({
            type: 'problem',
            title: 'idempotency key reused',
            detail: `the Idempotency-Key ${JSON.stringify(scope.key)} was used for a different request body on ${scope.method} ${scope.path}`,
          });
        case 'done': {
          res.setHeader('Idempotent-Replayed', 'true');
          const { status, body, error } = claim.response;
          if (error) throw new HttpException(body as string | Record<string, unknown>, status);
          res.status(status);
          return of(body);
        }
        case 'pending':
          if (Date.now() >= deadline) {
            res.setHeader('Retry-After', '1');
            throw new ConflictException({
              type: 'problem',
              title: 'request in progress',
              detail: `a request with the Idempotency-Key ${JSON.stringify(scope.key)} is still being processed; retry later`,
            });
          }
          await sleep(this.options.pollMs);
      }
    }
  }

  private run(scope: IdempotencyScope, res: Response, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // The handler has done its work: its answer goes out even if the key cannot be marked done yet.
        await this.persist(() => this.store.complete(scope, { status: res.statusCode, body: body ?? null, error: false }));
        return body;
      }),
      catchError((error: unknown) => from(this.settle(scope, error)).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  private async settle(scope: IdempotencyScope, error: unknown): Promise<void> {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 400 && status < 500 && status !== 400) {
      const body = (error as HttpException).getResponse();
      await this.persist(() => this.store.complete(scope, { status, body, error: true }));
    } else {
      await this.persist(() => this.store.release(scope));
    }
  }

  /**
   * Writes the key's outcome; if the database is unreachable (an outage), the request still gets its
   * own answer, and the write is retried in the background so the key does not stay pending, blocking
   * the client's retries, until it goes stale.
   */
  private async persist(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch {
      void this.retryInBackground(write);
    }
  }

  private async retryInBackground(write: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + (this.options.retryWritesForMs ?? 60_000);
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500).unref());
      try {
        await write();
        return;
      } catch {
        // Still unreachable: try again until the deadline; after it the key goes stale by itself.
      }
    }
  }
}
