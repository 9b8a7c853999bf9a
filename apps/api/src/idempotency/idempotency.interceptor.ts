import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
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
import { runIdempotent } from './idempotency.context';
import { IdempotencyStore, type Claim, type IdempotencyScope } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** How long a duplicate waits for the first request to finish before getting 409 (ms). */
  waitMs: number;
  pollMs: number;
}

/** 1–200 printable ASCII characters (a UUID is the usual choice). */
export const IdempotencyKey = z
  .string()
  .min(1, 'the Idempotency-Key header must not be empty')
  .max(200, 'the Idempotency-Key header is at most 200 characters')
  .regex(/^[\x20-\x7e]+$/, 'the Idempotency-Key header takes printable ASCII only');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 4xx answers that are not a verdict on the command, so a retry must run again rather than replay
 * them: 400 (the input was never accepted), 404 (the target may not be visible yet), 408, 413, 429.
 */
const NOT_A_VERDICT = new Set([400, 404, 408, 413, 429]);

/**
 * `Idempotency-Key` on POST routes (draft-ietf-httpapi-idempotency-key-header). The first request with
 * a key runs and its response is stored under (caller, method, path, key) with a hash of the body; a
 * retry with the same body gets that response again without running the handler (header
 * `Idempotent-Replayed: true`), one with another body gets 422. A duplicate arriving while the first
 * still runs waits for its answer, or gets 409 — until the claim's lease runs out, when it takes the
 * claim over (see IdempotencyStoreOptions.leaseMs).
 *
 * The handler runs in an idempotency context (idempotency.context.ts): its Temporal update carries an
 * id derived from the key, so running it again after a lost answer returns the original outcome.
 *
 * Stored: successes and definite refusals (4xx verdicts, e.g. a workflow validator's 409). Released,
 * so that a retry runs again: 4xx that are no verdict (NOT_A_VERDICT) and 5xx/unexpected errors (the
 * outcome is unknown; the retry's update id makes running again safe). Bodies too large or too deep
 * never get here: the body parser refuses them before any key is claimed or body hashed.
 * If the database refuses to store an answer, the client still gets it (the command is recorded) and
 * the store retries in the background; a release likewise.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

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
      const claim = await this.claim(scope, requestHash, res);
      switch (claim.kind) {
        case 'claimed':
          return runIdempotent(scope, () => this.run(scope, claim.token, res, next));
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

  /** Nothing has run yet when the key cannot be claimed: say so (503, retry), not 500. */
  private async claim(scope: IdempotencyScope, requestHash: string, res: Response): Promise<Claim> {
    try {
      return await this.store.claim(scope, requestHash);
    } catch (error) {
      this.logger.warn(`claiming ${scope.method} ${scope.path} key ${JSON.stringify(scope.key)} failed: ${String(error)}`);
      res.setHeader('Retry-After', '1');
      throw new ServiceUnavailableException({
        type: 'problem',
        title: 'idempotency store unavailable',
        detail: 'the Idempotency-Key could not be recorded, so the request was not run; retry it with the same key',
        code: 'idempotency-store-unavailable',
      });
    }
  }

  private run(scope: IdempotencyScope, token: string, res: Response, next: CallHandler): Observable<unknown> {
    const label = `${scope.method} ${scope.path} key ${JSON.stringify(scope.key)}`;
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // The command is recorded: its answer goes out even if storing it fails (the store retries).
        await this.store.persist(`storing the answer to ${label}`, () =>
          this.store.complete(scope, { status: res.statusCode, body: body ?? null, error: false }),
        );
        return body;
      }),
      catchError((error: unknown) => from(this.settle(scope, token, label, error)).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  private async settle(scope: IdempotencyScope, token: string, label: string, error: unknown): Promise<void> {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 400 && status < 500 && !NOT_A_VERDICT.has(status)) {
      const body = (error as HttpException).getResponse();
      await this.store.persist(`storing the refusal of ${label}`, () => this.store.complete(scope, { status, body, error: true }));
    } else {
      await this.store.persist(`releasing ${label}`, () => this.store.release(scope, token));
    }
  }
}
